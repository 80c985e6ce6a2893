import type { MessageChannel } from "@prisma/client";
import { config } from "@/lib/config";
import { prisma, type Tx } from "@/lib/db";
import { E164_PATTERN } from "@/lib/domain/phones/phone";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { getRunningBoss, QUEUES } from "@/lib/queue/boss";
import { isUuid } from "@/lib/validation/ids";
import { HttpSmsProvider } from "./http-sms-provider";
import {
  PROVIDER_TIMEOUT_MS,
  type ProviderOutcome,
  type SmsProviderPort,
  type WhatsAppProviderPort,
} from "./port";
import { WhatsAppCloudProvider } from "./whatsapp-cloud-provider";

/**
 * The SMS and WhatsApp outbox, the twin of lib/email/outbox.ts. A service writes the message in the
 * same transaction as the change it announces (`queueMessage`), so a rolled-back change sends
 * nothing and a committed one is never lost. After the commit it nudges the worker
 * (`kickMessageDelivery`); the worker, or the sweeper when a nudge was lost, delivers each row once
 * (`deliverOutboxMessage`). A failing provider only delays messages.
 */

export type { MessageChannel };

export type OutboxMessage = {
  merchantId: string;
  channel: MessageChannel;
  /** E.164 (toE164 in lib/domain/phones makes it from what a person typed). */
  to: string;
  text: string;
  /** What the message is about, for filtering and logs: "payment_link.created", ... */
  kind: string;
  /** The session or entity the message is about. */
  entityId?: string;
};

export type DeliveryResult = "sent" | "retry" | "failed" | "skipped";

/** After this many failed attempts a message is marked failed and left for a person to look at. */
export const MAX_MESSAGE_ATTEMPTS = 8;
/** WhatsApp's limit for a text body; the table's CHECK says the same. */
export const MAX_MESSAGE_TEXT = 4096;
/** The sweeper leaves a new row this long to the worker the service kicked. */
const SWEEP_MIN_AGE_SECONDS = 5;
const MAX_ERROR_LENGTH = 1000;

/** Where a channel's messages go; null: nowhere, they stay in the outbox (the sandbox mailbox). */
function providerFor(channel: MessageChannel): SmsProviderPort | WhatsAppProviderPort | null {
  const settings = config();
  if (channel === "sms")
    return settings.sms ? new HttpSmsProvider(settings.sms.url, settings.sms.token) : null;
  return settings.whatsapp
    ? new WhatsAppCloudProvider(
        settings.whatsapp.url,
        settings.whatsapp.token,
        settings.whatsapp.phoneNumberId,
      )
    : null;
}

/** Is a provider configured for the channel? Read on every call, like RESEND_API_KEY. */
export function hasMessageProvider(channel: MessageChannel): boolean {
  return providerFor(channel) !== null;
}

/**
 * /dev/mailbox shows a channel's stored messages when nothing really sends them, but never in a
 * real production deployment: the email mailbox's rule, per channel.
 */
export function isMessageOutboxShown(channel: MessageChannel): boolean {
  return (
    !hasMessageProvider(channel) && (config().nodeEnv !== "production" || config().sandboxMode)
  );
}

/**
 * Writes a pending message in the caller's transaction and returns its id; pass the ids to
 * `kickMessageDelivery` after the commit. Refuses a number that is not E.164 or an empty or
 * oversized text with a validation error (the table's CHECKs are the backstop).
 */
export async function queueMessage(tx: Tx, message: OutboxMessage): Promise<string> {
  if (!E164_PATTERN.test(message.to))
    throw new AppError(
      "validation_error",
      "The phone number must be in E.164 form (+96550001234).",
      {
        field: "to",
      },
    );
  if (message.text.trim() === "" || message.text.length > MAX_MESSAGE_TEXT)
    throw new AppError(
      "validation_error",
      `A message needs a text of 1 to ${MAX_MESSAGE_TEXT} characters.`,
      { field: "text" },
    );
  const row = await tx.messageOutbox.create({
    data: {
      merchantId: message.merchantId,
      channel: message.channel,
      toE164: message.to,
      text: message.text,
      kind: message.kind,
      entityId: message.entityId ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * After commit: asks the background worker to deliver these messages now. Fire-and-forget and never
 * throws; without a running job queue in this process (tests, scripts) it does nothing and the
 * sweeper delivers the rows a few seconds later.
 */
export function kickMessageDelivery(ids: string[]): void {
  const boss = getRunningBoss();
  if (!boss) return;
  for (const id of ids) {
    const warn = (error: unknown) =>
      logger.warn(
        { err: error, messageId: id },
        "message: could not enqueue delivery; the sweeper will send it",
      );
    try {
      boss.send(QUEUES.messageDeliver.name, { id }).catch(warn);
    } catch (error) {
      warn(error);
    }
  }
}

type ClaimedMessage = {
  id: string;
  channel: MessageChannel;
  to_e164: string;
  text: string;
  attempts: number;
};

/**
 * Delivers one outbox row if it is still pending and nobody else is delivering it.
 *
 * The row stays locked (FOR UPDATE SKIP LOCKED) for the whole attempt, so a second worker skips it
 * instead of sending it again; the lock dies with the connection if the process does. The SMS
 * contract carries an idempotency key for the case where the process dies after the provider
 * accepted the message but before the commit; the WhatsApp Cloud API has none, so there that rare
 * case may send twice.
 *
 * Returns "sent", "retry" (failed; pending again with attempts + 1), "failed" (gave up) or "skipped"
 * (not pending, unknown, or being delivered by another worker).
 */
export async function deliverOutboxMessage(id: string): Promise<DeliveryResult> {
  if (!isUuid(id)) return "skipped";
  const log = logger.child({ messageId: id });
  return prisma.$transaction(
    async (tx) => {
      const [message] = await tx.$queryRaw<ClaimedMessage[]>`
        SELECT id::text, channel::text AS channel, to_e164, text, attempts
        FROM message_outbox
        WHERE id = ${id}::uuid AND status = 'pending'
        FOR UPDATE SKIP LOCKED`;
      if (!message) return "skipped";

      const provider = providerFor(message.channel);
      const outcome: ProviderOutcome = provider
        ? await provider.send({
            to: message.to_e164,
            text: message.text,
            idempotencyKey: `message-outbox/${message.id}`,
          })
        : { ok: true, providerId: "mailbox" };
      const attempts = message.attempts + 1;
      if (outcome.ok) {
        await tx.messageOutbox.update({
          where: { id },
          data: { status: "sent", attempts, providerId: outcome.providerId, sentAt: new Date() },
        });
        log.info(
          { channel: message.channel, providerId: outcome.providerId, attempts },
          "message sent",
        );
        return "sent";
      }
      const giveUp = outcome.permanent || attempts >= MAX_MESSAGE_ATTEMPTS;
      await tx.messageOutbox.update({
        where: { id },
        data: {
          status: giveUp ? "failed" : "pending",
          attempts,
          lastError: outcome.error.slice(0, MAX_ERROR_LENGTH),
        },
      });
      if (giveUp)
        log.error(
          { channel: message.channel, attempts, error: outcome.error },
          "message failed; giving up",
        );
      else
        log.warn(
          { channel: message.channel, attempts, error: outcome.error },
          "message failed; will retry",
        );
      return giveUp ? "failed" : "retry";
    },
    // The transaction spans the provider call, so it may last as long as that call's timeout.
    { maxWait: 10_000, timeout: PROVIDER_TIMEOUT_MS + 10_000 },
  );
}

/**
 * Backstop for lost kicks and restarts: delivers pending rows, oldest first, with the email
 * sweeper's backoff (due 5 s after it was written, then twice as long after each failure).
 * Returns how many messages it sent.
 */
export async function sweepPendingMessages(limit = 100): Promise<number> {
  const due = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM message_outbox
    WHERE status = 'pending'
      AND created_at < now() - make_interval(secs => ${SWEEP_MIN_AGE_SECONDS} * power(2, least(attempts, 16)))
    ORDER BY created_at, id
    LIMIT ${limit}`;
  let sent = 0;
  for (const { id } of due) {
    try {
      if ((await deliverOutboxMessage(id)) === "sent") sent += 1;
    } catch (error) {
      logger.error({ err: error, messageId: id }, "message sweep: delivery threw");
    }
  }
  return sent;
}
