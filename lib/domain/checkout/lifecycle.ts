/**
 * The life of a checkout session. A session is a payment transaction: its states are the payment's
 * (TransactionState) up to the end of checkout; refunds and voids afterwards are the operation
 * requests' business. Every rule about moving a session is here, as a table (state x event) with a
 * named refusal for every move it does not allow.
 *
 * created    no attempt yet; the merchant may still update the amount
 * pending    an attempt is under way (the gateway, a 3-D Secure challenge or its payment page)
 * attempted  an attempt failed and the customer may try again (attempts left)
 * authorized the amount is held (operation authorize); capture or void next
 * paid       the money is taken
 * failed     no attempts left
 * canceled   by the merchant, the customer, or a validation error on update
 * expired    its time ran out
 *
 * A gateway that answers late can still make a failed, expired or canceled session authorized or
 * paid: money moved, so it is recorded (and flagged) rather than refused. A success on a session
 * already authorized or paid changes nothing and is flagged as a duplicate.
 */

export const SESSION_STATES = [
  "created",
  "pending",
  "attempted",
  "authorized",
  "paid",
  "failed",
  "canceled",
  "expired",
] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const SESSION_EVENTS = [
  "start_attempt",
  "attempt_failed",
  "attempt_succeeded",
  "update",
  "cancel",
  "expire",
  "capture",
] as const;
export type SessionEvent = (typeof SESSION_EVENTS)[number];

/** States a customer can still pay in. */
export const PAYABLE_STATES: readonly SessionState[] = ["created", "pending", "attempted"];
/** States that end checkout without money. A late success may still leave them. */
export const ENDED_STATES: readonly SessionState[] = ["failed", "canceled", "expired"];
/** States where money moved. */
export const SUCCESS_STATES: readonly SessionState[] = ["authorized", "paid"];

export type SessionRefusalCode = "invalid_state" | "request_expired" | "request_canceled";

export type SessionRefusal = { ok: false; code: SessionRefusalCode; message: string };

export type SessionDecision =
  | { ok: true; next: SessionState; late?: boolean; duplicate?: boolean }
  | SessionRefusal;

export type SessionSnapshot = {
  readonly state: SessionState;
  readonly expiresAt: Date;
  /** Attempts made so far (every attempt counts, whatever its outcome). */
  readonly attemptCount: number;
  readonly maxAttempts: number;
  /** An attempt of this session is pending (at the gateway or waiting for the customer). */
  readonly attemptPending: boolean;
};

export type EventInput =
  | { event: "start_attempt"; now: Date }
  | { event: "attempt_failed" }
  | { event: "attempt_succeeded"; captured: boolean }
  | { event: "update"; now: Date }
  | { event: "cancel" }
  | { event: "expire"; now: Date }
  | { event: "capture"; full: boolean };

function refuse(code: SessionRefusalCode, message: string): SessionRefusal {
  return { ok: false, code, message };
}

export function isExpiredAt(session: Pick<SessionSnapshot, "expiresAt">, now: Date): boolean {
  return session.expiresAt.getTime() <= now.getTime();
}

export function attemptsLeft(session: Pick<SessionSnapshot, "attemptCount" | "maxAttempts">) {
  return Math.max(0, session.maxAttempts - session.attemptCount);
}

/** Why a session a customer opens cannot be paid, in words for the customer; null when it can. */
function notPayable(session: SessionSnapshot, now: Date): SessionRefusal | null {
  switch (session.state) {
    case "canceled":
      return refuse("request_canceled", "This payment was canceled by the merchant.");
    case "expired":
      return refuse("request_expired", "This payment link has expired.");
    case "failed":
      return refuse("invalid_state", "No attempts are left for this payment.");
    case "authorized":
    case "paid":
      return refuse("invalid_state", "This payment has already been made.");
    default:
      if (isExpiredAt(session, now))
        return refuse("request_expired", "This payment link has expired.");
      return null;
  }
}

export function decideSession(session: SessionSnapshot, input: EventInput): SessionDecision {
  const { state } = session;
  switch (input.event) {
    case "start_attempt": {
      const refusal = notPayable(session, input.now);
      if (refusal) return refusal;
      if (session.attemptPending)
        return refuse("invalid_state", "A payment attempt is already under way for this session.");
      if (attemptsLeft(session) === 0)
        return refuse("invalid_state", "No attempts are left for this payment.");
      return { ok: true, next: "pending" };
    }
    case "attempt_failed":
      // A failure after the session ended (or succeeded) changes nothing but the attempt.
      if (state !== "pending" && state !== "created" && state !== "attempted")
        return { ok: true, next: state };
      return { ok: true, next: attemptsLeft(session) > 0 ? "attempted" : "failed" };
    case "attempt_succeeded": {
      const next: SessionState = input.captured ? "paid" : "authorized";
      if (SUCCESS_STATES.includes(state)) return { ok: true, next: state, duplicate: true };
      if (ENDED_STATES.includes(state)) return { ok: true, next, late: true };
      return { ok: true, next };
    }
    case "update":
      if (state !== "created" && state !== "attempted") {
        if (state === "pending")
          return refuse(
            "invalid_state",
            "A payment attempt is under way; the session cannot be updated.",
          );
        return refuse("invalid_state", `A ${state} session cannot be updated.`);
      }
      if (session.attemptPending)
        return refuse(
          "invalid_state",
          "A payment attempt is under way; the session cannot be updated.",
        );
      if (isExpiredAt(session, input.now))
        return refuse("request_expired", "The session has expired; create a new one.");
      return { ok: true, next: state };
    case "cancel":
      if (PAYABLE_STATES.includes(state)) return { ok: true, next: "canceled" };
      return refuse("invalid_state", `A ${state} session cannot be canceled.`);
    case "expire":
      if (PAYABLE_STATES.includes(state)) return { ok: true, next: "expired" };
      return refuse("invalid_state", `A ${state} session cannot be expired.`);
    case "capture":
      if (state !== "authorized")
        return refuse(
          "invalid_state",
          `Only an authorized session can be captured; this one is ${state}.`,
        );
      return { ok: true, next: "paid" };
  }
}

/** The webhook event a session's move announces, if any. */
export function sessionEventType(
  from: SessionState,
  to: SessionState,
):
  | "payment.authorized"
  | "payment.paid"
  | "payment.failed"
  | "payment.canceled"
  | "payment.expired"
  | null {
  if (from === to) return null;
  switch (to) {
    case "authorized":
      return "payment.authorized";
    case "paid":
      return "payment.paid";
    case "failed":
      return "payment.failed";
    case "canceled":
      return "payment.canceled";
    case "expired":
      return "payment.expired";
    default:
      return null;
  }
}
