import { describe, expect, it } from "vitest";
import {
  attemptsLeft,
  decideSession,
  type EventInput,
  SESSION_EVENTS,
  SESSION_STATES,
  type SessionEvent,
  type SessionSnapshot,
  type SessionState,
  sessionEventType,
} from "./lifecycle";

const now = new Date("2026-12-02T12:00:00Z");
const later = new Date("2026-12-03T12:00:00Z");

function session(state: SessionState, overrides: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    state,
    expiresAt: later,
    attemptCount: 1,
    maxAttempts: 3,
    attemptPending: false,
    ...overrides,
  };
}

const INPUTS: Record<SessionEvent, EventInput[]> = {
  start_attempt: [{ event: "start_attempt", now }],
  attempt_failed: [{ event: "attempt_failed" }],
  attempt_succeeded: [
    { event: "attempt_succeeded", captured: true },
    { event: "attempt_succeeded", captured: false },
  ],
  update: [{ event: "update", now }],
  cancel: [{ event: "cancel" }],
  expire: [{ event: "expire", now }],
  capture: [{ event: "capture", full: true }],
};

// The whole table, written out: state -> event -> next state (or the refusal code).
type Outcome = SessionState | `refused:${string}` | `late:${SessionState}` | "duplicate";
const EXPECTED: Record<SessionState, Record<string, Outcome>> = {
  created: {
    start_attempt: "pending",
    attempt_failed: "attempted",
    "attempt_succeeded:true": "paid",
    "attempt_succeeded:false": "authorized",
    update: "created",
    cancel: "canceled",
    expire: "expired",
    capture: "refused:invalid_state",
  },
  pending: {
    start_attempt: "pending",
    attempt_failed: "attempted",
    "attempt_succeeded:true": "paid",
    "attempt_succeeded:false": "authorized",
    update: "refused:invalid_state",
    cancel: "canceled",
    expire: "expired",
    capture: "refused:invalid_state",
  },
  attempted: {
    start_attempt: "pending",
    attempt_failed: "attempted",
    "attempt_succeeded:true": "paid",
    "attempt_succeeded:false": "authorized",
    update: "attempted",
    cancel: "canceled",
    expire: "expired",
    capture: "refused:invalid_state",
  },
  authorized: {
    start_attempt: "refused:invalid_state",
    attempt_failed: "authorized",
    "attempt_succeeded:true": "duplicate",
    "attempt_succeeded:false": "duplicate",
    update: "refused:invalid_state",
    cancel: "refused:invalid_state",
    expire: "refused:invalid_state",
    capture: "paid",
  },
  paid: {
    start_attempt: "refused:invalid_state",
    attempt_failed: "paid",
    "attempt_succeeded:true": "duplicate",
    "attempt_succeeded:false": "duplicate",
    update: "refused:invalid_state",
    cancel: "refused:invalid_state",
    expire: "refused:invalid_state",
    capture: "refused:invalid_state",
  },
  failed: {
    start_attempt: "refused:invalid_state",
    attempt_failed: "failed",
    "attempt_succeeded:true": "late:paid",
    "attempt_succeeded:false": "late:authorized",
    update: "refused:invalid_state",
    cancel: "refused:invalid_state",
    expire: "refused:invalid_state",
    capture: "refused:invalid_state",
  },
  canceled: {
    start_attempt: "refused:request_canceled",
    attempt_failed: "canceled",
    "attempt_succeeded:true": "late:paid",
    "attempt_succeeded:false": "late:authorized",
    update: "refused:invalid_state",
    cancel: "refused:invalid_state",
    expire: "refused:invalid_state",
    capture: "refused:invalid_state",
  },
  expired: {
    start_attempt: "refused:request_expired",
    attempt_failed: "expired",
    "attempt_succeeded:true": "late:paid",
    "attempt_succeeded:false": "late:authorized",
    update: "refused:invalid_state",
    cancel: "refused:invalid_state",
    expire: "refused:invalid_state",
    capture: "refused:invalid_state",
  },
};

function outcomeOf(state: SessionState, input: EventInput): Outcome {
  const decision = decideSession(session(state), input);
  if (!decision.ok) return `refused:${decision.code}`;
  if (decision.duplicate) return "duplicate";
  if (decision.late) return `late:${decision.next}`;
  return decision.next;
}

describe("the session lifecycle table", () => {
  for (const state of SESSION_STATES) {
    for (const event of SESSION_EVENTS) {
      for (const input of INPUTS[event]) {
        const key =
          input.event === "attempt_succeeded" ? `${event}:${input.captured}` : (event as string);
        it(`${state} + ${key} -> ${EXPECTED[state][key]}`, () => {
          expect(outcomeOf(state, input)).toBe(EXPECTED[state][key]);
        });
      }
    }
  }
});

describe("the guards beside the table", () => {
  it("refuses a second attempt while one is under way, and when none are left", () => {
    expect(
      decideSession(session("attempted", { attemptPending: true }), {
        event: "start_attempt",
        now,
      }),
    ).toMatchObject({ ok: false, code: "invalid_state" });
    expect(
      decideSession(session("attempted", { attemptCount: 3 }), { event: "start_attempt", now }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/No attempts/) });
  });

  it("treats a session past its time as expired even before the job ran", () => {
    const overdue = session("created", { expiresAt: now });
    expect(decideSession(overdue, { event: "start_attempt", now })).toMatchObject({
      ok: false,
      code: "request_expired",
    });
    expect(decideSession(overdue, { event: "update", now })).toMatchObject({
      ok: false,
      code: "request_expired",
    });
    expect(decideSession(overdue, { event: "expire", now })).toMatchObject({ ok: true });
  });

  it("refuses an update while an attempt is pending", () => {
    expect(
      decideSession(session("attempted", { attemptPending: true }), { event: "update", now }),
    ).toMatchObject({ ok: false, code: "invalid_state" });
  });

  it("fails the session when the last attempt fails", () => {
    expect(
      decideSession(session("pending", { attemptCount: 3 }), { event: "attempt_failed" }),
    ).toEqual({ ok: true, next: "failed" });
  });

  it("counts attempts left, never below zero", () => {
    expect(attemptsLeft({ attemptCount: 0, maxAttempts: 5 })).toBe(5);
    expect(attemptsLeft({ attemptCount: 7, maxAttempts: 5 })).toBe(0);
  });
});

describe("webhook events", () => {
  it("names the event of each move into an announced state, and none otherwise", () => {
    expect(sessionEventType("pending", "paid")).toBe("payment.paid");
    expect(sessionEventType("pending", "authorized")).toBe("payment.authorized");
    expect(sessionEventType("authorized", "paid")).toBe("payment.paid");
    expect(sessionEventType("pending", "failed")).toBe("payment.failed");
    expect(sessionEventType("created", "canceled")).toBe("payment.canceled");
    expect(sessionEventType("attempted", "expired")).toBe("payment.expired");
    expect(sessionEventType("expired", "paid")).toBe("payment.paid");
    for (const state of SESSION_STATES) expect(sessionEventType(state, state)).toBeNull();
    expect(sessionEventType("created", "pending")).toBeNull();
    expect(sessionEventType("pending", "attempted")).toBeNull();
  });
});
