import { isExpiredAt, type SessionState } from "./lifecycle";
import type { CheckoutLanguage, PaymentType } from "./session-rules";

/**
 * What the hosted page shows for a session, and the small rules around it (the success redirect,
 * the amount, the countdown, the expiry field). Pure: the page, its client form and the return
 * route all read these.
 */
export type PageView = "pay" | "pending" | "receipt" | "expired" | "canceled" | "failed";

export function pageViewOf(
  session: { state: SessionState; expiresAt: Date; attemptPending: boolean },
  now: Date,
): PageView {
  switch (session.state) {
    case "paid":
    case "authorized":
      return "receipt";
    case "expired":
      return "expired";
    case "canceled":
      return "canceled";
    case "failed":
      return "failed";
    default:
      // A session past its time is expired for the customer before the expiry job has run.
      if (isExpiredAt(session, now)) return "expired";
      return session.attemptPending ? "pending" : "pay";
  }
}

/** Whether the card form offers "save this card": the session must name a customer. */
export function saveCardChoice(session: {
  hasCustomer: boolean;
  paymentType: PaymentType;
}): "ask" | "always" | "never" {
  if (!session.hasCustomer) return "never";
  return session.paymentType === "save_card" ? "always" : "ask";
}

/**
 * The merchant's redirect_url with session_id, order_no and state added (any of them already in the
 * URL is replaced, its other parameters are kept). Null when there is none or it is not http(s).
 */
export function successRedirectUrl(
  redirectUrl: string | null,
  outcome: { session_id: string; order_no: string; state: string },
): string | null {
  if (!redirectUrl) return null;
  let url: URL;
  try {
    url = new URL(redirectUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  url.searchParams.set("session_id", outcome.session_id);
  url.searchParams.set("order_no", outcome.order_no);
  url.searchParams.set("state", outcome.state);
  return url.toString();
}

/**
 * An amount (a decimal string already at the currency's precision) with its currency, in the page's
 * language. The string is formatted as a decimal, never through a float.
 */
export function formatAmount(amount: string, currency: string, language: CheckoutLanguage): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) return `${amount} ${currency}`;
  const [, sign, whole, fraction] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const number = `${sign}${grouped}${fraction ? `.${fraction}` : ""}`;
  // The number stays in Latin digits and left-to-right inside an Arabic sentence (U+2066..U+2069).
  return language === "ar" ? `\u2066${number} ${currency}\u2069` : `${currency} ${number}`;
}

/** The time left as "H:MM:SS", or "D d H:MM:SS" beyond a day; "0:00:00" once it is over. */
export function formatCountdown(msLeft: number): string {
  const total = Math.max(0, Math.floor(msLeft / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${hours}:${pad(minutes)}:${pad(seconds)}`;
  return days > 0 ? `${days} d ${clock}` : clock;
}

/**
 * The expiry field as a person types it: "MM/YY" (also "M/YY", "MM/YYYY", "MMYY", spaces around the
 * slash). Null when it is not that shape; the month and year ranges are the card rules' business.
 */
export function parseExpiryInput(input: string): { month: number; year: number } | null {
  const match = /^ *(\d{1,2}) *\/? *(\d{2}|\d{4}) *$/.exec(input);
  if (!match) return null;
  if (!input.includes("/") && match[1].length !== 2) return null;
  return { month: Number(match[1]), year: Number(match[2]) };
}

export const FAILURE_REASONS = [
  "insufficient_funds",
  "three_ds_failed",
  "canceled",
  "declined",
  "not_completed",
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/**
 * Why an attempt failed, as the customer is told (lib/domain/checkout/messages.ts words it in each
 * language): never the gateway's internals. A timeout or an error is "not completed": no money was
 * taken as far as we know, and the customer may try again.
 */
export function attemptFailureReason(result: { outcome: string; code: string }): FailureReason {
  if (result.outcome === "declined") {
    if (result.code === "51") return "insufficient_funds";
    if (result.code === "3ds_failed") return "three_ds_failed";
    if (result.code === "canceled") return "canceled";
    return "declined";
  }
  return "not_completed";
}
