-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('owner', 'admin', 'maker', 'viewer');

-- CreateEnum
CREATE TYPE "TransactionState" AS ENUM ('created', 'pending', 'attempted', 'authorized', 'paid', 'failed', 'canceled', 'expired', 'voided', 'refunded', 'partially_refunded');

-- CreateEnum
CREATE TYPE "TransactionKind" AS ENUM ('payment', 'refund', 'void');

-- CreateTable
CREATE TABLE "merchant" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "merchant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "bcc_initiator" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "membership" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "merchant_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "merchant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_throttle" (
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "first_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "sign_in_throttle_pkey" PRIMARY KEY ("email","ip")
);

-- CreateTable
CREATE TABLE "payment_gateway" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "code" VARCHAR(25) NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_gateway_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "base_currency" CHAR(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_transaction" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "customer_id" UUID,
    "gateway_id" UUID NOT NULL,
    "kind" "TransactionKind" NOT NULL DEFAULT 'payment',
    "order_no" TEXT NOT NULL,
    "amount" DECIMAL(20,3) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "captured_amount" DECIMAL(20,3) NOT NULL DEFAULT 0,
    "refunded_amount" DECIMAL(20,3) NOT NULL DEFAULT 0,
    "state" "TransactionState" NOT NULL,
    "parent_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "merchant_id" UUID,
    "actor_id" UUID,
    "actor_type" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "from_state" TEXT,
    "to_state" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "unit_merchant_id_name_key" ON "unit"("merchant_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "membership_merchant_id_idx" ON "membership"("merchant_id");

-- CreateIndex
CREATE UNIQUE INDEX "membership_user_id_merchant_id_key" ON "membership"("user_id", "merchant_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_key_hash_key" ON "api_key"("key_hash");

-- CreateIndex
CREATE INDEX "api_key_user_id_merchant_id_idx" ON "api_key"("user_id", "merchant_id");

-- CreateIndex
CREATE UNIQUE INDEX "payment_gateway_merchant_id_code_key" ON "payment_gateway"("merchant_id", "code");

-- CreateIndex
CREATE INDEX "customer_merchant_id_email_idx" ON "customer"("merchant_id", "email");

-- CreateIndex
CREATE INDEX "payment_transaction_merchant_id_created_at_id_idx" ON "payment_transaction"("merchant_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_transaction_merchant_id_state_idx" ON "payment_transaction"("merchant_id", "state");

-- CreateIndex
CREATE INDEX "payment_transaction_merchant_id_order_no_idx" ON "payment_transaction"("merchant_id", "order_no");

-- CreateIndex
CREATE INDEX "payment_transaction_parent_id_idx" ON "payment_transaction"("parent_id");

-- CreateIndex
CREATE INDEX "audit_event_merchant_id_entity_entity_id_created_at_idx" ON "audit_event"("merchant_id", "entity", "entity_id", "created_at");

-- AddForeignKey
ALTER TABLE "unit" ADD CONSTRAINT "unit_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_gateway" ADD CONSTRAINT "payment_gateway_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer" ADD CONSTRAINT "customer_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_transaction" ADD CONSTRAINT "payment_transaction_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_transaction" ADD CONSTRAINT "payment_transaction_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_transaction" ADD CONSTRAINT "payment_transaction_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_transaction" ADD CONSTRAINT "payment_transaction_gateway_id_fkey" FOREIGN KEY ("gateway_id") REFERENCES "payment_gateway"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_transaction" ADD CONSTRAINT "payment_transaction_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "payment_transaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express. Code checks give good messages; these give the guarantees.
-- ---------------------------------------------------------------------------------------------

-- The minor-unit exponent of each supported currency (mirrors lib/domain/money/currency.ts).
-- NULL for an unknown currency, which makes the CHECKs below fail for it.
CREATE FUNCTION currency_exponent(code text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE code
    WHEN 'KWD' THEN 3 WHEN 'BHD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'JOD' THEN 3
    WHEN 'USD' THEN 2 WHEN 'EUR' THEN 2 WHEN 'GBP' THEN 2 WHEN 'SAR' THEN 2 WHEN 'AED' THEN 2
    WHEN 'QAR' THEN 2 WHEN 'EGP' THEN 2
    WHEN 'JPY' THEN 0
  END
$$;

ALTER TABLE "app_user" ADD CONSTRAINT "app_user_email_lower" CHECK (email = lower(email) AND position('@' in email) > 1);

ALTER TABLE "payment_gateway"
  ADD CONSTRAINT "payment_gateway_code_format" CHECK (code ~ '^[A-Za-z0-9_-]{1,25}$'),
  ADD CONSTRAINT "payment_gateway_currency_known" CHECK (currency_exponent(currency) IS NOT NULL);

ALTER TABLE "customer"
  ADD CONSTRAINT "customer_base_currency_known" CHECK (currency_exponent(base_currency) IS NOT NULL);

ALTER TABLE "payment_transaction"
  ADD CONSTRAINT "payment_transaction_currency_known" CHECK (currency_exponent(currency) IS NOT NULL),
  ADD CONSTRAINT "payment_transaction_amounts_non_negative"
    CHECK (amount >= 0 AND captured_amount >= 0 AND refunded_amount >= 0),
  ADD CONSTRAINT "payment_transaction_captured_within_amount" CHECK (captured_amount <= amount),
  ADD CONSTRAINT "payment_transaction_refunded_within_captured" CHECK (refunded_amount <= captured_amount),
  -- No amount may carry more decimals than its currency has.
  ADD CONSTRAINT "payment_transaction_amount_precision" CHECK (
    amount = round(amount, currency_exponent(currency))
    AND captured_amount = round(captured_amount, currency_exponent(currency))
    AND refunded_amount = round(refunded_amount, currency_exponent(currency))
  ),
  -- A payment stands alone; refunds and voids always hang off the payment they reverse.
  ADD CONSTRAINT "payment_transaction_kind_parent" CHECK ((kind = 'payment') = (parent_id IS NULL));

-- Order numbers identify a merchant's payments; child transactions reuse their parent's.
CREATE UNIQUE INDEX "payment_transaction_merchant_order_no_payment_key"
  ON "payment_transaction" (merchant_id, order_no) WHERE kind = 'payment';

CREATE INDEX "payment_transaction_order_no_pattern" ON "payment_transaction" (merchant_id, lower(order_no) text_pattern_ops);

-- The audit trail is append-only, whatever the application does.
CREATE FUNCTION audit_event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_append_only
  BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
