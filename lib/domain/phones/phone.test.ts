import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { E164_PATTERN, MAX_PHONE_INPUT_LENGTH, type PhoneRefusal, toE164 } from "./phone";

function e164(input: string, country?: string): string {
  const result = toE164(input, country);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse: ${result.reason}`);
  return result.e164;
}

function refusal(input: string, country?: string): PhoneRefusal {
  const result = toE164(input, country);
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${result.e164}`);
  expect(result.reason.length).toBeGreaterThan(10);
  return result.code;
}

describe("toE164: numbers of the Gulf, the US and the UK", () => {
  it.each([
    // Kuwait: 8 digits, mobiles from 5, 6 and 9, fixed lines from 2
    ["+965 5000 1234", undefined, "+96550001234"],
    ["+965 6000 1234", undefined, "+96560001234"],
    ["+965 9000 1234", undefined, "+96590001234"],
    ["+965 2222 1234", undefined, "+96522221234"],
    ["5000 1234", "KW", "+96550001234"],
    ["0096550001234", undefined, "+96550001234"],
    ["00 965 5000-1234", "US", "+96550001234"],
    // UAE: national 0 dropped
    ["+971 50 123 4567", undefined, "+971501234567"],
    ["050 123 4567", "AE", "+971501234567"],
    ["04 234 5678", "AE", "+97142345678"],
    // Saudi Arabia
    ["+966 50 123 4567", undefined, "+966501234567"],
    ["0501234567", "SA", "+966501234567"],
    ["00966-55-123-4567", undefined, "+966551234567"],
    // United States
    ["(202) 555-0143", "US", "+12025550143"],
    ["+1 202-555-0143", undefined, "+12025550143"],
    ["202.555.0143", "US", "+12025550143"],
    ["+1 (415) 555-2671", "KW", "+14155552671"],
    // United Kingdom
    ["+44 7911 123456", undefined, "+447911123456"],
    ["07911 123456", "GB", "+447911123456"],
    ["+44 (0)20 7946 0958", undefined, "+442079460958"],
  ])("%s (default %s) is %s", (input, country, expected) => {
    expect(e164(input, country)).toBe(expected);
    expect(expected).toMatch(E164_PATTERN);
  });

  it("names the country it recognised", () => {
    expect(toE164("+965 5000 1234")).toMatchObject({ ok: true, country: "KW" });
    expect(toE164("050 123 4567", "AE")).toMatchObject({ ok: true, country: "AE" });
  });

  it("reads a default country in any case, and ignores it for international numbers", () => {
    expect(e164("50001234", "kw")).toBe("+96550001234");
    expect(e164("+971501234567", "KW")).toBe("+971501234567");
    expect(e164("+971501234567", "not a country")).toBe("+971501234567");
  });

  it("accepts spaces, no-break spaces, Unicode dashes, slashes and surrounding blanks", () => {
    expect(e164("  +965 5000 1234  ")).toBe("+96550001234");
    expect(e164("+965\u00a05000\u00a01234")).toBe("+96550001234");
    expect(e164("+965\u20135000\u20141234")).toBe("+96550001234");
    expect(e164("+965/5000/1234")).toBe("+96550001234");
    expect(e164("+965-(5000)-1234")).toBe("+96550001234");
  });

  it("reads Arabic-Indic and Eastern Arabic-Indic digits", () => {
    expect(e164("+٩٦٥ ٥٠٠٠ ١٢٣٤")).toBe("+96550001234");
    expect(e164("٥٠٠٠١٢٣٤", "KW")).toBe("+96550001234");
    expect(e164("۰۵۰۱۲۳۴۵۶۷", "SA")).toBe("+966501234567");
  });

  it("gives the same E.164 for every way of writing one number (idempotent on its output)", () => {
    const forms = ["+96550001234", "0096550001234", "+965 5000 1234", "(+965) 5000-1234"];
    for (const form of forms) expect(e164(form)).toBe("+96550001234");
    expect(e164(e164("050 123 4567", "AE"))).toBe("+971501234567");
  });
});

describe("toE164: refusals, each with a reason a person can act on", () => {
  it.each<[string, string | undefined, PhoneRefusal]>([
    ["", undefined, "empty"],
    ["   ", "KW", "empty"],
    ["+965 5000\u00001234", undefined, "control_characters"],
    ["\u0000", undefined, "control_characters"],
    ["+96550001234\n", undefined, "control_characters"],
    ["+965\t50001234", undefined, "control_characters"],
    ["+965 5000 12\u007f34", undefined, "control_characters"],
    ["+1 800 FLOWERS", undefined, "letters"],
    ["call +965 5000 1234", undefined, "letters"],
    ["+965 5000 1234 ext. 5", undefined, "letters"],
    ["+96550001234x12", undefined, "letters"],
    ["هاتف 50001234", "KW", "letters"],
    ["+965 5000 1234;", undefined, "invalid_characters"],
    ["+965 5000+1234", undefined, "invalid_characters"],
    ["++96550001234", undefined, "invalid_characters"],
    ["*#06#", undefined, "invalid_characters"],
    ["+965_5000_1234", undefined, "invalid_characters"],
    ["+", undefined, "too_short"],
    ["---", "KW", "too_short"],
    ["50001234", undefined, "missing_country_code"],
    ["12345", undefined, "missing_country_code"],
    ["50001234", "XX", "unknown_country"],
    ["50001234", "", "unknown_country"],
    ["50001234", "__proto__", "unknown_country"],
    ["+999 1234567", undefined, "unknown_country"],
    ["00999 1234567", undefined, "unknown_country"],
    ["+965 500", undefined, "too_short"],
    ["500", "KW", "too_short"],
    ["+9655000123456789", undefined, "too_long"],
    ["+965 1234 5678", undefined, "invalid_for_country"],
    ["+965 5000 12345", undefined, "too_long"],
    ["+971 12 345 6789", undefined, "invalid_for_country"],
    ["+966 10 123 4567", undefined, "invalid_for_country"],
    ["(123) 456-7890", "US", "invalid_for_country"],
    ["+44 7700 900123", undefined, "invalid_for_country"],
  ])("%j (default %s) is refused as %s", (input, country, code) => {
    expect(refusal(input, country)).toBe(code);
  });

  it("says which country the number does not fit", () => {
    const result = toE164("+965 1234 5678");
    expect(result).toEqual({
      ok: false,
      code: "invalid_for_country",
      reason: "This is not a valid phone number for KW.",
    });
  });

  it("refuses 100 characters of junk before looking at them", () => {
    const junk = "9".repeat(100);
    expect(refusal(junk)).toBe("too_long_input");
    expect(refusal(`+965${"5".repeat(96)}`)).toBe("too_long_input");
    expect(refusal("a".repeat(100))).toBe("too_long_input");
    expect(refusal("\u0000".repeat(100))).toBe("too_long_input");
    expect(refusal("x".repeat(MAX_PHONE_INPUT_LENGTH + 1))).toBe("too_long_input");
  });

  it("still takes a formatted number right at the length limit", () => {
    const padded = `+965 5000 1234${" ".repeat(MAX_PHONE_INPUT_LENGTH - 14)}`;
    expect(padded).toHaveLength(MAX_PHONE_INPUT_LENGTH);
    expect(e164(padded)).toBe("+96550001234");
  });
});

describe("toE164 on any input", () => {
  test.prop([
    fc.string({ maxLength: 120 }),
    fc.option(fc.constantFrom("KW", "AE", "SA", "US", "GB", "XX"), { nil: undefined }),
  ])("never throws, and what it accepts is E.164 that parses to itself", (input, country) => {
    const result = toE164(input, country);
    if (result.ok) {
      expect(result.e164).toMatch(E164_PATTERN);
      expect(toE164(result.e164)).toMatchObject({ ok: true, e164: result.e164 });
    } else {
      expect(result.reason).not.toBe("");
    }
  });

  test.prop([fc.stringMatching(/^\+?[0-9 ()\-.]{0,30}$/)])(
    "never throws on digits and separators, in any arrangement",
    (input) => {
      const result = toE164(input, "KW");
      if (result.ok) expect(result.e164).toMatch(E164_PATTERN);
    },
  );
});
