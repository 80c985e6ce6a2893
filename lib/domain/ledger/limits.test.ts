import { describe, expect, it } from "vitest";
import { LIMIT_BREACH_LABELS, type LimitProfile, limitBreaches, startOfDay } from "./limits";

const NO_LIMITS: LimitProfile = { maxAmount: null, maxDailyTotal: null, maxDailyCount: null };
const PROFILE: LimitProfile = { maxAmount: 1000n, maxDailyTotal: 5000n, maxDailyCount: 3 };
const FRESH = { total: 0n, count: 0 };

describe("limitBreaches", () => {
  it("finds nothing without a profile or with a profile of null limits", () => {
    expect(limitBreaches(null, 10n ** 18n, { total: 10n ** 18n, count: 1_000_000 })).toEqual([]);
    expect(limitBreaches(NO_LIMITS, 10n ** 18n, { total: 10n ** 18n, count: 1_000_000 })).toEqual(
      [],
    );
  });

  it("is within every limit at exactly the limit", () => {
    expect(limitBreaches(PROFILE, 1000n, { total: 4000n, count: 2 })).toEqual([]);
  });

  it("breaks the most one process may move alone", () => {
    expect(limitBreaches(PROFILE, 1001n, FRESH)).toEqual(["max_amount"]);
    expect(
      limitBreaches({ ...NO_LIMITS, maxAmount: 1000n }, 1001n, { total: 10n ** 12n, count: 99 }),
    ).toEqual(["max_amount"]);
  });

  it("breaks the daily total alone, counting today's total and this process", () => {
    expect(limitBreaches(PROFILE, 1000n, { total: 4001n, count: 0 })).toEqual(["max_daily_total"]);
    expect(limitBreaches({ ...NO_LIMITS, maxDailyTotal: 5000n }, 5001n, FRESH)).toEqual([
      "max_daily_total",
    ]);
  });

  it("breaks the daily count alone, counting this process as one more", () => {
    expect(limitBreaches(PROFILE, 1n, { total: 0n, count: 3 })).toEqual(["max_daily_count"]);
    expect(limitBreaches({ ...NO_LIMITS, maxDailyCount: 1 }, 1n, FRESH)).toEqual([]);
    expect(limitBreaches({ ...NO_LIMITS, maxDailyCount: 1 }, 1n, { total: 0n, count: 1 })).toEqual([
      "max_daily_count",
    ]);
  });

  it("lists every limit broken together, in a fixed order", () => {
    expect(limitBreaches(PROFILE, 1001n, { total: 4000n, count: 3 })).toEqual([
      "max_amount",
      "max_daily_total",
      "max_daily_count",
    ]);
    expect(limitBreaches(PROFILE, 1001n, { total: 0n, count: 3 })).toEqual([
      "max_amount",
      "max_daily_count",
    ]);
    expect(limitBreaches(PROFILE, 900n, { total: 4200n, count: 3 })).toEqual([
      "max_daily_total",
      "max_daily_count",
    ]);
  });

  it("checks only the limits that are set", () => {
    const amountOnly = { ...NO_LIMITS, maxAmount: 10n };
    expect(limitBreaches(amountOnly, 11n, { total: 10n ** 15n, count: 10_000 })).toEqual([
      "max_amount",
    ]);
    expect(limitBreaches(amountOnly, 10n, { total: 10n ** 15n, count: 10_000 })).toEqual([]);
  });

  it("labels every breach", () => {
    expect(Object.keys(LIMIT_BREACH_LABELS).sort()).toEqual([
      "max_amount",
      "max_daily_count",
      "max_daily_total",
    ]);
  });
});

describe("startOfDay", () => {
  it("is UTC midnight of the same UTC day", () => {
    expect(startOfDay(new Date("2026-12-02T23:59:59.999Z")).toISOString()).toBe(
      "2026-12-02T00:00:00.000Z",
    );
    expect(startOfDay(new Date("2026-12-02T00:00:00.000Z")).toISOString()).toBe(
      "2026-12-02T00:00:00.000Z",
    );
    expect(startOfDay(new Date("2026-12-31T12:00:00+14:00")).toISOString()).toBe(
      "2026-12-30T00:00:00.000Z",
    );
  });
});
