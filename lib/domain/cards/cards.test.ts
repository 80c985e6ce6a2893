import { describe, expect, it } from "vitest";
import { detectBrand } from "./brand";
import { checkCvc, cvcLength } from "./cvc";
import { checkExpiry, MAX_YEARS_AHEAD } from "./expiry";
import { passesLuhn } from "./luhn";
import { checkCardNumber, normalizeCardNumber } from "./number";
import { CARD_SCENARIOS, scenarioOf, TEST_CARDS } from "./test-cards";
import { checkCard } from "./validate-card";

describe("passesLuhn", () => {
  it.each(["4242424242424242", "79927398713", "378282246310005", "0", "00", "18"])(
    "accepts %s",
    (digits) => expect(passesLuhn(digits)).toBe(true),
  );

  it.each([
    "4242424242424241",
    "79927398710",
    "378282246310006",
    "1",
    "",
    "4242 4242 4242 4242",
    "42424242424242a2",
    "-4242424242424242",
    "４２４２",
  ])("refuses %j", (digits) => expect(passesLuhn(digits)).toBe(false));

  it("catches every single-digit change of a valid number", () => {
    const valid = "4000000000003220";
    for (let index = 0; index < valid.length; index++)
      for (let digit = 0; digit <= 9; digit++) {
        const changed = valid.slice(0, index) + digit + valid.slice(index + 1);
        if (changed !== valid) expect(passesLuhn(changed), changed).toBe(false);
      }
  });

  it("catches a swap of two adjacent different digits (except 09/90)", () => {
    const valid = "5555555555553222";
    for (let index = 0; index + 1 < valid.length; index++) {
      const [a, b] = [valid[index], valid[index + 1]];
      if (a === b || `${a}${b}` === "09" || `${a}${b}` === "90") continue;
      const swapped = valid.slice(0, index) + b + a + valid.slice(index + 2);
      expect(passesLuhn(swapped), swapped).toBe(false);
    }
  });
});

describe("detectBrand", () => {
  it.each([
    ["4", "visa"],
    ["4242424242424242", "visa"],
    ["34", "amex"],
    ["37", "amex"],
    ["378282246310005", "amex"],
    ["35", "unknown"],
    ["51", "mastercard"],
    ["55", "mastercard"],
    ["50", "unknown"],
    ["56", "unknown"],
    ["2220", "unknown"],
    ["2221", "mastercard"],
    ["2223003122003222", "mastercard"],
    ["2720", "mastercard"],
    ["2721", "unknown"],
    ["222", "unknown"],
    ["6011111111111117", "unknown"],
    ["", "unknown"],
    ["4x", "unknown"],
  ] as const)("%s is %s", (digits, brand) => expect(detectBrand(digits)).toBe(brand));
});

describe("normalizeCardNumber", () => {
  it.each([
    ["4242 4242 4242 4242", "4242424242424242"],
    ["4242424242424242", "4242424242424242"],
    [" 3782 822463 10005 ", "378282246310005"],
  ])("%j -> %s", (input, digits) => expect(normalizeCardNumber(input)).toBe(digits));

  it.each([
    "",
    "   ",
    "4242-4242-4242-4242",
    "4242\t4242",
    "4242\n4242",
    "42424242424242.2",
    "４２４２",
  ])("refuses %j", (input) => expect(normalizeCardNumber(input)).toBeNull());
});

describe("checkCardNumber", () => {
  it("accepts a valid number and keeps brand and last 4", () => {
    expect(checkCardNumber("4242 4242 4242 4242")).toEqual({
      ok: true,
      digits: "4242424242424242",
      brand: "visa",
      last4: "4242",
    });
  });

  it("accepts Luhn-valid numbers of an unknown brand from 12 to 19 digits", () => {
    expect(checkCardNumber("6011111111111117")).toMatchObject({ ok: true, brand: "unknown" });
    expect(checkCardNumber("000000000000")).toMatchObject({ ok: true, brand: "unknown" });
    expect(checkCardNumber("0000000000000000000")).toMatchObject({ ok: true });
  });

  it.each([
    ["4242424242424241", "not valid"],
    ["42424242424", "12 to 19"],
    ["00000000000000000000", "12 to 19"],
    ["4242-4242-4242-4242", "digits"],
    ["", "digits"],
    // Luhn-valid, but a length the brand never issues.
    ["42424242424242", "its brand"],
    ["37828224631000", "its brand"],
    ["555555555555444", "its brand"],
  ])("refuses %j (%s)", (input, words) => {
    const result = checkCardNumber(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(words);
  });
});

describe("checkExpiry", () => {
  const now = new Date("2026-12-02T13:00:00Z");

  it.each([
    [12, 2026],
    [12, 26],
    [1, 2027],
    [11, 2046],
    [12, 2046],
    [1, 2046],
  ])("accepts %i/%i", (month, year) =>
    expect(checkExpiry(month, year, now)).toMatchObject({ ok: true, month }),
  );

  it("reads a 2-digit year as 20YY", () =>
    expect(checkExpiry(3, 29, now)).toEqual({ ok: true, month: 3, year: 2029 }));

  it.each([
    [0, 2027, "expMonth"],
    [13, 2027, "expMonth"],
    [-1, 2027, "expMonth"],
    [1.5, 2027, "expMonth"],
    [Number.NaN, 2027, "expMonth"],
    [11, 2026, "expYear"],
    [1, 2026, "expYear"],
    [12, 2025, "expYear"],
    [12, 25, "expYear"],
    [1, 2047, "expYear"],
    [1, 999, "expYear"],
    [1, 10000, "expYear"],
    [1, 2027.5, "expYear"],
    [1, -27, "expYear"],
  ])("refuses %s/%s on %s", (month, year, field) =>
    expect(checkExpiry(month, year, now)).toMatchObject({ ok: false, field }),
  );

  it("counts months in UTC: the last instant of the month is still valid", () => {
    expect(checkExpiry(12, 2026, new Date("2026-12-31T23:59:59.999Z")).ok).toBe(true);
    expect(checkExpiry(12, 2026, new Date("2027-01-01T00:00:00.000Z")).ok).toBe(false);
  });

  it(`allows exactly ${MAX_YEARS_AHEAD} years ahead`, () => {
    expect(checkExpiry(12, 2026 + MAX_YEARS_AHEAD, now).ok).toBe(true);
    expect(checkExpiry(1, 2027 + MAX_YEARS_AHEAD, now).ok).toBe(false);
  });
});

describe("CVC", () => {
  it("is 4 digits for American Express, 3 for the others", () => {
    expect(cvcLength("amex")).toBe(4);
    expect(cvcLength("visa")).toBe(3);
    expect(cvcLength("mastercard")).toBe(3);
    expect(cvcLength("unknown")).toBe(3);
  });

  it.each([
    ["123", "visa", true],
    ["1234", "visa", false],
    ["12", "visa", false],
    ["1234", "amex", true],
    ["123", "amex", false],
    ["12a", "mastercard", false],
    ["", "mastercard", false],
    [" 123", "visa", false],
  ] as const)("%j for %s: %s", (cvc, brand, ok) => expect(checkCvc(cvc, brand).ok).toBe(ok));
});

describe("test cards", () => {
  it("are all Luhn-valid, of their stated brand, and of a brand's length", () => {
    for (const card of TEST_CARDS) {
      expect(checkCardNumber(card.number), card.number).toMatchObject({
        ok: true,
        brand: card.brand,
      });
    }
  });

  it("cover every scenario, each number once", () => {
    expect(new Set(TEST_CARDS.map((card) => card.scenario))).toEqual(new Set(CARD_SCENARIOS));
    expect(new Set(TEST_CARDS.map((card) => card.number)).size).toBe(TEST_CARDS.length);
  });

  it("map to their scenario; any other valid number is frictionless", () => {
    for (const card of TEST_CARDS) expect(scenarioOf(card.number)).toBe(card.scenario);
    expect(scenarioOf("4111111111111111")).toBe("frictionless");
  });
});

describe("checkCard", () => {
  const now = new Date("2026-12-02T13:00:00Z");
  const good = {
    number: "4000 0000 0000 3220",
    expMonth: 4,
    expYear: 2030,
    cvc: "123",
    holder: " Ada Lovelace ",
  };

  it("keeps brand, last 4, expiry, holder and scenario; never the number or the code", () => {
    const result = checkCard(good, now);
    expect(result).toEqual({
      ok: true,
      card: {
        brand: "visa",
        last4: "3220",
        expMonth: 4,
        expYear: 2030,
        holder: "Ada Lovelace",
        scenario: "challenge",
      },
    });
    expect(JSON.stringify(result)).not.toContain("4000000000003220");
    expect(JSON.stringify(result)).not.toContain("123");
  });

  it("reports one error per bad field", () => {
    const result = checkCard(
      { number: "4242424242424241", expMonth: 13, expYear: 2030, cvc: "12", holder: "" },
      now,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((error) => error.field)).toEqual([
        "number",
        "expMonth",
        "cvc",
        "holder",
      ]);
  });

  it("checks the code's length against the brand", () => {
    expect(checkCard({ ...good, number: "378282246310005", cvc: "123" }, now)).toMatchObject({
      ok: false,
      errors: [{ field: "cvc" }],
    });
    expect(checkCard({ ...good, number: "378282246310005", cvc: "1234" }, now).ok).toBe(true);
  });

  it("does not blame a 3- or 4-digit code for a bad number", () => {
    const result = checkCard({ ...good, number: "1234", cvc: "1234" }, now);
    expect(result).toMatchObject({ ok: false, errors: [{ field: "number" }] });
  });

  it.each([
    ["a NUL", "Ada\u0000"],
    ["a line break", "Ada\nLovelace"],
    ["101 characters", "A".repeat(101)],
    ["only spaces", "   "],
  ])("refuses a holder with %s", (_label, holder) =>
    expect(checkCard({ ...good, holder }, now)).toMatchObject({
      ok: false,
      errors: [{ field: "holder" }],
    }),
  );

  it("refuses an expired card on its expiry year", () =>
    expect(checkCard({ ...good, expMonth: 11, expYear: 2026 }, now)).toMatchObject({
      ok: false,
      errors: [{ field: "expYear" }],
    }));
});
