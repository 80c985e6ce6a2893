import { describe, expect, it } from "vitest";
import {
  isLocked,
  LOCK_MS,
  lockedMessage,
  MAX_FAILURES,
  recordFailure,
  type ThrottleState,
} from "./sign-in-throttle";

const t0 = new Date("2026-11-21T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function fail(
  times: number,
  start: ThrottleState | null = null,
  minutesApart = 0,
): ThrottleState | null {
  let state = start;
  for (let i = 0; i < times; i++) state = recordFailure(state, at(i * minutesApart));
  return state;
}

describe("sign-in throttle", () => {
  it("does not lock below the limit", () => {
    const state = fail(MAX_FAILURES - 1);
    expect(state?.failures).toBe(4);
    expect(isLocked(state, t0)).toBe(false);
  });

  it("locks on the fifth failure within the window, for fifteen minutes", () => {
    const state = fail(MAX_FAILURES, null, 2);
    expect(isLocked(state, at(8))).toBe(true);
    expect(state?.lockedUntil?.getTime()).toBe(at(8).getTime() + LOCK_MS);
    expect(isLocked(state, at(8 + 14.9))).toBe(true);
    expect(isLocked(state, at(8 + 15))).toBe(false);
  });

  it("starts counting again when failures are spread beyond the window", () => {
    const state = fail(MAX_FAILURES, null, 4);
    expect(state?.failures).toBeLessThan(MAX_FAILURES);
    expect(isLocked(state, at(16))).toBe(false);
  });

  it("starts a new window after a lock has run out", () => {
    const locked = fail(MAX_FAILURES)!;
    const after = recordFailure(locked, at(20));
    expect(after.failures).toBe(1);
    expect(isLocked(after, at(20))).toBe(false);
  });

  it("has nothing locked without failures", () => {
    expect(isLocked(null, t0)).toBe(false);
  });

  it("tells the person how long to wait", () => {
    const locked = fail(MAX_FAILURES)!;
    expect(lockedMessage(locked, t0)).toBe(
      "Too many failed sign-ins. This account is locked from your address; try again in 15 minutes.",
    );
    expect(lockedMessage(locked, at(14.5))).toMatch(/in 1 minute\.$/);
  });
});
