import { describe, expect, it } from "vitest";
import { EXCHANGE_RATE_PATTERN, exchangeAmount } from "./exchange";

describe("exchangeAmount", () => {
  it("converts between the exponents KWD 3, USD 2 and JPY 0", () => {
    // 1.000 KWD at 3.25 = 3.25 USD
    expect(exchangeAmount(1000n, "KWD", "USD", "3.25")).toBe(325n);
    // 1.00 USD at 0.307 = 0.307 KWD
    expect(exchangeAmount(100n, "USD", "KWD", "0.307")).toBe(307n);
    // 1.00 USD at 150 = 150 JPY
    expect(exchangeAmount(100n, "USD", "JPY", "150")).toBe(150n);
    // 150 JPY at 0.0066667 = 1.0000050 USD -> 1.00 USD
    expect(exchangeAmount(150n, "JPY", "USD", "0.0066667")).toBe(100n);
    // 1 JPY at 0.002 = 0.002 KWD
    expect(exchangeAmount(1n, "JPY", "KWD", "0.002")).toBe(2n);
    // 1.000 KWD at 480.5 = 480.5 JPY -> 480
    expect(exchangeAmount(1000n, "KWD", "JPY", "480.5")).toBe(480n);
  });

  it("rounds down, never up", () => {
    // 3.254321 USD
    expect(exchangeAmount(1000n, "KWD", "USD", "3.254321")).toBe(325n);
    // 3.2599999 USD
    expect(exchangeAmount(1000n, "KWD", "USD", "3.2599999")).toBe(325n);
    // 0.4805 JPY: nothing
    expect(exchangeAmount(1n, "KWD", "JPY", "480.5")).toBe(0n);
    // 0.99 USD at 0.999999999999 = 0.98999999999901 -> 0.98
    expect(exchangeAmount(99n, "USD", "EUR", "0.999999999999")).toBe(98n);
  });

  it("keeps the amount at rate 1 between currencies of one exponent", () => {
    expect(exchangeAmount(123_456n, "USD", "EUR", "1")).toBe(123_456n);
    expect(exchangeAmount(123_456n, "KWD", "KWD", "1.000")).toBe(123_456n);
  });

  it("stays exact for large amounts and the largest rate", () => {
    // 10^13 USD at 10^12 - 10^-12 = 10^25 - 10 JPY, not a float's approximation
    expect(exchangeAmount(10n ** 15n, "USD", "JPY", "999999999999.999999999999")).toBe(
      10n ** 25n - 10n,
    );
  });

  it.each([
    ["0"],
    ["0.0"],
    ["0.000000000000"],
    ["-1"],
    ["-0.5"],
    ["1.1234567890123"],
    ["1000000000000"],
    ["9999999999999.5"],
    [""],
    ["abc"],
    ["1e3"],
    ["1."],
    [".5"],
    ["01"],
    ["1,5"],
    [" 1"],
    ["1 "],
    ["Infinity"],
    ["NaN"],
    ["+1"],
    ["0x10"],
  ])("refuses the rate %j", (rate) => {
    expect(exchangeAmount(1000n, "KWD", "USD", rate)).toBeNull();
  });

  it("accepts 12 decimals and 12 whole digits, the pattern's edges", () => {
    expect(EXCHANGE_RATE_PATTERN.test("0.000000000001")).toBe(true);
    expect(EXCHANGE_RATE_PATTERN.test("999999999999")).toBe(true);
    expect(exchangeAmount(10n ** 12n, "USD", "USD", "0.000000000001")).toBe(1n);
    expect(exchangeAmount(1n, "USD", "USD", "999999999999")).toBe(999_999_999_999n);
  });
});
