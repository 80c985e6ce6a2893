import { describe, expect, it } from "vitest";
import { SESSION_STATES, type SessionState } from "./lifecycle";
import {
  attemptFailureReason,
  FAILURE_REASONS,
  formatAmount,
  formatCountdown,
  type PageView,
  pageViewOf,
  parseExpiryInput,
  saveCardChoice,
  successRedirectUrl,
} from "./page-view";

const now = new Date("2026-12-02T12:00:00Z");
const later = new Date("2026-12-02T13:00:00Z");
const earlier = new Date("2026-12-02T11:00:00Z");

describe("pageViewOf", () => {
  const expected: Record<SessionState, PageView> = {
    created: "pay",
    pending: "pay",
    attempted: "pay",
    authorized: "receipt",
    paid: "receipt",
    failed: "failed",
    canceled: "canceled",
    expired: "expired",
  };
  it.each(SESSION_STATES)("%s before its expiry", (state) => {
    expect(pageViewOf({ state, expiresAt: later, attemptPending: false }, now)).toBe(
      expected[state],
    );
  });
  it("a payable session past its expiry is expired before the job runs", () => {
    for (const state of ["created", "pending", "attempted"] as const)
      expect(pageViewOf({ state, expiresAt: earlier, attemptPending: false }, now)).toBe("expired");
    expect(pageViewOf({ state: "created", expiresAt: now, attemptPending: false }, now)).toBe(
      "expired",
    );
  });
  it("a paid session stays a receipt after its expiry; an attempt under way is pending", () => {
    expect(pageViewOf({ state: "paid", expiresAt: earlier, attemptPending: false }, now)).toBe(
      "receipt",
    );
    expect(pageViewOf({ state: "pending", expiresAt: later, attemptPending: true }, now)).toBe(
      "pending",
    );
    expect(pageViewOf({ state: "pending", expiresAt: earlier, attemptPending: true }, now)).toBe(
      "expired",
    );
  });
});

describe("saveCardChoice", () => {
  it("asks only when the session names a customer; save_card always saves", () => {
    expect(saveCardChoice({ hasCustomer: false, paymentType: "one_off" })).toBe("never");
    expect(saveCardChoice({ hasCustomer: false, paymentType: "save_card" })).toBe("never");
    expect(saveCardChoice({ hasCustomer: true, paymentType: "one_off" })).toBe("ask");
    expect(saveCardChoice({ hasCustomer: true, paymentType: "save_card" })).toBe("always");
  });
});

describe("successRedirectUrl", () => {
  const outcome = { session_id: "s-1", order_no: "A&B 1", state: "paid" };
  it("adds session_id, order_no and state, keeping the merchant's own parameters", () => {
    const url = new URL(
      successRedirectUrl("https://shop.example/done?cart=9&state=old#top", outcome) ?? "",
    );
    expect(url.origin + url.pathname).toBe("https://shop.example/done");
    expect(url.searchParams.get("cart")).toBe("9");
    expect(url.searchParams.get("session_id")).toBe("s-1");
    expect(url.searchParams.get("order_no")).toBe("A&B 1");
    expect(url.searchParams.getAll("state")).toEqual(["paid"]);
    expect(url.hash).toBe("#top");
  });
  it("is null without a URL, for a malformed one, or for a scheme other than http(s)", () => {
    expect(successRedirectUrl(null, outcome)).toBeNull();
    expect(successRedirectUrl("", outcome)).toBeNull();
    expect(successRedirectUrl("not a url", outcome)).toBeNull();
    expect(successRedirectUrl("javascript:alert(1)", outcome)).toBeNull();
    expect(successRedirectUrl("data:text/html,x", outcome)).toBeNull();
    expect(successRedirectUrl("http://localhost:3000/x", outcome)).toMatch(/^http:\/\/localhost/);
  });
});

describe("formatAmount", () => {
  it("groups thousands and keeps the currency's decimals exactly", () => {
    expect(formatAmount("12.500", "KWD", "en")).toBe("KWD 12.500");
    expect(formatAmount("1234567.89", "USD", "en")).toBe("USD 1,234,567.89");
    expect(formatAmount("1000", "JPY", "en")).toBe("JPY 1,000");
    expect(formatAmount("999", "JPY", "en")).toBe("JPY 999");
    expect(formatAmount("90071992547409.93", "USD", "en")).toBe("USD 90,071,992,547,409.93");
  });
  it("in Arabic, isolates the number and currency left to right", () => {
    expect(formatAmount("12.500", "KWD", "ar")).toBe("\u206612.500 KWD\u2069");
  });
  it("leaves a malformed amount as it is", () => {
    expect(formatAmount("1e3", "USD", "en")).toBe("1e3 USD");
  });
});

describe("formatCountdown", () => {
  it.each([
    [0, "0:00:00"],
    [-5_000, "0:00:00"],
    [999, "0:00:00"],
    [61_000, "0:01:01"],
    [3_600_000, "1:00:00"],
    [86_399_000, "23:59:59"],
    [86_400_000, "1 d 0:00:00"],
    [30 * 86_400_000, "30 d 0:00:00"],
  ])("%i ms -> %s", (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});

describe("parseExpiryInput", () => {
  it.each([
    ["12/28", { month: 12, year: 28 }],
    ["1/28", { month: 1, year: 28 }],
    ["01 / 2028", { month: 1, year: 2028 }],
    [" 0928 ", { month: 9, year: 28 }],
    ["13/28", { month: 13, year: 28 }],
  ])("%s", (input, parsed) => {
    expect(parseExpiryInput(input)).toEqual(parsed);
  });
  it.each(["", "12", "12/", "/28", "12/283", "928", "ab/cd", "12-28", "12/28\n"])(
    "refuses %j",
    (input) => {
      expect(parseExpiryInput(input)).toBeNull();
    },
  );
});

describe("attemptFailureReason", () => {
  it("names the reason by the gateway's code, never passing its words through", () => {
    expect(attemptFailureReason({ outcome: "declined", code: "51" })).toBe("insufficient_funds");
    expect(attemptFailureReason({ outcome: "declined", code: "3ds_failed" })).toBe(
      "three_ds_failed",
    );
    expect(attemptFailureReason({ outcome: "declined", code: "canceled" })).toBe("canceled");
    expect(attemptFailureReason({ outcome: "declined", code: "05" })).toBe("declined");
    expect(attemptFailureReason({ outcome: "timeout", code: "51" })).toBe("not_completed");
    expect(attemptFailureReason({ outcome: "error", code: "x" })).toBe("not_completed");
    expect(FAILURE_REASONS).toHaveLength(5);
  });
});
