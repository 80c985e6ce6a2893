import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { CURRENCY_CODES, currencyExponent, isCurrencyCode } from "./currency";
import {
  addMoney,
  compareMoney,
  formatMoney,
  money,
  moneyFromDecimal,
  parseMoney,
  subtractMoney,
  toDecimalString,
} from "./money";

function parsed(input: string | number, currency: string) {
  const result = parseMoney(input, currency);
  if (!result.ok) throw new Error(result.error.message);
  return result.money.minor;
}

function refusal(input: string | number, currency: string) {
  const result = parseMoney(input, currency);
  if (result.ok) throw new Error(`expected ${input} ${currency} to be refused`);
  return result.error.code;
}

describe("currencies", () => {
  it("knows the exponents the product relies on", () => {
    expect(currencyExponent("KWD")).toBe(3);
    expect(currencyExponent("USD")).toBe(2);
    expect(currencyExponent("EUR")).toBe(2);
    expect(currencyExponent("JPY")).toBe(0);
  });
  it("recognises only listed codes, case-sensitively", () => {
    expect(isCurrencyCode("KWD")).toBe(true);
    expect(isCurrencyCode("kwd")).toBe(false);
    expect(isCurrencyCode("XXX")).toBe(false);
    expect(isCurrencyCode("toString")).toBe(false);
    expect(CURRENCY_CODES).toContain("JPY");
  });
});

describe("parseMoney", () => {
  it("reads amounts into minor units per currency", () => {
    expect(parsed("12.5", "KWD")).toBe(12500n);
    expect(parsed("12.345", "KWD")).toBe(12345n);
    expect(parsed("0.01", "USD")).toBe(1n);
    expect(parsed("100", "USD")).toBe(10000n);
    expect(parsed("1500", "JPY")).toBe(1500n);
    expect(parsed(" 7.10 ", "EUR")).toBe(710n);
  });
  it("accepts JSON numbers exactly, without float drift", () => {
    expect(parsed(0.3, "USD")).toBe(30n);
    // A float sum is not the decimal anyone meant; it is refused rather than rounded.
    expect(refusal(0.1 + 0.2, "USD")).toBe("too_many_decimals");
    expect(parsed(19.99, "USD")).toBe(1999n);
    expect(parsed(1.005, "KWD")).toBe(1005n);
  });
  it("accepts trailing zeros beyond the exponent, which change nothing", () => {
    expect(parsed("12.500", "USD")).toBe(1250n);
    expect(parsed("3.0", "JPY")).toBe(3n);
  });
  it("refuses more significant decimals than the currency has", () => {
    expect(refusal("12.345", "USD")).toBe("too_many_decimals");
    expect(refusal("1.0001", "KWD")).toBe("too_many_decimals");
    expect(refusal("1.5", "JPY")).toBe("too_many_decimals");
    expect(refusal(0.001, "EUR")).toBe("too_many_decimals");
  });
  it("refuses negative amounts but reads minus zero as zero", () => {
    expect(refusal("-1", "USD")).toBe("negative_amount");
    expect(refusal(-0.5, "KWD")).toBe("negative_amount");
    expect(parsed("-0", "USD")).toBe(0n);
  });
  it("refuses text that is not a plain decimal", () => {
    for (const bad of [
      "",
      "abc",
      "1,000",
      "1.2.3",
      ".5",
      "5.",
      "1e3",
      "0x10",
      "Infinity",
      "NaN",
      "+1",
    ]) {
      expect(refusal(bad, "USD")).toBe("invalid_amount");
    }
    expect(refusal(Number.NaN, "USD")).toBe("invalid_amount");
    expect(refusal(Number.POSITIVE_INFINITY, "USD")).toBe("invalid_amount");
    expect(refusal(1e21, "USD")).toBe("invalid_amount");
  });
  it("refuses absurdly large amounts", () => {
    expect(refusal("1234567890123456", "USD")).toBe("invalid_amount");
    expect(parsed("123456789012345", "USD")).toBe(12345678901234500n);
  });
  it("refuses unknown currencies", () => {
    expect(refusal("1", "XYZ")).toBe("unknown_currency");
    expect(refusal("1", "usd")).toBe("unknown_currency");
  });
  it("explains refusals in words a person can act on", () => {
    const result = parseMoney("1.234", "USD");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe("USD amounts have at most 2 decimal places.");
    const yen = parseMoney("1.5", "JPY");
    if (!yen.ok) expect(yen.error.message).toBe("JPY amounts have no decimal places.");
  });
});

describe("formatting", () => {
  it("writes exactly the currency's decimals", () => {
    expect(toDecimalString(money(12500n, "KWD"))).toBe("12.500");
    expect(toDecimalString(money(5n, "USD"))).toBe("0.05");
    expect(toDecimalString(money(0n, "EUR"))).toBe("0.00");
    expect(toDecimalString(money(1500n, "JPY"))).toBe("1500");
    expect(toDecimalString(money(-250n, "USD"))).toBe("-2.50");
  });
  it("groups thousands for people", () => {
    expect(formatMoney(money(123456789n, "USD"))).toBe("1,234,567.89 USD");
    expect(formatMoney(money(1000000n, "JPY"))).toBe("1,000,000 JPY");
    expect(formatMoney(money(999n, "KWD"))).toBe("0.999 KWD");
  });
  it("round-trips database decimals", () => {
    expect(moneyFromDecimal("12.500", "KWD").minor).toBe(12500n);
    expect(moneyFromDecimal(new Prisma.Decimal("7.1"), "USD").minor).toBe(710n);
    expect(moneyFromDecimal(new Prisma.Decimal("12.500"), "KWD")).toEqual({
      minor: 12500n,
      currency: "KWD",
    });
    // toString() would say "1e+21": the decimal is read with toFixed(), so the size check answers.
    expect(() => moneyFromDecimal(new Prisma.Decimal("1e21"), "JPY")).toThrow(/too large/);
    expect(() => moneyFromDecimal("1.234", "USD")).toThrow(/invalid/);
  });
});

describe("arithmetic", () => {
  it("adds, subtracts and compares exactly", () => {
    const a = money(1000n, "USD");
    const b = money(1n, "USD");
    expect(addMoney(a, b).minor).toBe(1001n);
    expect(subtractMoney(a, b).minor).toBe(999n);
    expect(compareMoney(a, b)).toBe(1);
    expect(compareMoney(b, a)).toBe(-1);
    expect(compareMoney(a, money(1000n, "USD"))).toBe(0);
  });
  it("refuses to mix currencies", () => {
    expect(() => addMoney(money(1n, "USD"), money(1n, "EUR"))).toThrow(/USD with EUR/);
    expect(() => compareMoney(money(1n, "KWD"), money(1n, "JPY"))).toThrow();
  });
});
