-- CreateEnum
CREATE TYPE "Operation" AS ENUM ('refund', 'void');

-- CreateEnum
CREATE TYPE "OperationRequestState" AS ENUM ('pending', 'approved', 'done', 'manual_action_required', 'rejected', 'canceled', 'expired');

-- CreateEnum
CREATE TYPE "GatewayOutcome" AS ENUM ('succeeded', 'failed', 'pending', 'timeout', 'error');

-- CreateEnum
CREATE TYPE "SandboxMode" AS ENUM ('succeed', 'decline', 'error', 'timeout');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "operations_approval_settings" (
    "merchant_id" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "checker_user_id" UUID,
    "manual_action_expiry_hours" INTEGER NOT NULL DEFAULT 48,
    "pending_expiry_hours" INTEGER NOT NULL DEFAULT 0,
    "notify_checker_on_pending" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "operations_approval_settings_pkey" PRIMARY KEY ("merchant_id")
);

-- CreateTable
CREATE TABLE "operation_whitelist" (
    "merchant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "operation" "Operation" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "operation_whitelist_pkey" PRIMARY KEY ("merchant_id","user_id","operation")
);

-- CreateTable
CREATE TABLE "operation_request" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "transaction_id" UUID NOT NULL,
    "gateway_id" UUID NOT NULL,
    "operation" "Operation" NOT NULL,
    "amount" DECIMAL(20,3) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "state" "OperationRequestState" NOT NULL,
    "reason" VARCHAR(500),
    "rejection_reason" VARCHAR(500),
    "submitted_by_id" UUID NOT NULL,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "direct_reason" TEXT,
    "deadline_at" TIMESTAMPTZ(3),
    "gateway_key" UUID NOT NULL DEFAULT gen_random_uuid(),
    "executing_since" TIMESTAMPTZ(3),
    "failure_code" TEXT,
    "failure_message" TEXT,
    "result_transaction_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "operation_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gateway_attempt" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "actor_id" UUID,
    "outcome" "GatewayOutcome" NOT NULL,
    "code" TEXT,
    "message" TEXT,
    "reference" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gateway_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sandbox_gateway_behaviour" (
    "gateway_id" UUID NOT NULL,
    "mode" "SandboxMode" NOT NULL DEFAULT 'succeed',
    "fail_next" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sandbox_gateway_behaviour_pkey" PRIMARY KEY ("gateway_id")
);

-- CreateTable
CREATE TABLE "sandbox_gateway_operation" (
    "idempotency_key" TEXT NOT NULL,
    "gateway_id" UUID NOT NULL,
    "operation" "Operation" NOT NULL,
    "amount" DECIMAL(20,3) NOT NULL,
    "status" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sandbox_gateway_operation_pkey" PRIMARY KEY ("idempotency_key")
);

-- CreateTable
CREATE TABLE "email_outbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID,
    "kind" TEXT NOT NULL,
    "to" TEXT[],
    "bcc" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "provider_id" TEXT,
    "entity_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "email_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_idempotency_key" (
    "merchant_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_idempotency_key_pkey" PRIMARY KEY ("merchant_id","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "operations_approval_settings_checker_user_id_merchant_id_key" ON "operations_approval_settings"("checker_user_id", "merchant_id");

-- CreateIndex
CREATE UNIQUE INDEX "operation_request_result_transaction_id_key" ON "operation_request"("result_transaction_id");

-- CreateIndex
CREATE INDEX "operation_request_merchant_id_created_at_id_idx" ON "operation_request"("merchant_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "operation_request_merchant_id_state_created_at_idx" ON "operation_request"("merchant_id", "state", "created_at" DESC);

-- CreateIndex
CREATE INDEX "operation_request_transaction_id_idx" ON "operation_request"("transaction_id");

-- CreateIndex
CREATE INDEX "gateway_attempt_request_id_created_at_idx" ON "gateway_attempt"("request_id", "created_at");

-- CreateIndex
CREATE INDEX "email_outbox_status_created_at_idx" ON "email_outbox"("status", "created_at");

-- CreateIndex
CREATE INDEX "email_outbox_merchant_id_created_at_idx" ON "email_outbox"("merchant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "api_idempotency_key_created_at_idx" ON "api_idempotency_key"("created_at");

-- AddForeignKey
ALTER TABLE "operations_approval_settings" ADD CONSTRAINT "operations_approval_settings_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operations_approval_settings" ADD CONSTRAINT "operations_approval_settings_checker_user_id_merchant_id_fkey" FOREIGN KEY ("checker_user_id", "merchant_id") REFERENCES "membership"("user_id", "merchant_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation_whitelist" ADD CONSTRAINT "operation_whitelist_user_id_merchant_id_fkey" FOREIGN KEY ("user_id", "merchant_id") REFERENCES "membership"("user_id", "merchant_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation_request" ADD CONSTRAINT "operation_request_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation_request" ADD CONSTRAINT "operation_request_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "payment_transaction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation_request" ADD CONSTRAINT "operation_request_gateway_id_fkey" FOREIGN KEY ("gateway_id") REFERENCES "payment_gateway"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation_request" ADD CONSTRAINT "operation_request_result_transaction_id_fkey" FOREIGN KEY ("result_transaction_id") REFERENCES "payment_transaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation_request" ADD CONSTRAINT "operation_request_submitted_by_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation_request" ADD CONSTRAINT "operation_request_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateway_attempt" ADD CONSTRAINT "gateway_attempt_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "operation_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sandbox_gateway_behaviour" ADD CONSTRAINT "sandbox_gateway_behaviour_gateway_id_fkey" FOREIGN KEY ("gateway_id") REFERENCES "payment_gateway"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------------
-- Operation requests: what must never happen, said where it cannot be bypassed.
-- ---------------------------------------------------------------------------------------------

-- At most one open request (pending, approved, manual_action_required) per payment.
CREATE UNIQUE INDEX "operation_request_one_open_per_transaction"
  ON "operation_request" (transaction_id)
  WHERE state IN ('pending', 'approved', 'manual_action_required');

-- The expiry job's scan: only requests that can expire, by deadline.
CREATE INDEX "operation_request_expiry_scan"
  ON "operation_request" (deadline_at)
  WHERE state IN ('pending', 'manual_action_required') AND deadline_at IS NOT NULL;

-- Ticket-table filters that lead with something other than state.
CREATE INDEX "operation_request_merchant_operation_currency" ON "operation_request" (merchant_id, operation, currency, created_at DESC, id DESC);
CREATE INDEX "operation_request_merchant_gateway" ON "operation_request" (merchant_id, gateway_id, created_at DESC, id DESC);

ALTER TABLE "operation_request"
  ADD CONSTRAINT "operation_request_currency_known" CHECK (currency_exponent(currency) IS NOT NULL),
  ADD CONSTRAINT "operation_request_amount_positive" CHECK (amount > 0),
  ADD CONSTRAINT "operation_request_amount_precision" CHECK (amount = round(amount, currency_exponent(currency))),
  ADD CONSTRAINT "operation_request_rejection_has_reason"
    CHECK ((state = 'rejected') = (rejection_reason IS NOT NULL AND length(btrim(rejection_reason)) > 0)),
  ADD CONSTRAINT "operation_request_decision_recorded"
    CHECK ((decided_by_id IS NULL) = (decided_at IS NULL)),
  ADD CONSTRAINT "operation_request_decided_unless_pending_or_canceled_or_expired"
    CHECK (state IN ('pending', 'canceled', 'expired') OR decided_at IS NOT NULL),
  ADD CONSTRAINT "operation_request_done_has_result"
    CHECK ((state = 'done') = (result_transaction_id IS NOT NULL));

ALTER TABLE "operations_approval_settings"
  ADD CONSTRAINT "operations_approval_settings_manual_expiry_range" CHECK (manual_action_expiry_hours BETWEEN 1 AND 8760),
  ADD CONSTRAINT "operations_approval_settings_pending_expiry_range" CHECK (pending_expiry_hours BETWEEN 0 AND 8760);

ALTER TABLE "sandbox_gateway_behaviour" ADD CONSTRAINT "sandbox_gateway_behaviour_fail_next_range" CHECK (fail_next BETWEEN 0 AND 1000);
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_has_recipient" CHECK (cardinality("to") > 0);

-- The checker is an active member of the merchant: the composite foreign key makes them a member,
-- these triggers keep them active.
CREATE FUNCTION approval_checker_must_be_active() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.checker_user_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM membership m
    WHERE m.user_id = NEW.checker_user_id AND m.merchant_id = NEW.merchant_id AND m.active
  ) THEN
    RAISE EXCEPTION 'the checker must be an active member of the merchant' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER operations_approval_settings_checker_active
  BEFORE INSERT OR UPDATE OF checker_user_id ON "operations_approval_settings"
  FOR EACH ROW EXECUTE FUNCTION approval_checker_must_be_active();

CREATE FUNCTION membership_keep_checker_active() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.active AND NOT NEW.active AND EXISTS (
    SELECT 1 FROM operations_approval_settings s
    WHERE s.checker_user_id = NEW.user_id AND s.merchant_id = NEW.merchant_id
  ) THEN
    RAISE EXCEPTION 'assign another checker before deactivating this one' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER membership_checker_stays_active
  BEFORE UPDATE OF active ON "membership"
  FOR EACH ROW EXECUTE FUNCTION membership_keep_checker_active();

-- Live ticket tables: every change to a request is announced on one channel. Payload is small
-- (ids and state); listeners load what they show. Sent at commit, so never for a rolled-back change.
CREATE FUNCTION operation_request_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('operation_request_changed', json_build_object(
    'id', NEW.id, 'merchantId', NEW.merchant_id, 'state', NEW.state, 'at', now()
  )::text);
  RETURN NEW;
END;
$$;

CREATE TRIGGER operation_request_changed
  AFTER INSERT OR UPDATE ON "operation_request"
  FOR EACH ROW EXECUTE FUNCTION operation_request_notify();
