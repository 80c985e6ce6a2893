/**
 * The events a merchant's server can subscribe to. The database CHECK on webhook_event.type and on
 * webhook_endpoint.event_types lists the same names; a new event is added here and in a migration.
 *
 * operation_request.* follow the request's real states (lib/domain/operation-requests/states.ts):
 * submitted (pending, or approved at once), approved, rejected, canceled, expired, done (the gateway
 * moved the money) and manual_action_required (the gateway call failed; a person must act).
 * payout.* will join this list with the payouts issue.
 */
export const WEBHOOK_EVENT_TYPES = [
  "payment.authorized",
  "payment.paid",
  "payment.failed",
  "payment.canceled",
  "payment.expired",
  "refund.succeeded",
  "void.succeeded",
  "operation_request.submitted",
  "operation_request.approved",
  "operation_request.rejected",
  "operation_request.canceled",
  "operation_request.expired",
  "operation_request.done",
  "operation_request.manual_action_required",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === "string" && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** An endpoint with no event types listed receives every event. */
export function endpointWantsEvent(subscribed: readonly string[], type: WebhookEventType): boolean {
  return subscribed.length === 0 || subscribed.includes(type);
}

/** The body the merchant receives, in the shape Standard Webhooks recommends. */
export type WebhookPayload = {
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
};

export function webhookPayload(
  type: WebhookEventType,
  data: Record<string, unknown>,
  at: Date,
): WebhookPayload {
  return { type, timestamp: at.toISOString(), data };
}

/** Event ids are `msg_` + 24 url-safe characters, as Standard Webhooks' examples are. */
export const WEBHOOK_EVENT_ID = /^msg_[A-Za-z0-9]{24}$/;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** An event id from 24 random bytes (the caller supplies them, so this stays pure). */
export function webhookEventId(random: Uint8Array): string {
  if (random.length < 24) throw new Error("webhookEventId needs 24 random bytes");
  let id = "msg_";
  // 62 letters: the tiny modulo bias is irrelevant for an identifier.
  for (let i = 0; i < 24; i++) id += ALPHABET[random[i] % ALPHABET.length];
  return id;
}
