/**
 * The rules of a checkout session's fields, pure: how long it may live, which gateways it may offer,
 * what its order number looks like. The zod schemas (lib/validation/checkout.ts) and the services
 * both read these.
 */

export const CHECKOUT_TYPES = ["e_commerce", "payment_request"] as const;
export type CheckoutType = (typeof CHECKOUT_TYPES)[number];
export const CHECKOUT_OPERATIONS = ["purchase", "authorize"] as const;
export type CheckoutOperation = (typeof CHECKOUT_OPERATIONS)[number];
export const PAYMENT_TYPES = ["one_off", "save_card"] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];
export const CHECKOUT_LANGUAGES = ["en", "ar"] as const;
export type CheckoutLanguage = (typeof CHECKOUT_LANGUAGES)[number];
export const CHECKOUT_METHODS = ["card", "saved_card", "redirect", "apple_pay"] as const;
export type CheckoutMethod = (typeof CHECKOUT_METHODS)[number];
export const NOTIFICATION_CHANNELS = ["email", "sms", "whatsapp"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const MIN_EXPIRATION_SECONDS = 5 * 60;
export const MAX_EXPIRATION_SECONDS = 30 * 24 * 60 * 60;
export const DEFAULT_EXPIRATION_SECONDS = 24 * 60 * 60;
/** Attempts a customer has per session unless the merchant's settings say otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 5;
export const MAX_ATTEMPTS_LIMIT = 20;
export const ORDER_NO_MAX_LENGTH = 64;
export const CUSTOMER_ID_MAX_LENGTH = 64;

/**
 * `expiration_time` as Ottu writes it (a duration: "HH:MM:SS" or "D HH:MM:SS", e.g. "1 00:00:00"
 * for a day), between 5 minutes and 30 days. Returns seconds or a reason.
 */
export function parseExpirationTime(
  input: string,
): { ok: true; seconds: number } | { ok: false; reason: string } {
  const match = /^(?:(\d{1,2}) )?(\d{1,3}):([0-5]\d):([0-5]\d)$/.exec(input);
  if (!match)
    return {
      ok: false,
      reason: 'must be a duration "HH:MM:SS" or "D HH:MM:SS" (e.g. "1 00:00:00")',
    };
  const [, days, hours, minutes, seconds] = match;
  const total =
    Number(days ?? 0) * 86_400 + Number(hours) * 3_600 + Number(minutes) * 60 + Number(seconds);
  return checkExpirationSeconds(total);
}

export function checkExpirationSeconds(
  seconds: number,
): { ok: true; seconds: number } | { ok: false; reason: string } {
  if (!Number.isInteger(seconds) || seconds < MIN_EXPIRATION_SECONDS)
    return { ok: false, reason: "must be at least 5 minutes" };
  if (seconds > MAX_EXPIRATION_SECONDS) return { ok: false, reason: "must be at most 30 days" };
  return { ok: true, seconds };
}

/** The inverse of parseExpirationTime, for echoing the field back. */
export function formatExpirationTime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds % 86_400;
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor(rest / 3_600))}:${pad(Math.floor((rest % 3_600) / 60))}:${pad(rest % 60)}`;
  return days > 0 ? `${days} ${clock}` : clock;
}

export type GatewayOption = { code: string; currency: string };

/**
 * Which of the requested gateway codes the session may offer: every code must be one of the
 * merchant's gateways and take the session's currency. Returns one message per bad code.
 */
export function checkGatewaySelection(
  requested: readonly string[],
  merchantGateways: readonly GatewayOption[],
  currency: string,
): { ok: true } | { ok: false; errors: { code: string; message: string }[] } {
  const byCode = new Map(merchantGateways.map((gateway) => [gateway.code, gateway]));
  const errors: { code: string; message: string }[] = [];
  if (requested.length === 0)
    errors.push({ code: "", message: "at least one gateway is required" });
  for (const code of requested) {
    const gateway = byCode.get(code);
    if (!gateway) errors.push({ code, message: `unknown gateway "${code}"` });
    else if (gateway.currency !== currency)
      errors.push({
        code,
        message: `gateway "${code}" takes ${gateway.currency}, not ${currency}`,
      });
  }
  if (new Set(requested).size !== requested.length)
    errors.push({ code: "", message: "each gateway may be named once" });
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

/** The methods a gateway offers on the hosted page. The sandbox gateway offers all four. */
export function methodsForGateway(_code: string): CheckoutMethod[] {
  return ["card", "saved_card", "redirect", "apple_pay"];
}

const SHORT_CODE_ALPHABET = "23456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
export const SHORT_CODE_LENGTH = 10;
export const SHORT_CODE_PATTERN = /^[2-9a-km-zA-HJ-NP-Z]{10}$/;

/** A short link code from random bytes (one character per byte; no 0/O/1/l/I look-alikes). */
export function shortCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < SHORT_CODE_LENGTH) throw new Error("need one random byte per character");
  let code = "";
  for (let index = 0; index < SHORT_CODE_LENGTH; index++) {
    code += SHORT_CODE_ALPHABET[bytes[index] % SHORT_CODE_ALPHABET.length];
  }
  return code;
}

/** A generated order number when the merchant sends none: "CS-" and 10 upper-case characters. */
export function generatedOrderNo(bytes: Uint8Array): string {
  return `CS-${shortCodeFrom(bytes).toUpperCase()}`;
}
