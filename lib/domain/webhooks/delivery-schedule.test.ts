import { describe, expect, it } from "vitest";
import {
  DISABLE_AFTER_FAILING_MS,
  decideAfterAttempt,
  isSuccessStatus,
  MAX_ATTEMPTS,
  nextAttemptAt,
  SCHEDULE_TOTAL_MS,
  shouldDisableForFailures,
} from "./delivery-schedule";

const T0 = new Date("2026-12-03T00:00:00.000Z");
const MIN = 60_000;

describe("webhook retry schedule", () => {
  it("attempts at once, then after 1 min, 5 min, 30 min, 2 h, 6 h and 12 h", () => {
    expect(MAX_ATTEMPTS).toBe(7);
    const delays = [0, 1, 5, 30, 120, 360, 720].map((m) => m * MIN);
    delays.forEach((delay, i) => {
      expect(nextAttemptAt(i + 1, T0)?.getTime(), `attempt ${i + 1}`).toBe(T0.getTime() + delay);
    });
    // Chained from each attempt's time, the last attempt falls about 21 h after the first.
    let at = T0;
    for (let n = 2; n <= MAX_ATTEMPTS; n++) at = nextAttemptAt(n, at) as Date;
    expect(at.getTime() - T0.getTime()).toBe((1 + 5 + 30 + 120 + 360 + 720) * MIN);
  });

  it("has no attempt 0, 8 or a fractional one", () => {
    for (const n of [0, -1, 8, 1.5, Number.NaN]) expect(nextAttemptAt(n, T0), String(n)).toBeNull();
  });

  it("treats 2xx as delivered and nothing else", () => {
    for (const status of [200, 201, 204, 299]) expect(isSuccessStatus(status)).toBe(true);
    for (const status of [100, 199, 300, 301, 304, 400, 404, 410, 500, 503])
      expect(isSuccessStatus(status)).toBe(false);
    expect(isSuccessStatus(null)).toBe(false);
  });

  it("decides each answer: delivered, endpoint gone, retry at the next slot, abandoned", () => {
    expect(decideAfterAttempt(1, { status: 200 }, T0)).toEqual({ outcome: "delivered" });
    expect(decideAfterAttempt(7, { status: 204 }, T0)).toEqual({ outcome: "delivered" });
    expect(decideAfterAttempt(1, { status: 410 }, T0)).toEqual({ outcome: "endpoint_gone" });
    expect(decideAfterAttempt(1, { status: 500 }, T0)).toEqual({
      outcome: "retry",
      at: new Date(T0.getTime() + MIN),
    });
    expect(decideAfterAttempt(2, { status: 302 }, T0)).toEqual({
      outcome: "retry",
      at: new Date(T0.getTime() + 5 * MIN),
    });
    expect(decideAfterAttempt(6, { status: null, error: "timeout" }, T0)).toEqual({
      outcome: "retry",
      at: new Date(T0.getTime() + 720 * MIN),
    });
    expect(decideAfterAttempt(7, { status: 500 }, T0)).toEqual({ outcome: "abandoned" });
    expect(decideAfterAttempt(7, { status: null, error: "refused" }, T0)).toEqual({
      outcome: "abandoned",
    });
  });

  it("disables an endpoint whose failures span a day, not before", () => {
    expect(DISABLE_AFTER_FAILING_MS).toBe(24 * 60 * MIN);
    expect(shouldDisableForFailures(null, T0)).toBe(false);
    const since = new Date(T0.getTime() - DISABLE_AFTER_FAILING_MS);
    expect(shouldDisableForFailures(since, T0)).toBe(true);
    expect(shouldDisableForFailures(new Date(since.getTime() + 1), T0)).toBe(false);
  });

  it("disables an endpoint when a delivery is abandoned after failing through the whole schedule", () => {
    expect(SCHEDULE_TOTAL_MS).toBe((1 + 5 + 30 + 120 + 360 + 720) * MIN);
    const firstAttempt = new Date(T0.getTime() - SCHEDULE_TOTAL_MS);
    expect(shouldDisableForFailures(firstAttempt, T0, true)).toBe(true);
    expect(shouldDisableForFailures(firstAttempt, T0, false)).toBe(false);
    // A success in between reset failingSince: the abandoned delivery alone does not disable.
    expect(shouldDisableForFailures(new Date(T0.getTime() - 60 * MIN), T0, true)).toBe(false);
    expect(shouldDisableForFailures(null, T0, true)).toBe(false);
  });
});
