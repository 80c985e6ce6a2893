-- SMS and WhatsApp messages (issue 8, payment links): an outbox like email_outbox, written in the
-- same transaction as the change it announces and delivered by a worker after commit.

-- CreateEnum
CREATE TYPE "MessageChannel" AS ENUM ('sms', 'whatsapp');

-- CreateTable
CREATE TABLE "message_outbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "merchant_id" UUID NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "to_e164" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "entity_id" TEXT,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "provider_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "message_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "message_outbox_status_created_at_idx" ON "message_outbox"("status", "created_at");

-- CreateIndex
CREATE INDEX "message_outbox_merchant_id_created_at_idx" ON "message_outbox"("merchant_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "message_outbox" ADD CONSTRAINT "message_outbox_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What Prisma cannot say. A message never goes to anything but an E.164 number (what toE164 in
-- lib/domain/phones produces and the providers take): no spaces, no national form, no letters.
ALTER TABLE "message_outbox"
  ADD CONSTRAINT "message_outbox_to_e164" CHECK (to_e164 ~ '^\+[1-9][0-9]{6,14}$'),
  -- WhatsApp's text body limit; an SMS text is far shorter (lib/domain/messaging).
  ADD CONSTRAINT "message_outbox_text_length" CHECK (char_length(text) BETWEEN 1 AND 4096),
  ADD CONSTRAINT "message_outbox_kind_present" CHECK (kind <> ''),
  ADD CONSTRAINT "message_outbox_attempts_range" CHECK (attempts >= 0),
  -- A sent message says when, and by which provider message (or "mailbox"); an unsent one neither.
  ADD CONSTRAINT "message_outbox_sent_when" CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
  ADD CONSTRAINT "message_outbox_sent_has_provider_id" CHECK (status <> 'sent' OR provider_id IS NOT NULL);
