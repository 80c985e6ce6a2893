import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { Tx } from "@/lib/db";
import {
  type WebhookEventType,
  webhookEventId,
  webhookPayload,
} from "@/lib/domain/webhooks/events";
import { checkWebhookUrl } from "@/lib/domain/webhooks/ssrf";
import { logger } from "@/lib/log";
import { getRunningBoss, QUEUES } from "@/lib/queue/boss";

/**
 * Writes a webhook event in the caller's transaction, with one pending delivery per enabled
 * endpoint subscribed to its type, and (when `url` is given: a checkout session's webhook_url) one
 * to that URL's endpoint, created on demand (one per merchant and URL). A rolled-back change so
 * announces nothing, and a committed one is never lost. Call kickWebhookDelivery() after commit.
 *
 * `url` must have passed validateWebhookUrl when the session stored it; here only its form is
 * checked again (the database CHECK would refuse a bad one anyway).
 */
export async function enqueueWebhookEvent(
  tx: Tx,
  input: {
    merchantId: string;
    type: WebhookEventType;
    data: Record<string, unknown>;
    url?: string | null;
  },
): Promise<{ eventId: string }> {
  const now = new Date();
  const eventId = webhookEventId(randomBytes(24));
  await tx.webhookEvent.create({
    data: {
      id: eventId,
      merchantId: input.merchantId,
      type: input.type,
      payload: webhookPayload(input.type, input.data, now) as unknown as Prisma.InputJsonValue,
      createdAt: now,
    },
  });
  await tx.$executeRaw`
    INSERT INTO webhook_delivery (merchant_id, event_id, endpoint_id, next_attempt_at, created_at, updated_at)
    SELECT merchant_id, ${eventId}, id, ${now}, ${now}, ${now}
    FROM webhook_endpoint
    WHERE merchant_id = ${input.merchantId}::uuid AND enabled AND kind = 'subscribed'
      AND (event_types = '{}' OR ${input.type} = ANY (event_types))`;
  if (input.url) {
    const form = checkWebhookUrl(input.url);
    if (!form.ok) throw new Error(`enqueueWebhookEvent: ${form.message}`);
    await tx.$executeRaw`
      INSERT INTO webhook_endpoint (merchant_id, url, kind)
      VALUES (${input.merchantId}::uuid, ${input.url}, 'session')
      ON CONFLICT (merchant_id, url) DO NOTHING`;
    // An endpoint subscribed to this type already has its delivery: the unique pair keeps it one.
    await tx.$executeRaw`
      INSERT INTO webhook_delivery (merchant_id, event_id, endpoint_id, next_attempt_at, created_at, updated_at)
      SELECT merchant_id, ${eventId}, id, ${now}, ${now}, ${now}
      FROM webhook_endpoint
      WHERE merchant_id = ${input.merchantId}::uuid AND url = ${input.url} AND enabled
      ON CONFLICT (event_id, endpoint_id) DO NOTHING`;
  }
  return { eventId };
}

/**
 * After commit: asks the job queue to deliver due webhooks now. Fire-and-forget; without a running
 * queue in this process (tests, scripts) the workers' tick delivers them a few seconds later.
 */
export function kickWebhookDelivery(): void {
  const boss = getRunningBoss();
  if (!boss) return;
  try {
    boss
      .send(QUEUES.webhookDeliver.name, {}, { singletonKey: "due", singletonSeconds: 1 })
      .catch((error: unknown) =>
        logger.warn({ err: error }, "webhooks: could not enqueue delivery; the tick will send"),
      );
  } catch (error) {
    logger.warn({ err: error }, "webhooks: could not enqueue delivery; the tick will send");
  }
}
