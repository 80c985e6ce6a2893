import { describe, expect, it } from "vitest";
import { SubmitOperationSchema } from "@/lib/validation/operation-requests";
import {
  decide,
  EXECUTABLE_STATES,
  EXPIRABLE_STATES,
  OPERATION_REQUEST_STATES,
  REQUEST_REASON_MAX_LENGTH,
} from "./lifecycle";
import { OPERATION_LABELS, operationPendingMessage } from "./operations";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const PAST = new Date(NOW.getTime() - 1);
const system = { userId: "system", isChecker: false, permissions: [] };

describe("the state lists the services and SQL use", () => {
  it("EXPIRABLE_STATES are exactly the states the lifecycle expires", () => {
    const expiring = OPERATION_REQUEST_STATES.filter(
      (state) => decide({ state, operation: "refund", deadlineAt: PAST }, "expire", system, NOW).ok,
    );
    expect(expiring).toEqual([...EXPIRABLE_STATES]);
  });

  it("EXECUTABLE_STATES are exactly the states a gateway answer may move", () => {
    for (const event of ["execute_succeeded", "execute_failed"] as const) {
      const moving = OPERATION_REQUEST_STATES.filter(
        (state) => decide({ state, operation: "refund", deadlineAt: null }, event, system, NOW).ok,
      );
      expect(moving).toEqual([...EXECUTABLE_STATES]);
    }
  });
});

describe("operation wording", () => {
  it("names the open operation in the pending message", () => {
    expect(operationPendingMessage("refund")).toBe("Requested Refund is pending for approval");
    expect(operationPendingMessage("void")).toBe("Requested Void is pending for approval");
    expect(OPERATION_LABELS).toEqual({ refund: "Refund", void: "Void" });
  });

  it("bounds the request reason by the one constant", () => {
    const input = (reason: string) => ({
      transactionId: "00000000-0000-4000-8000-000000000000",
      operation: "refund",
      reason,
    });
    expect(
      SubmitOperationSchema.safeParse(input("x".repeat(REQUEST_REASON_MAX_LENGTH))).success,
    ).toBe(true);
    expect(
      SubmitOperationSchema.safeParse(input("x".repeat(REQUEST_REASON_MAX_LENGTH + 1))).success,
    ).toBe(false);
  });
});
