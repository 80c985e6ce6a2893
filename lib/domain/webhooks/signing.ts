import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): the signed content is
 * `${id}.${timestamp}.${body}`, the key is the base64-decoded part of a `whsec_` secret, and the
 * `webhook-signature` header holds one `v1,<base64 HMAC-SHA256>` per valid secret, space-separated,
 * so a receiver that knows either secret accepts the message while a secret is being rotated.
 */

export const SECRET_PREFIX = "whsec_";
export const MIN_SECRET_BYTES = 24;
export const MAX_SECRET_BYTES = 64;
/** How far a message's timestamp may be from the receiver's clock (replay protection). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A new secret from random bytes (24 to 64; the caller supplies them, so this stays pure). */
export function formatSecret(random: Uint8Array): string {
  if (random.length < MIN_SECRET_BYTES || random.length > MAX_SECRET_BYTES)
    throw new Error(`a webhook secret needs ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes`);
  return SECRET_PREFIX + Buffer.from(random).toString("base64");
}

/** The HMAC key of a `whsec_` secret, or null when it is not one. */
export function secretKey(secret: string): Buffer | null {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!BASE64.test(encoded)) return null;
  const key = Buffer.from(encoded, "base64");
  return key.length >= MIN_SECRET_BYTES && key.length <= MAX_SECRET_BYTES ? key : null;
}

export function isWebhookSecret(secret: string): boolean {
  return secretKey(secret) !== null;
}

export type SignedMessage = { id: string; timestamp: number; body: string };

/** `v1,<base64>` for one secret. */
export function signatureFor(secret: string, message: SignedMessage): string {
  const key = secretKey(secret);
  if (!key) throw new Error("not a whsec_ webhook secret");
  const mac = createHmac("sha256", key)
    .update(`${message.id}.${message.timestamp}.${message.body}`, "utf8")
    .digest("base64");
  return `v1,${mac}`;
}

/** The headers of one delivery attempt, signed with every secret valid now. */
export function signedHeaders(
  secrets: readonly string[],
  message: SignedMessage,
): Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string> {
  if (secrets.length === 0) throw new Error("a webhook needs at least one secret to be signed");
  return {
    "webhook-id": message.id,
    "webhook-timestamp": String(message.timestamp),
    "webhook-signature": secrets.map((secret) => signatureFor(secret, message)).join(" "),
  };
}

export type VerifyResult =
  | { ok: true }
  | {
      ok: false;
      reason: "missing_headers" | "bad_timestamp" | "timestamp_out_of_tolerance" | "no_match";
    };

/**
 * What a receiver does: checks the timestamp against its clock and compares every `v1` signature
 * in the header with its own, in constant time. `body` must be the raw body as received.
 */
export function verifyWebhook(
  secret: string,
  headers: {
    id: string | null | undefined;
    timestamp: string | null | undefined;
    signature: string | null | undefined;
  },
  body: string,
  nowSeconds: number,
  toleranceSeconds = TIMESTAMP_TOLERANCE_SECONDS,
): VerifyResult {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,15}$/.test(timestamp)) return { ok: false, reason: "bad_timestamp" };
  const seconds = Number(timestamp);
  if (Math.abs(nowSeconds - seconds) > toleranceSeconds)
    return { ok: false, reason: "timestamp_out_of_tolerance" };
  if (!secretKey(secret)) return { ok: false, reason: "no_match" };
  const expected = Buffer.from(signatureFor(secret, { id, timestamp: seconds, body }).slice(3));
  for (const entry of signature.split(" ")) {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: "no_match" };
}
