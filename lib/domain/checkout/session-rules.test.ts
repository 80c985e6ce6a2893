import { describe, expect, it } from "vitest";
import {
  checkExpirationSeconds,
  checkGatewaySelection,
  formatExpirationTime,
  generatedOrderNo,
  parseExpirationTime,
  SHORT_CODE_PATTERN,
  shortCodeFrom,
} from "./session-rules";

describe("expiration_time", () => {
  it.each([
    ["00:05:00", 300],
    ["24:00:00", 86_400],
    ["1 00:00:00", 86_400],
    ["30 00:00:00", 2_592_000],
    ["2 12:30:15", 2 * 86_400 + 12 * 3_600 + 30 * 60 + 15],
  ])("reads %s as %i seconds", (input, seconds) => {
    expect(parseExpirationTime(input)).toEqual({ ok: true, seconds });
  });

  it.each([
    ["00:04:59", /at least 5 minutes/],
    ["30 00:00:01", /at most 30 days/],
    ["31 00:00:00", /at most 30 days/],
    ["00:60:00", /duration/],
    ["1:2:3", /duration/],
    ["", /duration/],
    ["1 day", /duration/],
    ["-1 00:00:00", /duration/],
    ["00:05:00\u0000", /duration/],
  ])("refuses %j", (input, reason) => {
    const parsed = parseExpirationTime(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it("formats what it reads", () => {
    for (const seconds of [300, 3_599, 86_400, 90_061, 2_592_000]) {
      const text = formatExpirationTime(seconds);
      expect(parseExpirationTime(text)).toEqual({ ok: true, seconds });
    }
    expect(formatExpirationTime(90_061)).toBe("1 01:01:01");
  });

  it("checks plain seconds too", () => {
    expect(checkExpirationSeconds(299).ok).toBe(false);
    expect(checkExpirationSeconds(300.5).ok).toBe(false);
    expect(checkExpirationSeconds(2_592_001).ok).toBe(false);
  });
});

describe("gateway selection", () => {
  const gateways = [
    { code: "knet", currency: "KWD" },
    { code: "WireCard8", currency: "USD" },
  ];
  it("accepts the merchant's gateways in the session's currency", () => {
    expect(checkGatewaySelection(["knet"], gateways, "KWD")).toEqual({ ok: true });
  });
  it("names each bad code", () => {
    const result = checkGatewaySelection(["knet", "WireCard8", "nope", "knet"], gateways, "KWD");
    expect(result).toEqual({
      ok: false,
      errors: [
        { code: "WireCard8", message: 'gateway "WireCard8" takes USD, not KWD' },
        { code: "nope", message: 'unknown gateway "nope"' },
        { code: "", message: "each gateway may be named once" },
      ],
    });
    expect(checkGatewaySelection([], gateways, "KWD").ok).toBe(false);
  });
});

describe("codes", () => {
  it("makes short codes of the unambiguous alphabet only", () => {
    const all = new Uint8Array(256).map((_, index) => index);
    for (let offset = 0; offset < 256; offset += 10) {
      const code = shortCodeFrom(
        all.slice(offset, offset + 10).length === 10
          ? all.slice(offset, offset + 10)
          : new Uint8Array(10),
      );
      expect(code).toMatch(SHORT_CODE_PATTERN);
    }
    expect(() => shortCodeFrom(new Uint8Array(9))).toThrow();
  });
  it("generates order numbers the order_no rule accepts", () => {
    expect(generatedOrderNo(new Uint8Array(16).fill(200))).toMatch(/^CS-[A-Z0-9]{10}$/);
  });
});
