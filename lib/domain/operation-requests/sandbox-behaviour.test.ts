import { describe, expect, it } from "vitest";
import { sandboxAnswer } from "./sandbox-behaviour";

describe("sandbox gateway answers", () => {
  it("follows the mode for ordinary amounts", () => {
    for (const mode of ["succeed", "decline", "error", "timeout"] as const) {
      expect(sandboxAnswer({ amount: "12.500", mode, failNextTaken: false })).toBe(mode);
    }
  });
  it("declines while a fail-next counter was taken", () => {
    expect(sandboxAnswer({ amount: "12.50", mode: "succeed", failNextTaken: true })).toBe(
      "decline",
    );
  });
  it("lets magic amounts win over everything", () => {
    expect(sandboxAnswer({ amount: "666.000", mode: "succeed", failNextTaken: false })).toBe(
      "decline",
    );
    expect(sandboxAnswer({ amount: "500.00", mode: "succeed", failNextTaken: true })).toBe("error");
    expect(sandboxAnswer({ amount: "408", mode: "decline", failNextTaken: false })).toBe("timeout");
  });
  it("reads only the whole-number part", () => {
    expect(sandboxAnswer({ amount: "1666.00", mode: "succeed", failNextTaken: false })).toBe(
      "succeed",
    );
    expect(sandboxAnswer({ amount: "66.60", mode: "succeed", failNextTaken: false })).toBe(
      "succeed",
    );
    expect(sandboxAnswer({ amount: "0666.5", mode: "succeed", failNextTaken: false })).toBe(
      "decline",
    );
  });
});
