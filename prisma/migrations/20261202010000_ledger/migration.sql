-- The ledger (issue 7): accounts ("coins"), immutable atomic transfers, business processes, limit
-- profiles and card-issue one-time codes. Every "must never" of the ledger is a named constraint or
-- trigger here; lib/domain/ledger holds the same rules for clear messages before the database.

CREATE TYPE "LedgerAccountKind" AS ENUM ('client_coin', 'prepaid_voucher', 'deposit_coin', 'merchant_coin', 'provider_clearing', 'bank', 'cash_desk', 'exchange_reserve', 'fees');
CREATE TYPE "LedgerAccountStatus" AS ENUM ('active', 'closed');
CREATE TYPE "LedgerTransferKind" AS ENUM ('posted', 'pending', 'post_pending', 'void_pending', 'expire_pending');
CREATE TYPE "ProcessStatus" AS ENUM ('created', 'waiting_for_approval', 'limited', 'pending', 'processed', 'declined', 'rejected', 'error');
CREATE TYPE "ProcessType" AS ENUM ('gate_redeem', 'client_transaction_transfer', 'client_transaction_issue', 'client_create_prepaid', 'client_charge_prepaid', 'merchant_payment', 'merchant_invoice', 'gate_charge', 'gate_purchase', 'gate_issue_card', 'exchange_transaction', 'exchange_reserve_top_up', 'exchange_reserve_withdraw', 'cash_desk_redeem', 'cash_desk_charge', 'cash_investment', 'cash_collect', 'cash_input', 'contract_transit', 'bank_topup', 'bank_redeem', 'gate_card_refund', 'gate_refund', 'gate_reversal');

-- Targets of the composite foreign keys below: an account's customer and gateway are the merchant's own.
CREATE UNIQUE INDEX "customer_id_merchant_id_key" ON "customer"("id", "merchant_id");
CREATE UNIQUE INDEX "payment_gateway_id_merchant_id_key" ON "payment_gateway"("id", "merchant_id");

CREATE TABLE "ledger_account" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "kind" "LedgerAccountKind" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "customer_id" UUID,
    "gateway_id" UUID,
    "name" TEXT NOT NULL,
    "status" "LedgerAccountStatus" NOT NULL DEFAULT 'active',
    "debits_must_not_exceed_credits" BOOLEAN NOT NULL,
    "credits_must_not_exceed_debits" BOOLEAN NOT NULL,
    "debits_pending" BIGINT NOT NULL DEFAULT 0,
    "debits_posted" BIGINT NOT NULL DEFAULT 0,
    "credits_pending" BIGINT NOT NULL DEFAULT 0,
    "credits_posted" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "ledger_account_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ledger_account_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ledger_account_customer_id_fkey" FOREIGN KEY ("customer_id", "merchant_id") REFERENCES "customer"("id", "merchant_id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ledger_account_gateway_id_fkey" FOREIGN KEY ("gateway_id", "merchant_id") REFERENCES "payment_gateway"("id", "merchant_id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ledger_account_currency_known" CHECK (currency_exponent(currency) IS NOT NULL),
    CONSTRAINT "ledger_account_name_not_blank" CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT "ledger_account_balances_not_negative" CHECK (
      debits_pending >= 0 AND debits_posted >= 0 AND credits_pending >= 0 AND credits_posted >= 0),
    -- TigerBeetle's limit flags; pending amounts count, so a hold reserves funds at once.
    CONSTRAINT "ledger_account_debits_within_credits" CHECK (
      NOT debits_must_not_exceed_credits OR debits_pending + debits_posted <= credits_posted),
    CONSTRAINT "ledger_account_credits_within_debits" CHECK (
      NOT credits_must_not_exceed_debits OR credits_pending + credits_posted <= debits_posted),
    -- The flags each kind carries (lib/domain/ledger/accounts.ts ACCOUNT_KIND_FLAGS).
    CONSTRAINT "ledger_account_flags_match_kind" CHECK (
      debits_must_not_exceed_credits = (kind IN ('client_coin', 'prepaid_voucher', 'deposit_coin', 'exchange_reserve', 'fees'))
      AND credits_must_not_exceed_debits = (kind = 'cash_desk')),
    CONSTRAINT "ledger_account_owner_matches_kind" CHECK (
      (customer_id IS NOT NULL) = (kind IN ('client_coin', 'prepaid_voucher', 'deposit_coin'))),
    CONSTRAINT "ledger_account_gateway_matches_kind" CHECK (
      (gateway_id IS NOT NULL) = (kind = 'provider_clearing')),
    CONSTRAINT "ledger_account_closed_holds_nothing" CHECK (
      status = 'active' OR (debits_pending = 0 AND credits_pending = 0 AND closed_at IS NOT NULL))
);
CREATE UNIQUE INDEX "ledger_account_id_merchant_id_currency_key" ON "ledger_account"("id", "merchant_id", "currency");
CREATE INDEX "ledger_account_merchant_id_customer_id_idx" ON "ledger_account"("merchant_id", "customer_id");
CREATE INDEX "ledger_account_merchant_id_kind_currency_idx" ON "ledger_account"("merchant_id", "kind", "currency");
-- One merchant coin, bank, exchange reserve and fees account per merchant and currency; one
-- clearing account per gateway.
CREATE UNIQUE INDEX "ledger_account_one_system_account_per_currency" ON "ledger_account"("merchant_id", "kind", "currency")
  WHERE kind IN ('merchant_coin', 'bank', 'exchange_reserve', 'fees');
CREATE UNIQUE INDEX "ledger_account_one_clearing_account_per_gateway" ON "ledger_account"("merchant_id", "gateway_id")
  WHERE kind = 'provider_clearing';

CREATE TABLE "business_process" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "type" "ProcessType" NOT NULL,
    "process_class" TEXT NOT NULL,
    "status" "ProcessStatus" NOT NULL,
    "customer_id" UUID,
    "amount" BIGINT NOT NULL,
    "fee" BIGINT NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL,
    "counter_amount" BIGINT,
    "counter_currency" CHAR(3),
    "exchange_rate" DECIMAL(24,12),
    "source_account_id" UUID,
    "destination_account_id" UUID,
    "gateway_id" UUID,
    "request_identifier" TEXT,
    "external_process_id" TEXT,
    "refund_process_id" UUID,
    "tx_id_to_refund" UUID,
    "payment_transaction_id" UUID,
    "idempotency_key" TEXT,
    "request_hash" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "status_reason" TEXT,
    "last_error" TEXT,
    "limit_breaches" TEXT[] NOT NULL DEFAULT '{}',
    "hold_expires_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "approved_by_id" UUID,
    "approved_at" TIMESTAMPTZ(3),
    "otp_confirmed_at" TIMESTAMPTZ(3),
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "business_process_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "business_process_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "business_process_customer_id_fkey" FOREIGN KEY ("customer_id", "merchant_id") REFERENCES "customer"("id", "merchant_id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "business_process_refund_process_id_fkey" FOREIGN KEY ("refund_process_id") REFERENCES "business_process"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "business_process_payment_transaction_id_fkey" FOREIGN KEY ("payment_transaction_id") REFERENCES "payment_transaction"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "business_process_source_account_fkey" FOREIGN KEY ("source_account_id") REFERENCES "ledger_account"("id") ON DELETE RESTRICT,
    CONSTRAINT "business_process_destination_account_fkey" FOREIGN KEY ("destination_account_id") REFERENCES "ledger_account"("id") ON DELETE RESTRICT,
    CONSTRAINT "business_process_gateway_fkey" FOREIGN KEY ("gateway_id", "merchant_id") REFERENCES "payment_gateway"("id", "merchant_id") ON DELETE RESTRICT,
    CONSTRAINT "business_process_amount_not_negative" CHECK (amount >= 0 AND fee >= 0),
    CONSTRAINT "business_process_currency_known" CHECK (currency_exponent(currency) IS NOT NULL),
    CONSTRAINT "business_process_exchange_complete" CHECK (
      (type = 'exchange_transaction') = (counter_amount IS NOT NULL AND counter_currency IS NOT NULL AND exchange_rate IS NOT NULL)),
    CONSTRAINT "business_process_external_id_gate_only" CHECK (
      external_process_id IS NULL OR process_class = 'GateProcess'),
    CONSTRAINT "business_process_not_own_refund" CHECK (refund_process_id IS DISTINCT FROM id),
    CONSTRAINT "business_process_text_lengths" CHECK (
      coalesce(length(request_identifier), 0) <= 200 AND coalesce(length(external_process_id), 0) <= 200
      AND coalesce(length(idempotency_key), 0) <= 255 AND coalesce(length(status_reason), 0) <= 500
      AND coalesce(length(last_error), 0) <= 2000),
    -- The source's class for each type (lib/domain/ledger/catalogue.ts).
    CONSTRAINT "business_process_class_matches_type" CHECK (process_class = CASE type
      WHEN 'gate_redeem' THEN 'GateProcess' WHEN 'gate_charge' THEN 'GateProcess'
      WHEN 'gate_purchase' THEN 'GateProcess' WHEN 'gate_issue_card' THEN 'GateProcess'
      WHEN 'gate_reversal' THEN 'GateProcess'
      WHEN 'client_transaction_transfer' THEN 'ClientTransactionProcess'
      WHEN 'client_transaction_issue' THEN 'ClientTransactionProcess'
      WHEN 'client_create_prepaid' THEN 'ClientTransactionProcess'
      WHEN 'client_charge_prepaid' THEN 'ClientTransactionProcess'
      WHEN 'merchant_payment' THEN 'MerchantPaymentProcess'
      WHEN 'merchant_invoice' THEN 'MerchantInvoiceProcess'
      WHEN 'exchange_transaction' THEN 'ExchangeProcess'
      WHEN 'exchange_reserve_top_up' THEN 'ExchangeReserveProcess'
      WHEN 'exchange_reserve_withdraw' THEN 'ExchangeReserveProcess'
      WHEN 'cash_desk_redeem' THEN 'CashDeskProcess' WHEN 'cash_desk_charge' THEN 'CashDeskProcess'
      WHEN 'cash_investment' THEN 'InvestmentProcess'
      WHEN 'cash_collect' THEN 'CashReserveProcess' WHEN 'cash_input' THEN 'CashReserveProcess'
      WHEN 'contract_transit' THEN 'ContractTransitProcess'
      WHEN 'bank_topup' THEN 'BankProcess' WHEN 'bank_redeem' THEN 'BankProcess'
      WHEN 'gate_card_refund' THEN 'CardRefundProcess' WHEN 'gate_refund' THEN 'CardRefundProcess'
    END)
);
CREATE UNIQUE INDEX "business_process_id_merchant_id_key" ON "business_process"("id", "merchant_id");
CREATE UNIQUE INDEX "business_process_merchant_id_idempotency_key_key" ON "business_process"("merchant_id", "idempotency_key");
CREATE UNIQUE INDEX "business_process_request_identifier_once" ON "business_process"("merchant_id", "request_identifier")
  WHERE request_identifier IS NOT NULL;
CREATE INDEX "business_process_merchant_id_created_at_id_idx" ON "business_process"("merchant_id", "created_at" DESC, "id" DESC);
CREATE INDEX "business_process_merchant_id_type_created_at_id_idx" ON "business_process"("merchant_id", "type", "created_at" DESC, "id" DESC);
CREATE INDEX "business_process_merchant_id_status_created_at_id_idx" ON "business_process"("merchant_id", "status", "created_at" DESC, "id" DESC);
CREATE INDEX "business_process_merchant_id_customer_id_created_at_id_idx" ON "business_process"("merchant_id", "customer_id", "created_at" DESC, "id" DESC);
CREATE INDEX "business_process_payment_transaction_id_idx" ON "business_process"("payment_transaction_id");
CREATE INDEX "business_process_hold_expiry" ON "business_process"("hold_expires_at") WHERE status = 'pending' AND hold_expires_at IS NOT NULL;
CREATE INDEX "business_process_refund_process_id_idx" ON "business_process"("refund_process_id");

CREATE TABLE "ledger_transfer" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "process_id" UUID NOT NULL,
    "seq" SMALLINT NOT NULL,
    "kind" "LedgerTransferKind" NOT NULL,
    "debit_account_id" UUID NOT NULL,
    "credit_account_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount" BIGINT NOT NULL,
    "pending_id" UUID,
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_transfer_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ledger_transfer_process_id_fkey" FOREIGN KEY ("process_id", "merchant_id") REFERENCES "business_process"("id", "merchant_id") ON DELETE RESTRICT,
    -- Both accounts are the transfer's merchant's and in the transfer's currency: a cross-currency or
    -- cross-merchant transfer cannot be written.
    CONSTRAINT "ledger_transfer_debit_account_fkey" FOREIGN KEY ("debit_account_id", "merchant_id", "currency") REFERENCES "ledger_account"("id", "merchant_id", "currency") ON DELETE RESTRICT,
    CONSTRAINT "ledger_transfer_credit_account_fkey" FOREIGN KEY ("credit_account_id", "merchant_id", "currency") REFERENCES "ledger_account"("id", "merchant_id", "currency") ON DELETE RESTRICT,
    CONSTRAINT "ledger_transfer_pending_id_fkey" FOREIGN KEY ("pending_id") REFERENCES "ledger_transfer"("id") ON DELETE RESTRICT,
    CONSTRAINT "ledger_transfer_seq_range" CHECK (seq BETWEEN 1 AND 8),
    CONSTRAINT "ledger_transfer_amount_positive" CHECK (amount > 0),
    CONSTRAINT "ledger_transfer_two_accounts" CHECK (debit_account_id <> credit_account_id),
    CONSTRAINT "ledger_transfer_resolution_names_hold" CHECK (
      (kind IN ('post_pending', 'void_pending', 'expire_pending')) = (pending_id IS NOT NULL)),
    CONSTRAINT "ledger_transfer_expiry_on_holds_only" CHECK (expires_at IS NULL OR kind = 'pending')
);
-- At most 8 transfers per process: seq is 1..8 and unique within the process.
CREATE UNIQUE INDEX "ledger_transfer_process_id_seq_key" ON "ledger_transfer"("process_id", "seq");
-- A hold is resolved (posted, voided or expired) at most once.
CREATE UNIQUE INDEX "ledger_transfer_resolves_hold_once" ON "ledger_transfer"("pending_id") WHERE pending_id IS NOT NULL;
CREATE INDEX "ledger_transfer_debit_account_id_created_at_id_idx" ON "ledger_transfer"("debit_account_id", "created_at" DESC, "id" DESC);
CREATE INDEX "ledger_transfer_credit_account_id_created_at_id_idx" ON "ledger_transfer"("credit_account_id", "created_at" DESC, "id" DESC);

ALTER TABLE "business_process" ADD CONSTRAINT "business_process_tx_id_to_refund_fkey"
  FOREIGN KEY ("tx_id_to_refund") REFERENCES "ledger_transfer"("id") ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE "limit_profile" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "process_type" "ProcessType" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "max_amount" BIGINT,
    "max_daily_total" BIGINT,
    "max_daily_count" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "limit_profile_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "limit_profile_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "limit_profile_currency_known" CHECK (currency_exponent(currency) IS NOT NULL),
    CONSTRAINT "limit_profile_limits_positive" CHECK (
      coalesce(max_amount, 1) > 0 AND coalesce(max_daily_total, 1) > 0 AND coalesce(max_daily_count, 1) > 0)
);
CREATE UNIQUE INDEX "limit_profile_merchant_id_process_type_currency_key" ON "limit_profile"("merchant_id", "process_type", "currency");

CREATE TABLE "process_one_time_code" (
    "process_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "process_one_time_code_pkey" PRIMARY KEY ("process_id"),
    CONSTRAINT "process_one_time_code_process_id_fkey" FOREIGN KEY ("process_id") REFERENCES "business_process"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "process_one_time_code_attempts_range" CHECK (attempts BETWEEN 0 AND 5)
);

-- Transfers are immutable.
CREATE FUNCTION ledger_transfer_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_transfer_immutable: ledger_transfer is immutable (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'ledger_transfer_immutable';
END;
$$;
CREATE TRIGGER ledger_transfer_immutable
  BEFORE UPDATE OR DELETE ON "ledger_transfer"
  FOR EACH ROW EXECUTE FUNCTION ledger_transfer_refuse_change();

-- Balances move with the transfer, in the same statement: a hold's resolution is checked against the
-- hold (same accounts, not more than held, not expired unless it is the expiry's release), then both
-- accounts' columns move. The account must be active. The CHECKs on ledger_account then refuse an
-- overdraft.
CREATE FUNCTION ledger_transfer_apply() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  hold ledger_transfer%ROWTYPE;
  held BIGINT := 0;
  d_pending BIGINT := 0;
  d_posted BIGINT := 0;
BEGIN
  IF NEW.kind = 'posted' THEN
    d_posted := NEW.amount;
  ELSIF NEW.kind = 'pending' THEN
    d_pending := NEW.amount;
  ELSE
    SELECT * INTO hold FROM ledger_transfer WHERE id = NEW.pending_id;
    IF NOT FOUND OR hold.kind <> 'pending' THEN
      RAISE EXCEPTION 'ledger_transfer_resolves_a_hold: transfer % does not resolve a hold', NEW.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transfer_resolves_a_hold';
    END IF;
    IF hold.debit_account_id <> NEW.debit_account_id OR hold.credit_account_id <> NEW.credit_account_id
       OR hold.merchant_id <> NEW.merchant_id THEN
      RAISE EXCEPTION 'ledger_transfer_resolves_a_hold: transfer % resolves a hold on other accounts', NEW.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transfer_resolves_a_hold';
    END IF;
    IF NEW.kind = 'post_pending' AND NEW.amount > hold.amount THEN
      RAISE EXCEPTION 'ledger_transfer_post_within_hold: transfer % posts more than its hold', NEW.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transfer_post_within_hold';
    END IF;
    IF NEW.kind <> 'post_pending' AND NEW.amount <> hold.amount THEN
      RAISE EXCEPTION 'ledger_transfer_release_whole_hold: transfer % releases another amount than its hold', NEW.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transfer_release_whole_hold';
    END IF;
    IF NEW.kind IN ('post_pending', 'void_pending') AND hold.expires_at IS NOT NULL
       AND hold.expires_at <= statement_timestamp() THEN
      RAISE EXCEPTION 'ledger_hold_expired: hold % has expired', hold.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_hold_expired';
    END IF;
    IF NEW.kind = 'expire_pending' AND (hold.expires_at IS NULL OR hold.expires_at > statement_timestamp()) THEN
      RAISE EXCEPTION 'ledger_hold_not_expired: hold % has not expired', hold.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_hold_not_expired';
    END IF;
    held := hold.amount;
    IF NEW.kind = 'post_pending' THEN d_posted := NEW.amount; END IF;
    d_pending := -held;
  END IF;

  UPDATE ledger_account
     SET debits_pending = debits_pending + d_pending, debits_posted = debits_posted + d_posted
   WHERE id = NEW.debit_account_id AND (status = 'active' OR NEW.kind IN ('void_pending', 'expire_pending'));
  IF NOT FOUND THEN
    RAISE EXCEPTION 'ledger_account_active: account % is closed', NEW.debit_account_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_account_active';
  END IF;
  UPDATE ledger_account
     SET credits_pending = credits_pending + d_pending, credits_posted = credits_posted + d_posted
   WHERE id = NEW.credit_account_id AND (status = 'active' OR NEW.kind IN ('void_pending', 'expire_pending'));
  IF NOT FOUND THEN
    RAISE EXCEPTION 'ledger_account_active: account % is closed', NEW.credit_account_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_account_active';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_transfer_apply
  BEFORE INSERT ON "ledger_transfer"
  FOR EACH ROW EXECUTE FUNCTION ledger_transfer_apply();

-- Balances change only through transfers: a direct UPDATE of the four columns (not made by the
-- trigger above) and an account created with a balance are refused.
CREATE FUNCTION ledger_account_balances_from_transfers() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.debits_pending <> 0 OR NEW.debits_posted <> 0 OR NEW.credits_pending <> 0 OR NEW.credits_posted <> 0 THEN
      RAISE EXCEPTION 'ledger_account_balances_from_transfers: an account starts with zero balances'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_account_balances_from_transfers';
    END IF;
  ELSIF pg_trigger_depth() < 2 AND (
      NEW.debits_pending <> OLD.debits_pending OR NEW.debits_posted <> OLD.debits_posted
      OR NEW.credits_pending <> OLD.credits_pending OR NEW.credits_posted <> OLD.credits_posted) THEN
    RAISE EXCEPTION 'ledger_account_balances_from_transfers: balances move only through ledger_transfer'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_account_balances_from_transfers';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.kind <> OLD.kind OR NEW.currency <> OLD.currency OR NEW.merchant_id <> OLD.merchant_id) THEN
    RAISE EXCEPTION 'ledger_account_identity_fixed: an account keeps its kind, currency and merchant'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_account_identity_fixed';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_account_balances_from_transfers
  BEFORE INSERT OR UPDATE ON "ledger_account"
  FOR EACH ROW EXECUTE FUNCTION ledger_account_balances_from_transfers();

-- A process moves only along lib/domain/ledger/statuses.ts PROCESS_TRANSITIONS.
CREATE FUNCTION business_process_status_transition() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
       (OLD.status = 'created' AND NEW.status IN ('pending', 'declined', 'error'))
    OR (OLD.status = 'waiting_for_approval' AND NEW.status IN ('pending', 'declined', 'error'))
    OR (OLD.status = 'limited' AND NEW.status IN ('processed', 'rejected', 'pending', 'error'))
    OR (OLD.status = 'pending' AND NEW.status IN ('processed', 'declined', 'error'))) THEN
    RAISE EXCEPTION 'business_process_status_transition: a business process cannot move from % to %', OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'business_process_status_transition';
  END IF;
  IF NEW.type <> OLD.type OR NEW.merchant_id <> OLD.merchant_id OR NEW.currency <> OLD.currency THEN
    RAISE EXCEPTION 'business_process_identity_fixed: a business process keeps its type, merchant and currency'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'business_process_identity_fixed';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER business_process_status_transition
  BEFORE UPDATE ON "business_process"
  FOR EACH ROW EXECUTE FUNCTION business_process_status_transition();

