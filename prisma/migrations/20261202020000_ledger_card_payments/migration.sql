-- Card payments in the ledger (issue 7). A captured card payment is a merchant_payment process
-- (provider clearing -> merchant coin); an authorized one holds; a void is a gate_reversal process
-- releasing the hold; a refund is a gate_card_refund process (merchant coin -> provider clearing)
-- linked both ways. ledger_record_card_payment() records one payment as it stands; this migration
-- runs it for every existing payment, and the services call it before a payment's money moves again.

CREATE FUNCTION ledger_minor(amount numeric, currency text) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (amount * (10::numeric ^ currency_exponent(currency)))::bigint $$;

CREATE FUNCTION ledger_system_account(merchant uuid, account_kind "LedgerAccountKind", code char(3)) RETURNS uuid
  LANGUAGE plpgsql AS $$
DECLARE found uuid;
BEGIN
  INSERT INTO ledger_account (merchant_id, kind, currency, name, debits_must_not_exceed_credits, credits_must_not_exceed_debits)
  VALUES (merchant, account_kind, code,
          CASE account_kind WHEN 'merchant_coin' THEN 'Merchant coin ' WHEN 'bank' THEN 'Bank '
            WHEN 'exchange_reserve' THEN 'Exchange reserve ' ELSE 'Fees ' END || code,
          account_kind IN ('exchange_reserve', 'fees'), false)
  ON CONFLICT (merchant_id, kind, currency) WHERE kind IN ('merchant_coin', 'bank', 'exchange_reserve', 'fees') DO NOTHING;
  SELECT id INTO found FROM ledger_account WHERE merchant_id = merchant AND kind = account_kind AND currency = code;
  RETURN found;
END;
$$;

CREATE FUNCTION ledger_clearing_account(merchant uuid, gateway uuid) RETURNS uuid
  LANGUAGE plpgsql AS $$
DECLARE found uuid;
BEGIN
  INSERT INTO ledger_account (merchant_id, kind, currency, gateway_id, name, debits_must_not_exceed_credits, credits_must_not_exceed_debits)
  SELECT g.merchant_id, 'provider_clearing', g.currency, g.id, 'Clearing ' || g.name, false, false
  FROM payment_gateway g WHERE g.id = gateway AND g.merchant_id = merchant
  ON CONFLICT (merchant_id, gateway_id) WHERE kind = 'provider_clearing' DO NOTHING;
  SELECT id INTO found FROM ledger_account WHERE merchant_id = merchant AND kind = 'provider_clearing' AND gateway_id = gateway;
  RETURN found;
END;
$$;

-- Records a card payment that is not in the ledger yet, as it stands now (idempotent: a payment
-- already recorded is left alone). Returns the merchant_payment process id.
CREATE FUNCTION ledger_record_card_payment(payment uuid) RETURNS uuid
  LANGUAGE plpgsql AS $$
DECLARE
  p payment_transaction%ROWTYPE;
  existing uuid;
  process uuid;
  merchant_coin uuid;
  clearing uuid;
  captured bigint;
  hold uuid;
  refund record;
  refund_process uuid;
  last_refund uuid;
  recorded bigint := 0;
  remainder bigint;
BEGIN
  SELECT * INTO p FROM payment_transaction WHERE id = payment AND kind = 'payment' FOR UPDATE;
  IF NOT FOUND THEN RETURN NULL; END IF;
  SELECT id INTO existing FROM business_process
   WHERE payment_transaction_id = payment AND type = 'merchant_payment';
  IF FOUND THEN RETURN existing; END IF;

  merchant_coin := ledger_system_account(p.merchant_id, 'merchant_coin', p.currency);
  clearing := ledger_clearing_account(p.merchant_id, p.gateway_id);
  captured := ledger_minor(p.captured_amount, p.currency);

  IF p.state IN ('created', 'pending', 'attempted', 'failed', 'canceled', 'expired')
     OR (p.state IN ('paid', 'partially_refunded', 'refunded') AND captured = 0) THEN
    -- No money moved: the process records the payment and ends (or waits) without transfers.
    INSERT INTO business_process (merchant_id, type, process_class, status, customer_id, amount, currency,
                                  gateway_id, payment_transaction_id, metadata, created_at, finished_at, status_reason)
    VALUES (p.merchant_id, 'merchant_payment', 'MerchantPaymentProcess',
            CASE WHEN p.state IN ('created', 'pending', 'attempted') THEN 'created'::"ProcessStatus" ELSE 'declined'::"ProcessStatus" END,
            p.customer_id, ledger_minor(p.amount, p.currency), p.currency, p.gateway_id, p.id,
            jsonb_build_object('orderNo', p.order_no, 'recordedFrom', p.state::text), p.created_at,
            CASE WHEN p.state IN ('created', 'pending', 'attempted') THEN NULL ELSE p.updated_at END,
            CASE WHEN p.state IN ('created', 'pending', 'attempted') THEN NULL ELSE 'payment ' || p.state::text END)
    RETURNING id INTO process;
    RETURN process;
  END IF;

  IF p.state IN ('authorized', 'voided') THEN
    INSERT INTO business_process (merchant_id, type, process_class, status, customer_id, amount, currency,
                                  gateway_id, payment_transaction_id, metadata, created_at)
    VALUES (p.merchant_id, 'merchant_payment', 'MerchantPaymentProcess', 'pending', p.customer_id,
            ledger_minor(p.amount, p.currency), p.currency, p.gateway_id, p.id,
            jsonb_build_object('orderNo', p.order_no, 'recordedFrom', p.state::text), p.created_at)
    RETURNING id INTO process;
    INSERT INTO ledger_transfer (merchant_id, process_id, seq, kind, debit_account_id, credit_account_id, currency, amount, created_at)
    VALUES (p.merchant_id, process, 1, 'pending', clearing, merchant_coin, p.currency, ledger_minor(p.amount, p.currency), p.created_at)
    RETURNING id INTO hold;
    IF p.state = 'voided' THEN
      INSERT INTO business_process (merchant_id, type, process_class, status, customer_id, amount, currency,
                                    gateway_id, payment_transaction_id, refund_process_id, metadata, finished_at)
      VALUES (p.merchant_id, 'gate_reversal', 'GateProcess', 'processed', p.customer_id,
              ledger_minor(p.amount, p.currency), p.currency, p.gateway_id, p.id, process,
              jsonb_build_object('orderNo', p.order_no), p.updated_at)
      RETURNING id INTO refund_process;
      INSERT INTO ledger_transfer (merchant_id, process_id, seq, kind, debit_account_id, credit_account_id, currency, amount, pending_id)
      VALUES (p.merchant_id, refund_process, 1, 'void_pending', clearing, merchant_coin, p.currency, ledger_minor(p.amount, p.currency), hold);
      UPDATE business_process SET status = 'declined', refund_process_id = refund_process, finished_at = p.updated_at,
             status_reason = 'voided'
       WHERE id = process;
    END IF;
    RETURN process;
  END IF;

  -- paid, partially_refunded, refunded: the capture, then each refund.
  INSERT INTO business_process (merchant_id, type, process_class, status, customer_id, amount, currency,
                                gateway_id, payment_transaction_id, metadata, created_at, finished_at)
  VALUES (p.merchant_id, 'merchant_payment', 'MerchantPaymentProcess', 'processed', p.customer_id,
          captured, p.currency, p.gateway_id, p.id,
          jsonb_build_object('orderNo', p.order_no, 'recordedFrom', p.state::text), p.created_at, p.created_at)
  RETURNING id INTO process;
  INSERT INTO ledger_transfer (merchant_id, process_id, seq, kind, debit_account_id, credit_account_id, currency, amount, created_at)
  VALUES (p.merchant_id, process, 1, 'posted', clearing, merchant_coin, p.currency, captured, p.created_at)
  RETURNING id INTO hold;
  UPDATE business_process SET tx_id_to_refund = hold WHERE id = process;

  FOR refund IN
    SELECT c.id, c.amount, c.created_at FROM payment_transaction c
    WHERE c.parent_id = p.id AND c.kind = 'refund' ORDER BY c.created_at, c.id
  LOOP
    refund_process := ledger_record_refund(p, process, hold, clearing, merchant_coin, ledger_minor(refund.amount, p.currency), refund.created_at, refund.id);
    recorded := recorded + ledger_minor(refund.amount, p.currency);
    last_refund := refund_process;
  END LOOP;
  -- A refunded amount without refund rows (data made before refunds had rows) is one more refund.
  remainder := ledger_minor(p.refunded_amount, p.currency) - recorded;
  IF remainder > 0 THEN
    last_refund := ledger_record_refund(p, process, hold, clearing, merchant_coin, remainder, p.updated_at, NULL);
  END IF;
  IF last_refund IS NOT NULL THEN
    UPDATE business_process SET refund_process_id = last_refund WHERE id = process;
  END IF;
  RETURN process;
END;
$$;

CREATE FUNCTION ledger_record_refund(p payment_transaction, original uuid, original_transfer uuid, clearing uuid,
                                     merchant_coin uuid, minor bigint, at timestamptz, child uuid) RETURNS uuid
  LANGUAGE plpgsql AS $$
DECLARE process uuid;
BEGIN
  INSERT INTO business_process (merchant_id, type, process_class, status, customer_id, amount, currency,
                                gateway_id, payment_transaction_id, refund_process_id, tx_id_to_refund, metadata, created_at, finished_at)
  VALUES (p.merchant_id, 'gate_card_refund', 'CardRefundProcess', 'processed', p.customer_id, minor, p.currency,
          p.gateway_id, p.id, original, original_transfer,
          jsonb_build_object('orderNo', p.order_no, 'refundTransactionId', child), at, at)
  RETURNING id INTO process;
  INSERT INTO ledger_transfer (merchant_id, process_id, seq, kind, debit_account_id, credit_account_id, currency, amount, created_at)
  VALUES (p.merchant_id, process, 1, 'posted', merchant_coin, clearing, p.currency, minor, at);
  RETURN process;
END;
$$;

-- The payment's refunded_amount is kept because a constraint ties it to the ledger: for a payment
-- in the ledger it equals the posted refunds of its processed gate_card_refund processes, checked
-- at commit (deferred), so the column and the transfers are written in one transaction in any order.
CREATE FUNCTION payment_refunded_amount_matches_ledger() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  payment uuid;
  p payment_transaction%ROWTYPE;
  refunded bigint;
BEGIN
  -- Two tables share this function; each branch names only its own table's column.
  IF TG_TABLE_NAME = 'payment_transaction' THEN
    payment := NEW.id;
  ELSE
    payment := NEW.payment_transaction_id;
  END IF;
  SELECT * INTO p FROM payment_transaction WHERE id = payment AND kind = 'payment';
  IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM business_process WHERE payment_transaction_id = payment AND type = 'merchant_payment') THEN
    RETURN NULL;
  END IF;
  SELECT coalesce(sum(t.amount), 0) INTO refunded
  FROM business_process r JOIN ledger_transfer t ON t.process_id = r.id AND t.kind = 'posted'
  WHERE r.payment_transaction_id = payment AND r.type = 'gate_card_refund' AND r.status = 'processed';
  IF refunded <> ledger_minor(p.refunded_amount, p.currency) THEN
    RAISE EXCEPTION 'payment_refunded_amount_matches_ledger: payment % has refunded_amount % but the ledger holds % minor units of refunds', payment, p.refunded_amount, refunded
      USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_refunded_amount_matches_ledger';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER payment_refunded_amount_matches_ledger
  AFTER INSERT OR UPDATE ON "payment_transaction" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION payment_refunded_amount_matches_ledger();
CREATE CONSTRAINT TRIGGER business_process_refund_matches_payment
  AFTER INSERT OR UPDATE ON "business_process" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.type = 'gate_card_refund' AND NEW.payment_transaction_id IS NOT NULL)
  EXECUTE FUNCTION payment_refunded_amount_matches_ledger();

-- The backfill: every existing payment (with its refunds and voids) into the ledger.
SELECT ledger_record_card_payment(id) FROM payment_transaction WHERE kind = 'payment' ORDER BY created_at, id;
