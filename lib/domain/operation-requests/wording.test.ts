import { describe, expect, it } from "vitest";
import { describeOpenRequest, describeOutcome, type OutcomeFacts } from "./wording";

const NOW = new Date("2026-12-01T12:00:00.000Z");
const IN_48_HOURS = new Date(NOW.getTime() + 48 * 3_600_000 - 20).toISOString();

const refund = (facts: Partial<OutcomeFacts>): OutcomeFacts => ({
  operation: "refund",
  state: "done",
  amount: "12.500",
  currency: "KWD",
  deadlineAt: null,
  failureCode: null,
  ...facts,
});

describe("describeOutcome", () => {
  it("words an approval that the gateway carried out", () => {
    expect(describeOutcome("approve", refund({}), NOW)).toEqual({
      message: "Refund approved and done: 12.500 KWD.",
      tone: "success",
    });
  });

  it("words a decline with the manual-action deadline", () => {
    const outcome = describeOutcome(
      "approve",
      refund({ state: "manual_action_required", failureCode: "05", deadlineAt: IN_48_HOURS }),
      NOW,
    );
    expect(outcome.tone).toBe("warning");
    expect(outcome.message).toBe(
      "Refund of 12.500 KWD approved, but it was declined by the gateway: manual action required, expires in 48 hours.",
    );
  });

  it("names timeouts and gateway errors apart from declines", () => {
    const timeout = refund({ state: "manual_action_required", failureCode: "timeout" });
    expect(describeOutcome("retry", timeout, NOW).message).toBe(
      "Refund of 12.500 KWD retried, but it timed out at the gateway: manual action required.",
    );
    const error = refund({ state: "manual_action_required", failureCode: "http_502" });
    expect(describeOutcome("submit", { ...error, operation: "void" }, NOW).message).toBe(
      "Void of 12.500 KWD failed at the gateway (HTTP 502): manual action required.",
    );
  });

  it("words each other state by the action that led to it", () => {
    expect(describeOutcome("retry", refund({}), NOW).message).toBe(
      "Retry succeeded: refund of 12.500 KWD done.",
    );
    expect(describeOutcome("submit", refund({}), NOW).message).toBe("Refund done: 12.500 KWD.");
    expect(describeOutcome("submit", refund({ state: "pending" }), NOW).message).toBe(
      "Refund of 12.500 KWD requested: waiting for the checker's approval.",
    );
    expect(describeOutcome("reject", refund({ state: "rejected" }), NOW).message).toBe(
      "Refund of 12.500 KWD rejected. The maker is emailed the reason.",
    );
    expect(describeOutcome("cancel", refund({ state: "canceled" }), NOW).message).toBe(
      "Refund request of 12.500 KWD canceled.",
    );
    expect(describeOutcome("approve", refund({ state: "expired" }), NOW).tone).toBe("warning");
  });
});

describe("describeOpenRequest", () => {
  const open = {
    ...refund({ amount: "5.000", state: "pending" }),
    makerName: "Maya Maker",
    createdAt: NOW.toISOString(),
  };

  it("says who asked for how much, and when", () => {
    expect(describeOpenRequest(open, "2026-12-01 14:02 UTC", NOW)).toBe(
      "A refund of 5.000 KWD requested by Maya Maker at 2026-12-01 14:02 UTC is pending approval.",
    );
  });

  it("says why a failed request waits, and until when", () => {
    const failed = {
      ...open,
      state: "manual_action_required" as const,
      failureCode: "05",
      deadlineAt: IN_48_HOURS,
    };
    expect(describeOpenRequest(failed, "14:02", NOW)).toBe(
      "A refund of 5.000 KWD requested by Maya Maker at 14:02 was declined by the gateway: manual action required, expires in 48 hours.",
    );
  });
});
