-- Signed webhooks to the merchant's server (issue 8): endpoints, signing secrets, events written in
-- the same transaction as the change they announce, one delivery per event and endpoint, and every
-- HTTP attempt. prisma/schema/webhooks.prisma mirrors the tables; the rules below are the "must
-- never"s the services also check.

CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('pending', 'delivered', 'failed', 'abandoned');

-- CreateTable
CREATE TABLE "webhook_endpoint" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'subscribed',
    "event_types" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_at" TIMESTAMPTZ(3),
    "disabled_reason" TEXT,
    "failing_since" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_secret" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_secret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_event" (
    "id" TEXT NOT NULL,
    "merchant_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempt_count" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "claimed_until" TIMESTAMPTZ(3),
    "last_status" INTEGER,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery_attempt" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "delivery_id" UUID NOT NULL,
    "attempt_number" INTEGER NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "request_url" TEXT NOT NULL,
    "request_headers" JSONB NOT NULL,
    "request_body" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_delivery_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "webhook_endpoint_merchant_id_url_key" ON "webhook_endpoint"("merchant_id", "url");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_endpoint_id_merchant_id_key" ON "webhook_endpoint"("id", "merchant_id");

-- CreateIndex
CREATE INDEX "webhook_secret_merchant_id_expires_at_idx" ON "webhook_secret"("merchant_id", "expires_at");

-- CreateIndex
CREATE INDEX "webhook_event_merchant_id_created_at_idx" ON "webhook_event"("merchant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_event_id_merchant_id_key" ON "webhook_event"("id", "merchant_id");

-- CreateIndex
CREATE INDEX "webhook_delivery_status_next_attempt_at_idx" ON "webhook_delivery"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_delivery_endpoint_id_created_at_id_idx" ON "webhook_delivery"("endpoint_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "webhook_delivery_merchant_id_idx" ON "webhook_delivery"("merchant_id");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_delivery_event_id_endpoint_id_key" ON "webhook_delivery"("event_id", "endpoint_id");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_delivery_attempt_delivery_id_attempt_number_key" ON "webhook_delivery_attempt"("delivery_id", "attempt_number");

-- AddForeignKey
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_secret" ADD CONSTRAINT "webhook_secret_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_event" ADD CONSTRAINT "webhook_event_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_event_id_merchant_id_fkey" FOREIGN KEY ("event_id", "merchant_id") REFERENCES "webhook_event"("id", "merchant_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_endpoint_id_merchant_id_fkey" FOREIGN KEY ("endpoint_id", "merchant_id") REFERENCES "webhook_endpoint"("id", "merchant_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery_attempt" ADD CONSTRAINT "webhook_delivery_attempt_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The event vocabulary of lib/domain/webhooks/events.ts WEBHOOK_EVENT_TYPES (payout.* later).
CREATE FUNCTION webhook_event_types() RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ARRAY[
    'payment.authorized',
    'payment.paid',
    'payment.failed',
    'payment.canceled',
    'payment.expired',
    'refund.succeeded',
    'void.succeeded',
    'operation_request.submitted',
    'operation_request.approved',
    'operation_request.rejected',
    'operation_request.canceled',
    'operation_request.expired',
    'operation_request.done',
    'operation_request.manual_action_required'
  ]::text[] $$;

-- An endpoint is an http(s) URL without credentials or fragment (the service checks the rest: the
-- port, and where the host resolves), subscribed to known event types, each once. Disabled exactly
-- when it records when and why.
ALTER TABLE "webhook_endpoint"
  ADD CONSTRAINT "webhook_endpoint_url_http" CHECK (
    "url" ~ '^https?://[^/?#@[:space:]]+' AND char_length("url") <= 2048 AND "url" !~ '[[:cntrl:][:space:]#]'
  ),
  ADD CONSTRAINT "webhook_endpoint_kind_known" CHECK ("kind" IN ('subscribed', 'session')),
  ADD CONSTRAINT "webhook_endpoint_description_length" CHECK (char_length("description") <= 200),
  ADD CONSTRAINT "webhook_endpoint_event_types_known" CHECK (
    "event_types" <@ webhook_event_types() AND text_array_has_no_duplicates("event_types")
  ),
  ADD CONSTRAINT "webhook_endpoint_disabled_recorded" CHECK (
    "enabled" = ("disabled_at" IS NULL) AND ("disabled_at" IS NULL) = ("disabled_reason" IS NULL)
  ),
  ADD CONSTRAINT "webhook_endpoint_disabled_reason_known" CHECK (
    "disabled_reason" IN ('gone', 'failing', 'manual')
  );

-- At most one current secret per merchant; the others are rotated out and expire. The secret is
-- stored as issued (whsec_ + base64 of 24 to 64 bytes) because signing needs it.
CREATE UNIQUE INDEX "webhook_secret_one_current" ON "webhook_secret"("merchant_id") WHERE "expires_at" IS NULL;
ALTER TABLE "webhook_secret"
  ADD CONSTRAINT "webhook_secret_format" CHECK ("secret" ~ '^whsec_[A-Za-z0-9+/]{32,88}={0,2}$');

ALTER TABLE "webhook_event"
  ADD CONSTRAINT "webhook_event_id_format" CHECK ("id" ~ '^msg_[A-Za-z0-9]{24}$'),
  ADD CONSTRAINT "webhook_event_type_known" CHECK ("type" = ANY (webhook_event_types())),
  ADD CONSTRAINT "webhook_event_payload_shape" CHECK (
    jsonb_typeof("payload") = 'object' AND "payload"->>'type' = "type"
    AND jsonb_typeof("payload"->'data') = 'object' AND jsonb_typeof("payload"->'timestamp') = 'string'
  );

-- A delivery is due exactly while pending; delivered exactly when it records when; the last status
-- is an HTTP status. The composite foreign keys (above) keep the event and endpoint of one merchant.
ALTER TABLE "webhook_delivery"
  ADD CONSTRAINT "webhook_delivery_due_while_pending" CHECK (("status" = 'pending') = ("next_attempt_at" IS NOT NULL)),
  ADD CONSTRAINT "webhook_delivery_delivered_at" CHECK (("status" = 'delivered') = ("delivered_at" IS NOT NULL)),
  ADD CONSTRAINT "webhook_delivery_attempt_count" CHECK ("attempt_count" >= 0),
  ADD CONSTRAINT "webhook_delivery_last_status" CHECK ("last_status" BETWEEN 100 AND 599),
  ADD CONSTRAINT "webhook_delivery_last_error_length" CHECK (char_length("last_error") <= 1000);

-- Each attempt either got an answer or says why not; response bodies are kept to 4 KB.
ALTER TABLE "webhook_delivery_attempt"
  ADD CONSTRAINT "webhook_delivery_attempt_number" CHECK ("attempt_number" >= 1),
  ADD CONSTRAINT "webhook_delivery_attempt_outcome" CHECK ("response_status" IS NOT NULL OR "error" IS NOT NULL),
  ADD CONSTRAINT "webhook_delivery_attempt_status" CHECK ("response_status" BETWEEN 100 AND 599),
  ADD CONSTRAINT "webhook_delivery_attempt_response_size" CHECK (octet_length("response_body") <= 4096),
  ADD CONSTRAINT "webhook_delivery_attempt_error_length" CHECK (char_length("error") <= 1000),
  ADD CONSTRAINT "webhook_delivery_attempt_duration" CHECK ("duration_ms" >= 0);

-- The worker's scan: due pending deliveries, oldest first.
CREATE INDEX "webhook_delivery_due" ON "webhook_delivery"("next_attempt_at") WHERE "status" = 'pending';
