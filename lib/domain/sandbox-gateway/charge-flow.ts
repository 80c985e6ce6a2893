import type { CardScenario } from "@/lib/domain/cards/test-cards";
import { ACS_SUCCESS_CODE } from "@/lib/domain/cards/test-cards";

/**
 * The sandbox gateway's charge: what it answers at once, and how a charge waiting for the customer
 * (an ACS challenge, or the gateway's own payment page) finishes. Pure; the services apply it.
 */
export type SandboxChargeStatus =
  | "pending_challenge"
  | "pending_redirect"
  | "succeeded"
  /** The issuer said no (05, 51). */
  | "declined"
  /** 3-D Secure failed, or the customer canceled at the ACS or the payment page. */
  | "failed";

export type ThreeDs = "none" | "frictionless" | "challenge";

export type SourceKind = "card_token" | "saved_card" | "redirect" | "apple_pay";

export type ChargeDecision = {
  status: SandboxChargeStatus;
  threeDs: ThreeDs;
  code: string;
  message: string;
};

export const PENDING_STATUSES: readonly SandboxChargeStatus[] = [
  "pending_challenge",
  "pending_redirect",
];

const APPROVED = { code: "00", message: "Approved." } as const;

const CARD_DECISIONS: Record<CardScenario, ChargeDecision> = {
  frictionless: { status: "succeeded", threeDs: "frictionless", ...APPROVED },
  no_three_ds: { status: "succeeded", threeDs: "none", ...APPROVED },
  challenge: {
    status: "pending_challenge",
    threeDs: "challenge",
    code: "challenge",
    message: "The issuer asks the customer for a one-time code.",
  },
  three_ds_failed: {
    status: "failed",
    threeDs: "frictionless",
    code: "3ds_failed",
    message: "3-D Secure authentication failed.",
  },
  declined: {
    status: "declined",
    threeDs: "frictionless",
    code: "05",
    message: "Do not honour: declined by the issuer.",
  },
  insufficient_funds: {
    status: "declined",
    threeDs: "frictionless",
    code: "51",
    message: "Insufficient funds.",
  },
};

/** The answer to a new charge. `scenario` is the card's (card_token, saved_card), else null. */
export function decideCharge(source: SourceKind, scenario: CardScenario | null): ChargeDecision {
  if (source === "redirect")
    return {
      status: "pending_redirect",
      threeDs: "none",
      code: "redirect",
      message: "The customer pays on the gateway's page.",
    };
  if (source === "apple_pay" || scenario === null)
    return { status: "succeeded", threeDs: "none", ...APPROVED };
  return CARD_DECISIONS[scenario];
}

/** What the customer does on the ACS page or on the gateway's payment page. */
export type CustomerEvent =
  | { kind: "acs_code"; code: string }
  | { kind: "acs_cancel" }
  | { kind: "redirect_pay" }
  | { kind: "redirect_decline" }
  | { kind: "redirect_cancel" };

export type CustomerEventResult =
  | { ok: true; next: ChargeDecision }
  | { ok: false; reason: "finished" | "wrong_page" | "invalid_code"; message: string };

export const ACS_CODE_PATTERN = /^\d{6}$/;

/**
 * The charge's lifecycle after its first answer: a pending charge finishes once, by the event of
 * its own page; a finished charge refuses every event (a second submit, a back button).
 */
export function applyCustomerEvent(
  status: SandboxChargeStatus,
  event: CustomerEvent,
): CustomerEventResult {
  if (!PENDING_STATUSES.includes(status))
    return { ok: false, reason: "finished", message: "This payment has already finished." };
  const isAcsEvent = event.kind === "acs_code" || event.kind === "acs_cancel";
  if ((status === "pending_challenge") !== isAcsEvent)
    return {
      ok: false,
      reason: "wrong_page",
      message: "This payment is not waiting for this page.",
    };
  switch (event.kind) {
    case "acs_code":
      if (!ACS_CODE_PATTERN.test(event.code))
        return { ok: false, reason: "invalid_code", message: "The code is 6 digits." };
      return event.code === ACS_SUCCESS_CODE
        ? { ok: true, next: { status: "succeeded", threeDs: "challenge", ...APPROVED } }
        : {
            ok: true,
            next: {
              status: "failed",
              threeDs: "challenge",
              code: "3ds_failed",
              message: "3-D Secure authentication failed: wrong one-time code.",
            },
          };
    case "acs_cancel":
      return {
        ok: true,
        next: {
          status: "failed",
          threeDs: "challenge",
          code: "3ds_canceled",
          message: "The customer canceled 3-D Secure authentication.",
        },
      };
    case "redirect_pay":
      return { ok: true, next: { status: "succeeded", threeDs: "none", ...APPROVED } };
    case "redirect_decline":
      return {
        ok: true,
        next: {
          status: "declined",
          threeDs: "none",
          code: "05",
          message: "Do not honour: declined by the issuer.",
        },
      };
    case "redirect_cancel":
      return {
        ok: true,
        next: {
          status: "failed",
          threeDs: "none",
          code: "canceled",
          message: "The customer canceled on the gateway's page.",
        },
      };
  }
}

/**
 * Open-redirect guard: the gateway sends browsers back only to an http(s) URL on the app's own
 * origin (scheme, host and port), with no credentials in it.
 */
export function isAllowedReturnUrl(url: string, appOrigin: string): boolean {
  let parsed: URL;
  let app: URL;
  try {
    parsed = new URL(url);
    app = new URL(appOrigin);
  } catch {
    return false;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  if (parsed.username !== "" || parsed.password !== "") return false;
  return parsed.origin === app.origin;
}

/** The return URL with the charge's reference added (the only thing the browser carries back). */
export function returnUrlWithReference(url: string, reference: string): string {
  const target = new URL(url);
  target.searchParams.set("reference", reference);
  return target.toString();
}
