import { CHECKOUT_METHODS, type CheckoutMethod } from "./session-rules";

/**
 * The messages between the embeddable script (sdk/, in the merchant's page) and the hosted page in
 * its iframe (/checkout/{id}?embed=1&pk=...&origin=...). Pure, shared by both sides: each side checks
 * the other's origin (event.origin) and window (event.source) first, then parses the message here.
 *
 * The iframe's address: /checkout/{sessionId}?embed=1&pk=<publishable key>&origin=<the merchant
 * page's origin>&methods=<comma-separated CHECKOUT_METHODS>&lang=<en|ar>. The page answers only when
 * the key belongs to the session's merchant and lists that origin (frame-ancestors is set to it), and
 * posts every message to that origin only.
 */
export const EMBED_SOURCE = "countersign-checkout";
export const EMBED_VERSION = 1;

export type OutcomeData = {
  session_id: string;
  order_no: string;
  state: string;
  message?: string;
  redirect_url?: string | null;
};

/** From the hosted page (iframe) to the merchant's page. */
export type FrameToParent =
  | { type: "ready"; height: number }
  | { type: "resize"; height: number }
  /** The customer chose a method and pressed Pay: the merchant's beforePayment may stop it. */
  | { type: "before_payment"; requestId: string; method: CheckoutMethod }
  | { type: "success"; data: OutcomeData }
  | { type: "cancel"; data: OutcomeData }
  | { type: "error"; data: OutcomeData & { code: string } };

/** From the merchant's page to the hosted page. */
export type ParentToFrame = { type: "before_payment_result"; requestId: string; proceed: boolean };

export type Envelope<T> = T & { source: typeof EMBED_SOURCE; version: typeof EMBED_VERSION };

export function envelope<T extends { type: string }>(message: T): Envelope<T> {
  return { ...message, source: EMBED_SOURCE, version: EMBED_VERSION };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isOutcome(value: unknown): value is OutcomeData {
  return (
    isRecord(value) &&
    typeof value.session_id === "string" &&
    typeof value.order_no === "string" &&
    typeof value.state === "string"
  );
}

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A message from the iframe, or null for anything else (other scripts post messages too). */
export function parseFrameMessage(data: unknown): FrameToParent | null {
  if (!isRecord(data) || data.source !== EMBED_SOURCE || data.version !== EMBED_VERSION)
    return null;
  switch (data.type) {
    case "ready":
    case "resize":
      return typeof data.height === "number" && Number.isFinite(data.height) && data.height >= 0
        ? { type: data.type, height: Math.min(Math.round(data.height), 10_000) }
        : null;
    case "before_payment":
      return typeof data.requestId === "string" &&
        REQUEST_ID.test(data.requestId) &&
        (CHECKOUT_METHODS as readonly unknown[]).includes(data.method)
        ? {
            type: "before_payment",
            requestId: data.requestId,
            method: data.method as CheckoutMethod,
          }
        : null;
    case "success":
    case "cancel":
      return isOutcome(data.data) ? { type: data.type, data: data.data } : null;
    case "error":
      return isOutcome(data.data) && typeof (data.data as { code?: unknown }).code === "string"
        ? { type: "error", data: data.data as OutcomeData & { code: string } }
        : null;
    default:
      return null;
  }
}

/** A message from the merchant's page, or null. */
export function parseParentMessage(data: unknown): ParentToFrame | null {
  if (!isRecord(data) || data.source !== EMBED_SOURCE || data.version !== EMBED_VERSION)
    return null;
  if (
    data.type === "before_payment_result" &&
    typeof data.requestId === "string" &&
    REQUEST_ID.test(data.requestId) &&
    typeof data.proceed === "boolean"
  )
    return { type: "before_payment_result", requestId: data.requestId, proceed: data.proceed };
  return null;
}

/** An origin as a merchant lists it: scheme, host and port only ("https://shop.example"). */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}
