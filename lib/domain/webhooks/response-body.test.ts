import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { MAX_RESPONSE_BYTES, truncateUtf8 } from "./response-body";

describe("the response body kept for the log", () => {
  it("keeps short answers whole and cuts long ones at 4 KB", () => {
    expect(MAX_RESPONSE_BYTES).toBe(4096);
    expect(truncateUtf8(Buffer.from("ok"), 4096)).toBe("ok");
    expect(truncateUtf8(Buffer.from("x".repeat(5000)), 4096)).toBe("x".repeat(4096));
  });

  it("never cuts a character in two", () => {
    // "é" is 2 bytes, "€" 3, "😀" 4: a cut inside one drops it whole.
    expect(truncateUtf8(Buffer.from(`${"a".repeat(4095)}é`), 4096)).toBe("a".repeat(4095));
    expect(truncateUtf8(Buffer.from(`${"a".repeat(4094)}€`), 4096)).toBe("a".repeat(4094));
    expect(truncateUtf8(Buffer.from(`${"a".repeat(4093)}😀`), 4096)).toBe("a".repeat(4093));
  });

  it("replaces NUL and invalid bytes, and still stays within the limit", () => {
    expect(truncateUtf8(Buffer.from([0x61, 0x00, 0x62]), 10)).toBe("a\uFFFDb");
    const invalid = Buffer.alloc(4096, 0xff);
    const text = truncateUtf8(invalid, 4096);
    expect(Buffer.byteLength(text, "utf8")).toBeLessThanOrEqual(4096);
    expect(text).toMatch(/^\uFFFD+$/);
  });

  test.prop([fc.uint8Array({ maxLength: 6000 }), fc.integer({ min: 0, max: 5000 })])(
    "any bytes give valid text of at most max bytes without NUL",
    (bytes, max) => {
      const text = truncateUtf8(bytes, max);
      expect(Buffer.byteLength(text, "utf8")).toBeLessThanOrEqual(max);
      expect(text.includes("\u0000")).toBe(false);
      expect(Buffer.from(text, "utf8").toString("utf8")).toBe(text);
    },
  );
});
