import { describe, expect, it } from "vitest";
import { envelope, normalizeOrigin, parseFrameMessage, parseParentMessage } from "./embed-protocol";

const outcome = { session_id: "s", order_no: "o", state: "paid" };

describe("the embed protocol", () => {
  it("reads each message the iframe sends, in its envelope", () => {
    expect(parseFrameMessage(envelope({ type: "ready", height: 420.4 }))).toEqual({
      type: "ready",
      height: 420,
    });
    expect(
      parseFrameMessage(envelope({ type: "before_payment", requestId: "r1", method: "card" })),
    ).toEqual({ type: "before_payment", requestId: "r1", method: "card" });
    expect(parseFrameMessage(envelope({ type: "success", data: outcome }))).toEqual({
      type: "success",
      data: outcome,
    });
    expect(
      parseFrameMessage(envelope({ type: "error", data: { ...outcome, code: "expired" } })),
    ).toMatchObject({ type: "error" });
  });

  it("ignores everything else", () => {
    for (const data of [
      null,
      "ready",
      [],
      { type: "ready", height: 1 },
      { ...envelope({ type: "ready", height: 1 }), version: 2 },
      envelope({ type: "resize", height: Number.NaN }),
      envelope({ type: "resize", height: -1 }),
      envelope({ type: "before_payment", requestId: "bad id!", method: "card" }),
      envelope({ type: "before_payment", requestId: "r", method: "cash" }),
      envelope({ type: "success", data: { session_id: 1 } }),
      envelope({ type: "error", data: outcome }),
      envelope({ type: "unknown" }),
    ]) {
      expect(parseFrameMessage(data)).toBeNull();
    }
  });

  it("caps a resize", () => {
    expect(parseFrameMessage(envelope({ type: "resize", height: 1e9 }))).toEqual({
      type: "resize",
      height: 10_000,
    });
  });

  it("reads the parent's answer to before_payment only", () => {
    expect(
      parseParentMessage(
        envelope({ type: "before_payment_result", requestId: "r", proceed: true }),
      ),
    ).toEqual({ type: "before_payment_result", requestId: "r", proceed: true });
    expect(
      parseParentMessage(
        envelope({ type: "before_payment_result", requestId: "r", proceed: "yes" }),
      ),
    ).toBeNull();
    expect(parseParentMessage(envelope({ type: "success", data: outcome }))).toBeNull();
  });

  it("normalizes origins", () => {
    expect(normalizeOrigin("https://shop.example/path?q=1")).toBe("https://shop.example");
    expect(normalizeOrigin("http://localhost:3000")).toBe("http://localhost:3000");
    expect(normalizeOrigin("https://user:pw@shop.example")).toBeNull();
    expect(normalizeOrigin("javascript:alert(1)")).toBeNull();
    expect(normalizeOrigin("shop.example")).toBeNull();
  });
});
