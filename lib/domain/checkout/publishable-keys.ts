import { normalizeOrigin } from "./embed-protocol";
import { CHECKOUT_METHODS, type CheckoutMethod, methodsForGateway } from "./session-rules";

/**
 * Publishable keys (pk_...): what the embeddable script sends from a merchant's page. Public by
 * design; what protects a merchant is that a key reads only its own merchant's sessions, and only
 * its allowed origins may frame the hosted page or read with it (CORS). Pure: the services, the
 * public read route and proxy.ts all ask these rules.
 */
export const PUBLISHABLE_KEY_PREFIX = "pk_";
export const SECRET_KEY_PREFIX = "sk_";
/** Demo Store's key in the seed, used by the sandbox demo shop (/sandbox/shop). */
export const DEMO_PUBLISHABLE_KEY = "pk_demo_store";
export const PUBLISHABLE_KEY_RANDOM_LENGTH = 32;
export const MAX_ALLOWED_ORIGINS = 20;
export const MAX_KEY_NAME_LENGTH = 80;
/** The stored format (a CHECK constraint holds the same pattern): generated keys and the demo's. */
export const PUBLISHABLE_KEY_PATTERN = /^pk_[A-Za-z0-9_]{8,64}$/;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * A key from random bytes: "pk_" and 32 base62 characters. Bytes of 248 and above are skipped so
 * every character is equally likely (248 = 4 x 62); the caller passes enough bytes (64 is plenty).
 */
export function publishableKeyFrom(bytes: Uint8Array): string {
  let key = PUBLISHABLE_KEY_PREFIX;
  for (const byte of bytes) {
    if (byte >= 248) continue;
    key += BASE62[byte % 62];
    if (key.length === PUBLISHABLE_KEY_PREFIX.length + PUBLISHABLE_KEY_RANDOM_LENGTH) return key;
  }
  throw new Error("not enough random bytes for a publishable key");
}

export type OriginsResult =
  | { ok: true; origins: string[] }
  | { ok: false; errors: { index: number; value: string; message: string }[] };

/**
 * The allowed origins a person typed (one per entry): each must be exactly an origin (scheme, host,
 * optional port; a trailing "/" is tolerated), http or https, and is stored normalized. Blank
 * entries are dropped and repeats merged; from 1 to MAX_ALLOWED_ORIGINS remain.
 */
export function parseAllowedOrigins(values: readonly string[]): OriginsResult {
  const errors: { index: number; value: string; message: string }[] = [];
  const origins: string[] = [];
  values.forEach((raw, index) => {
    const value = raw.trim();
    if (value === "") return;
    const origin = checkOrigin(value);
    if (typeof origin !== "string") {
      errors.push({ index, value, message: origin.message });
      return;
    }
    if (!origins.includes(origin)) origins.push(origin);
  });
  if (errors.length > 0) return { ok: false, errors };
  if (origins.length === 0)
    return {
      ok: false,
      errors: [
        { index: 0, value: "", message: "list at least one origin, like https://shop.example" },
      ],
    };
  if (origins.length > MAX_ALLOWED_ORIGINS)
    return {
      ok: false,
      errors: [
        {
          index: MAX_ALLOWED_ORIGINS,
          value: origins[MAX_ALLOWED_ORIGINS],
          message: `at most ${MAX_ALLOWED_ORIGINS} origins per key`,
        },
      ],
    };
  return { ok: true, origins };
}

function checkOrigin(value: string): string | { message: string } {
  if (value.length > 300) return { message: "too long for an origin" };
  if (/[\s*]/.test(value))
    return { message: `"${value}" is not an origin (no spaces or wildcards)` };
  const origin = normalizeOrigin(value);
  if (origin === null || origin === "null")
    return { message: `"${value}" is not an http(s) origin like https://shop.example` };
  const url = new URL(value);
  if (
    (url.pathname !== "/" && url.pathname !== "") ||
    url.search ||
    url.hash ||
    value.endsWith("?")
  )
    return {
      message: `"${value}" has a path, query or fragment: an origin is scheme, host and port only`,
    };
  return origin;
}

/** What a browser request's `Authorization` header carried. */
export type BrowserCredential =
  | { kind: "publishable"; key: string }
  | { kind: "secret" }
  | { kind: "missing" }
  | { kind: "malformed" };

/**
 * Reads `Authorization: Bearer <key>` on the public (browser) API. A secret key is named as such so
 * that the answer can say it must never reach a browser (and the merchant can rotate it).
 */
export function browserCredential(authorization: string | null): BrowserCredential {
  if (authorization === null || authorization.trim() === "") return { kind: "missing" };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) return { kind: "malformed" };
  const key = match[1];
  if (key.startsWith(SECRET_KEY_PREFIX)) return { kind: "secret" };
  return PUBLISHABLE_KEY_PATTERN.test(key) ? { kind: "publishable", key } : { kind: "malformed" };
}

/** Whether a browser's Origin header names one of the key's origins (compared normalized). */
export function originAllowed(origin: string | null, allowedOrigins: readonly string[]): boolean {
  if (origin === null || origin === "null") return false;
  const normalized = normalizeOrigin(origin);
  return normalized !== null && normalized === origin && allowedOrigins.includes(normalized);
}

/** The CORS headers for an allowed origin; none at all for any other. */
export function corsHeaders(allowedOrigin: string | null): Record<string, string> {
  const vary = { vary: "Origin" };
  if (allowedOrigin === null) return vary;
  return {
    ...vary,
    "access-control-allow-origin": allowedOrigin,
    "access-control-allow-methods": "GET, OPTIONS",
    "access-control-allow-headers": "Authorization",
    "access-control-max-age": "600",
  };
}

/** The methods a session offers, in the protocol's order: the union over its gateways. */
export function sessionMethods(pgCodes: readonly string[]): CheckoutMethod[] {
  const offered = new Set(pgCodes.flatMap((code) => methodsForGateway(code)));
  return CHECKOUT_METHODS.filter((method) => offered.has(method));
}

/** The embed query of the hosted page's address (see embed-protocol.ts), as the proxy reads it. */
export type EmbedRequest = { sessionId: string; key: string; origin: string };

/**
 * The embed request a /checkout/{sessionId} address asks for: null when it is not an embed
 * (no `embed=1`); "invalid" when it is one with a missing or malformed key, origin or session id.
 */
export function embedRequestOf(
  pathname: string,
  searchParams: URLSearchParams,
): EmbedRequest | "invalid" | null {
  if (searchParams.get("embed") !== "1") return null;
  const sessionId = /^\/checkout\/([^/]+)/.exec(pathname)?.[1] ?? "";
  const key = searchParams.get("pk") ?? "";
  const origin = searchParams.get("origin") ?? "";
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId))
    return "invalid";
  if (!PUBLISHABLE_KEY_PATTERN.test(key)) return "invalid";
  if (normalizeOrigin(origin) !== origin) return "invalid";
  return { sessionId: sessionId.toLowerCase(), key, origin };
}
