-- Checkout (issue 8): a checkout session is a payment transaction (same id) with the fields checkout
-- needs beside it; attempts, saved cards, settings and the error-notice throttle.

ALTER TABLE "customer" ADD COLUMN "external_ref" TEXT;
-- The merchant's own customer id names one customer of that merchant.
CREATE UNIQUE INDEX "customer_merchant_external_ref_key" ON "customer" ("merchant_id", "external_ref")
  WHERE "external_ref" IS NOT NULL;
ALTER TABLE "customer" ADD CONSTRAINT "customer_external_ref_safe"
  CHECK ("external_ref" IS NULL OR ("external_ref" ~ '^[A-Za-z0-9._:@-]{1,64}$'));

CREATE TYPE "CheckoutType" AS ENUM ('e_commerce', 'payment_request');
CREATE TYPE "CheckoutOperation" AS ENUM ('purchase', 'authorize');
CREATE TYPE "CheckoutPaymentType" AS ENUM ('one_off', 'save_card');
CREATE TYPE "CheckoutMethod" AS ENUM ('card', 'saved_card', 'redirect', 'apple_pay');
CREATE TYPE "CheckoutAttemptState" AS ENUM ('pending', 'success', 'failed', 'canceled', 'error');

CREATE TABLE "checkout_session" (
    "id" UUID NOT NULL,
    "merchant_id" UUID NOT NULL,
    "type" "CheckoutType" NOT NULL,
    "operation" "CheckoutOperation" NOT NULL,
    "payment_type" "CheckoutPaymentType" NOT NULL,
    "pg_codes" TEXT[] NOT NULL,
    "order_no" TEXT NOT NULL,
    "customer_ref" TEXT,
    "customer_first_name" TEXT,
    "customer_last_name" TEXT,
    "customer_email" TEXT,
    "customer_phone" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "expiration_seconds" INTEGER NOT NULL,
    "redirect_url" TEXT,
    "webhook_url" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "notifications" JSONB NOT NULL DEFAULT '{}',
    "due_at" TIMESTAMPTZ(3),
    "short_code" TEXT NOT NULL,
    "max_attempts" INTEGER NOT NULL,
    "attempt_count" INTEGER NOT NULL DEFAULT 0,
    "ended_reason" TEXT,
    "paid_late_at" TIMESTAMPTZ(3),
    "duplicate_payment_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_via" TEXT NOT NULL DEFAULT 'api',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "checkout_session_pkey" PRIMARY KEY ("id"),
    -- A session needs at least one gateway.
    CONSTRAINT "checkout_session_pg_codes_present" CHECK (cardinality("pg_codes") >= 1),
    -- From 5 minutes to 30 days.
    CONSTRAINT "checkout_session_expiration_range" CHECK ("expiration_seconds" BETWEEN 300 AND 2592000),
    CONSTRAINT "checkout_session_language" CHECK ("language" IN ('en', 'ar')),
    CONSTRAINT "checkout_session_created_via" CHECK ("created_via" IN ('api', 'dashboard', 'bulk')),
    CONSTRAINT "checkout_session_order_no_safe" CHECK ("order_no" ~ '^[A-Za-z0-9._:/#-]{1,64}$'),
    CONSTRAINT "checkout_session_customer_phone_e164" CHECK ("customer_phone" IS NULL OR "customer_phone" ~ '^\+[1-9][0-9]{6,14}$'),
    CONSTRAINT "checkout_session_short_code_format" CHECK ("short_code" ~ '^[2-9a-km-zA-HJ-NP-Z]{10}$'),
    CONSTRAINT "checkout_session_urls_http" CHECK (("redirect_url" IS NULL OR "redirect_url" ~* '^https?://') AND ("webhook_url" IS NULL OR "webhook_url" ~* '^https?://')),
    CONSTRAINT "checkout_session_attempts_range" CHECK ("max_attempts" BETWEEN 1 AND 20 AND "attempt_count" BETWEEN 0 AND "max_attempts"),
    -- Channels are for payment requests only.
    CONSTRAINT "checkout_session_notifications_for_requests" CHECK ("type" = 'payment_request' OR "notifications" = '{}'::jsonb),
    -- A payment's merchant is its session's merchant (composite FK below).
    CONSTRAINT "checkout_session_payment_fkey" FOREIGN KEY ("id") REFERENCES "payment_transaction"("id") ON DELETE CASCADE,
    CONSTRAINT "checkout_session_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "checkout_session_short_code_key" ON "checkout_session"("short_code");
CREATE UNIQUE INDEX "checkout_session_merchant_id_order_no_key" ON "checkout_session"("merchant_id", "order_no");
CREATE INDEX "checkout_session_merchant_id_type_created_at_id_idx" ON "checkout_session"("merchant_id", "type", "created_at" DESC, "id" DESC);
CREATE INDEX "checkout_session_merchant_id_created_at_id_idx" ON "checkout_session"("merchant_id", "created_at" DESC, "id" DESC);
CREATE INDEX "checkout_session_expires_at_idx" ON "checkout_session"("expires_at");

-- The session and its payment belong to one merchant and carry one order number: the session keeps
-- a copy only so that (merchant, order_no) can be unique for sessions (older payments may repeat
-- numbers), and this key holds the copy equal to the payment's.
CREATE UNIQUE INDEX "payment_transaction_id_merchant_order_no_key" ON "payment_transaction" ("id", "merchant_id", "order_no");
ALTER TABLE "checkout_session" ADD CONSTRAINT "checkout_session_matches_payment"
  FOREIGN KEY ("id", "merchant_id", "order_no") REFERENCES "payment_transaction"("id", "merchant_id", "order_no");

CREATE TABLE "checkout_attempt" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "session_id" UUID NOT NULL,
    "merchant_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "method" "CheckoutMethod" NOT NULL,
    "gateway_id" UUID NOT NULL,
    "state" "CheckoutAttemptState" NOT NULL DEFAULT 'pending',
    "gateway_reference" TEXT,
    "three_ds" TEXT,
    "card_brand" TEXT,
    "card_last4" TEXT,
    "save_card" BOOLEAN NOT NULL DEFAULT false,
    "code" TEXT,
    "message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "checkout_attempt_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "checkout_attempt_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "checkout_session"("id") ON DELETE CASCADE,
    CONSTRAINT "checkout_attempt_gateway_fkey" FOREIGN KEY ("gateway_id") REFERENCES "payment_gateway"("id"),
    CONSTRAINT "checkout_attempt_three_ds" CHECK ("three_ds" IS NULL OR "three_ds" IN ('none', 'frictionless', 'challenge')),
    CONSTRAINT "checkout_attempt_card_last4" CHECK ("card_last4" IS NULL OR "card_last4" ~ '^[0-9]{4}$'),
    -- An attempt is finished exactly when it has left pending.
    CONSTRAINT "checkout_attempt_finished" CHECK (("state" = 'pending') = ("finished_at" IS NULL)),
    CONSTRAINT "checkout_attempt_seq_positive" CHECK ("seq" >= 1)
);
CREATE UNIQUE INDEX "checkout_attempt_session_id_seq_key" ON "checkout_attempt"("session_id", "seq");
-- At most one attempt of a session is under way at a time.
CREATE UNIQUE INDEX "checkout_attempt_one_pending" ON "checkout_attempt"("session_id") WHERE "state" = 'pending';
-- A gateway reference names one attempt.
CREATE UNIQUE INDEX "checkout_attempt_gateway_reference_key" ON "checkout_attempt"("gateway_id", "gateway_reference") WHERE "gateway_reference" IS NOT NULL;

-- An attempt leaves pending once, and a finished attempt never changes state again, except an
-- error (the gateway's answer was unknown: a timeout) that the gateway later reports a success.
CREATE FUNCTION checkout_attempt_state_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state <> 'pending' AND NEW.state <> OLD.state
     AND NOT (OLD.state = 'error' AND NEW.state = 'success') THEN
    RAISE EXCEPTION 'checkout_attempt_state_once: attempt % is % and cannot become %', OLD.id, OLD.state, NEW.state
      USING ERRCODE = 'check_violation', CONSTRAINT = 'checkout_attempt_state_once';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER checkout_attempt_state_once BEFORE UPDATE OF state ON "checkout_attempt"
  FOR EACH ROW EXECUTE FUNCTION checkout_attempt_state_once();

CREATE TABLE "saved_card" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "gateway_id" UUID NOT NULL,
    "token" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "exp_month" INTEGER NOT NULL,
    "exp_year" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    CONSTRAINT "saved_card_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "saved_card_customer_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE,
    CONSTRAINT "saved_card_gateway_fkey" FOREIGN KEY ("gateway_id") REFERENCES "payment_gateway"("id") ON DELETE CASCADE,
    CONSTRAINT "saved_card_merchant_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE,
    CONSTRAINT "saved_card_last4" CHECK ("last4" ~ '^[0-9]{4}$'),
    CONSTRAINT "saved_card_expiry" CHECK ("exp_month" BETWEEN 1 AND 12 AND "exp_year" BETWEEN 2000 AND 2100),
    -- A token, never a card number: no run of 12 or more digits.
    CONSTRAINT "saved_card_token_not_a_pan" CHECK ("token" !~ '[0-9]{12,}')
);
CREATE INDEX "saved_card_merchant_id_customer_id_idx" ON "saved_card"("merchant_id", "customer_id");
-- One live row per card token of a customer.
CREATE UNIQUE INDEX "saved_card_live_token" ON "saved_card"("merchant_id", "customer_id", "token") WHERE "deleted_at" IS NULL;

CREATE TABLE "checkout_settings" (
    "merchant_id" UUID NOT NULL,
    "notify_on_error" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "max_attempts" INTEGER NOT NULL DEFAULT 5,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "checkout_settings_pkey" PRIMARY KEY ("merchant_id"),
    CONSTRAINT "checkout_settings_merchant_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE,
    CONSTRAINT "checkout_settings_max_attempts" CHECK ("max_attempts" BETWEEN 1 AND 20),
    CONSTRAINT "checkout_settings_notify_on_error_size" CHECK (cardinality("notify_on_error") <= 20)
);

CREATE TABLE "checkout_error_notice" (
    "merchant_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "last_sent_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "checkout_error_notice_pkey" PRIMARY KEY ("merchant_id", "code"),
    CONSTRAINT "checkout_error_notice_merchant_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE
);
