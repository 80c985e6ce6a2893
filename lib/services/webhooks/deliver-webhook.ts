import "server-only";
import { config } from "@/lib/config";
import { prisma, type Tx } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/domain/audit/actions";
import {
  type AttemptAnswer,
  type DeliveryDecision,
  decideAfterAttempt,
  shouldDisableForFailures,
} from "@/lib/domain/webhooks/delivery-schedule";
import { signedHeaders } from "@/lib/domain/webhooks/signing";
import { kickEmailDelivery, queueEmail } from "@/lib/email/outbox";
import { webhookEndpointDisabledEmail } from "@/lib/email/templates/webhook-endpoint-disabled";
import { logger } from "@/lib/log";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { type PostResult, postWebhook, WEBHOOK_TIMEOUT_MS } from "./post-webhook";
import { ensureWebhookSecret, validWebhookSecrets } from "./webhook-secrets";

/**
 * Delivers webhooks. A worker claims due deliveries (FOR UPDATE SKIP LOCKED, then a lease in
 * claimed_until, so two workers never send the same attempt and a crashed one's claim lapses),
 * sends each outside any transaction, then records the attempt with a conditional update on its
 * lease. The answer decides the rest (lib/domain/webhooks/delivery-schedule.ts): delivered, retry
 * later, abandoned, or (410, or failing for a day) the endpoint is disabled and its admins told.
 */

/** Longer than one attempt can take, so a live worker's lease never lapses under it. */
const LEASE_SECONDS = Math.ceil(WEBHOOK_TIMEOUT_MS / 1000) + 50;
const log = logger.child({ component: "webhooks" });

export type ClaimedDelivery = {
  id: string;
  merchantId: string;
  eventId: string;
  endpointId: string;
  url: string;
  attemptNumber: number;
  claimedUntil: Date;
  payload: unknown;
  failingSince: Date | null;
};

type ClaimRow = {
  id: string;
  merchant_id: string;
  event_id: string;
  endpoint_id: string;
  url: string;
  attempt_count: number;
  claimed_until: Date;
  payload: unknown;
  failing_since: Date | null;
};

function fromRow(row: ClaimRow): ClaimedDelivery {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    url: row.url,
    attemptNumber: row.attempt_count,
    claimedUntil: row.claimed_until,
    payload: row.payload,
    failingSince: row.failing_since,
  };
}

/** Claims up to `limit` deliveries due at `now` whose endpoints are enabled. */
export async function claimDueDeliveries(now: Date, limit: number): Promise<ClaimedDelivery[]> {
  const rows = await prisma.$queryRaw<ClaimRow[]>`
    WITH due AS (
      SELECT d.id FROM webhook_delivery d
      JOIN webhook_endpoint e ON e.id = d.endpoint_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= ${now}
        AND (d.claimed_until IS NULL OR d.claimed_until < ${now}) AND e.enabled
      ORDER BY d.next_attempt_at, d.id
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    ), claimed AS (
      UPDATE webhook_delivery d
      SET claimed_until = ${now}::timestamptz + make_interval(secs => ${LEASE_SECONDS}),
          attempt_count = d.attempt_count + 1, updated_at = now()
      FROM due WHERE d.id = due.id
      RETURNING d.id, d.merchant_id, d.event_id, d.endpoint_id, d.attempt_count, d.claimed_until
    )
    SELECT c.id::text, c.merchant_id::text, c.event_id, c.endpoint_id::text, c.attempt_count,
           c.claimed_until, e.url, e.failing_since, ev.payload
    FROM claimed c
    JOIN webhook_endpoint e ON e.id = c.endpoint_id
    JOIN webhook_event ev ON ev.id = c.event_id`;
  return rows.map(fromRow);
}

/** Claims one delivery for a person's resend, whatever its status, unless an attempt is under way. */
export async function claimDeliveryForResend(
  tx: Tx,
  merchantId: string,
  deliveryId: string,
  now: Date,
): Promise<ClaimedDelivery | null> {
  const rows = await tx.$queryRaw<ClaimRow[]>`
    WITH claimed AS (
      UPDATE webhook_delivery d
      SET claimed_until = ${now}::timestamptz + make_interval(secs => ${LEASE_SECONDS}),
          attempt_count = d.attempt_count + 1, updated_at = now()
      WHERE d.id = ${deliveryId}::uuid AND d.merchant_id = ${merchantId}::uuid
        AND (d.claimed_until IS NULL OR d.claimed_until < ${now})
      RETURNING d.id, d.merchant_id, d.event_id, d.endpoint_id, d.attempt_count, d.claimed_until
    )
    SELECT c.id::text, c.merchant_id::text, c.event_id, c.endpoint_id::text, c.attempt_count,
           c.claimed_until, e.url, e.failing_since, ev.payload
    FROM claimed c
    JOIN webhook_endpoint e ON e.id = c.endpoint_id
    JOIN webhook_event ev ON ev.id = c.event_id`;
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The secrets that sign now; the first is created here if the merchant has none yet. */
export async function signingSecrets(merchantId: string): Promise<string[]> {
  const secrets = await validWebhookSecrets(prisma, merchantId, new Date());
  if (secrets.length > 0) return secrets;
  return prisma.$transaction(async (tx) => {
    await ensureWebhookSecret(tx, merchantId);
    return validWebhookSecrets(tx, merchantId, new Date());
  });
}

export type AttemptOutcome = {
  deliveryId: string;
  attemptNumber: number;
  responseStatus: number | null;
  error: string | null;
  outcome: DeliveryDecision["outcome"] | "failed_manual";
};

/**
 * Sends one claimed attempt and records it. `now` is the scheduler's clock (tests pass a later
 * one to play the retry schedule); the signature's timestamp is always the real time of sending.
 */
export async function attemptDelivery(
  claimed: ClaimedDelivery,
  options: { now?: Date; manual?: boolean; secrets?: Promise<string[]> } = {},
): Promise<AttemptOutcome> {
  const now = options.now ?? new Date();
  const secrets = await (options.secrets ?? signingSecrets(claimed.merchantId));
  const body = JSON.stringify(claimed.payload);
  const headers = {
    "content-type": "application/json",
    "user-agent": "Countersign-Webhooks/1",
    ...signedHeaders(secrets, {
      id: claimed.eventId,
      timestamp: Math.floor(Date.now() / 1000),
      body,
    }),
  };
  const result = await postWebhook(claimed.url, headers, body);
  const answer: AttemptAnswer = result.ok
    ? { status: result.status }
    : { status: null, error: result.error };
  const decision = decideAfterAttempt(claimed.attemptNumber, answer, now);
  const emailIds = await prisma.$transaction((tx) =>
    recordAttempt(tx, claimed, { headers, body, result, decision, now, manual: options.manual }),
  );
  kickEmailDelivery(emailIds);
  return {
    deliveryId: claimed.id,
    attemptNumber: claimed.attemptNumber,
    responseStatus: result.ok ? result.status : null,
    error: result.ok ? null : result.error,
    outcome:
      options.manual && decision.outcome !== "delivered" && decision.outcome !== "endpoint_gone"
        ? "failed_manual"
        : decision.outcome,
  };
}

async function recordAttempt(
  tx: Tx,
  claimed: ClaimedDelivery,
  attempt: {
    headers: Record<string, string>;
    body: string;
    result: PostResult;
    decision: DeliveryDecision;
    now: Date;
    manual?: boolean;
  },
): Promise<string[]> {
  const { result, decision, now } = attempt;
  const status = result.ok ? result.status : null;
  const error = result.ok ? null : result.error.slice(0, 1000);
  // A status outside 100-599 is not HTTP; the CHECKs would refuse it, so it is recorded as an error.
  const validStatus = status !== null && status >= 100 && status <= 599 ? status : null;
  const recordedError =
    validStatus === null && error === null ? `Invalid HTTP status ${status}` : error;
  await tx.webhookDeliveryAttempt.create({
    data: {
      deliveryId: claimed.id,
      attemptNumber: claimed.attemptNumber,
      manual: attempt.manual === true,
      requestUrl: claimed.url,
      requestHeaders: attempt.headers,
      requestBody: attempt.body,
      responseStatus: validStatus,
      responseBody: result.ok ? result.body : null,
      durationMs: result.durationMs,
      error: recordedError,
      createdAt: now,
    },
  });

  const lastFields = { claimedUntil: null, lastStatus: validStatus, lastError: recordedError };
  let deliveryData: Parameters<Tx["webhookDelivery"]["updateMany"]>[0]["data"];
  if (decision.outcome === "delivered") {
    deliveryData = { ...lastFields, status: "delivered", nextAttemptAt: null, deliveredAt: now };
  } else if (decision.outcome === "endpoint_gone") {
    deliveryData = { ...lastFields, status: "failed", nextAttemptAt: null, deliveredAt: null };
  } else if (attempt.manual) {
    // A person's failed resend leaves the delivery where it was (still due, or given up).
    deliveryData = lastFields;
  } else if (decision.outcome === "retry") {
    deliveryData = { ...lastFields, nextAttemptAt: decision.at };
  } else {
    deliveryData = { ...lastFields, status: "abandoned", nextAttemptAt: null };
  }
  let { count } = await tx.webhookDelivery.updateMany({
    where: {
      id: claimed.id,
      claimedUntil: claimed.claimedUntil,
      // Rescheduling needs it still pending: its endpoint may have been disabled meanwhile.
      ...(deliveryData.nextAttemptAt instanceof Date ? { status: "pending" } : {}),
    },
    data: deliveryData,
  });
  if (count === 0 && deliveryData.nextAttemptAt instanceof Date)
    ({ count } = await tx.webhookDelivery.updateMany({
      where: { id: claimed.id, claimedUntil: claimed.claimedUntil },
      data: lastFields,
    }));
  if (count === 0) throw new Error(`webhook delivery ${claimed.id} lost its claim`);

  if (decision.outcome === "delivered") {
    if (claimed.failingSince === null) return [];
    await tx.webhookEndpoint.updateMany({
      where: { id: claimed.endpointId, failingSince: { not: null } },
      data: { failingSince: null },
    });
    return [];
  }
  const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: claimed.endpointId } });
  if (!endpoint?.enabled) return [];
  if (decision.outcome === "endpoint_gone")
    return disableEndpoint(
      tx,
      endpoint.id,
      claimed.merchantId,
      "gone",
      recordedError ?? `HTTP ${status}`,
      now,
    );
  const failingSince = endpoint.failingSince ?? now;
  if (!endpoint.failingSince)
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince } });
  if (shouldDisableForFailures(failingSince, now, decision.outcome === "abandoned"))
    return disableEndpoint(
      tx,
      endpoint.id,
      claimed.merchantId,
      "failing",
      recordedError ?? `HTTP ${status}`,
      now,
    );
  return [];
}

/**
 * Stops an endpoint (if it is still enabled): its pending deliveries stop too, the audit log says
 * why, and the merchant's admins get an email. Returns the outbox ids to kick after commit.
 */
async function disableEndpoint(
  tx: Tx,
  endpointId: string,
  merchantId: string,
  reason: "gone" | "failing",
  lastError: string,
  now: Date,
): Promise<string[]> {
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { id: endpointId, enabled: true },
    data: { enabled: false, disabledAt: now, disabledReason: reason },
  });
  if (count === 0) return [];
  await tx.webhookDelivery.updateMany({
    where: { endpointId, status: "pending" },
    data: { status: "failed", nextAttemptAt: null },
  });
  const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
  await recordAuditEvent(tx, {
    actor: SYSTEM_ACTOR,
    merchantId,
    entity: "webhook_endpoint",
    entityId: endpointId,
    action: "webhook_endpoint.disabled",
    fromState: "enabled",
    toState: "disabled",
    data: { reason, url: endpoint.url, lastError },
  });
  log.warn({ endpointId, reason }, "webhook endpoint disabled");
  const admins = await tx.membership.findMany({
    where: { merchantId, active: true, role: { in: ["owner", "admin"] } },
    select: { user: { select: { email: true } } },
  });
  if (admins.length === 0) return [];
  const email = webhookEndpointDisabledEmail({
    url: endpoint.url,
    reason,
    lastError,
    disabledAt: now,
    link: `${config().appUrl}/settings/webhooks/${endpointId}`,
  });
  return [
    await queueEmail(tx, {
      merchantId,
      kind: "webhook_endpoint.disabled",
      to: admins.map((admin) => admin.user.email),
      ...email,
      entityId: endpointId,
    }),
  ];
}

/**
 * The worker's (and the tick's) job: claims due deliveries in batches and sends them, `concurrency`
 * at a time, until none is due or `maxAttempts` were made. Returns what it did.
 */
export async function deliverDueWebhooks(
  options: { now?: Date; batchSize?: number; concurrency?: number; maxAttempts?: number } = {},
): Promise<{ attempted: number; delivered: number }> {
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 8;
  const maxAttempts = options.maxAttempts ?? 500;
  let attempted = 0;
  let delivered = 0;
  while (attempted < maxAttempts) {
    const now = options.now ?? new Date();
    const batch = await claimDueDeliveries(now, Math.min(batchSize, maxAttempts - attempted));
    if (batch.length === 0) break;
    // One read of each merchant's secrets per batch, not per attempt.
    const secrets = new Map<string, Promise<string[]>>();
    const secretsOf = (merchantId: string) => {
      let found = secrets.get(merchantId);
      if (!found) {
        found = signingSecrets(merchantId);
        secrets.set(merchantId, found);
      }
      return found;
    };
    let next = 0;
    const runner = async () => {
      while (next < batch.length) {
        const claimed = batch[next++];
        try {
          const outcome = await attemptDelivery(claimed, {
            now: options.now,
            secrets: secretsOf(claimed.merchantId),
          });
          if (outcome.outcome === "delivered") delivered++;
        } catch (error) {
          // The claim lapses and the delivery is tried again; nothing is lost.
          log.error({ err: error, deliveryId: claimed.id }, "webhook attempt failed to record");
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, runner));
    attempted += batch.length;
  }
  return { attempted, delivered };
}
