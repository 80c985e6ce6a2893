import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  MAX_MERCHANT_NAME_IN_TEXT,
  MAX_PAYMENT_LINK_TEXT,
  type PaymentLinkMessageInput,
  paymentLinkSms,
  singleLine,
} from "./payment-link";
import { smsShape } from "./sms";
import { whatsappLink } from "./whatsapp-link";

const URL = "https://pay.example.com/checkout/3f2b6c1e-7a4d-4c1e-9b7a-2d5e8f0a1b2c";
const base: PaymentLinkMessageInput = {
  merchantName: "Souq Ltd",
  amount: "12.500",
  currency: "KWD",
  url: URL,
  language: "en",
};

describe("paymentLinkSms in English", () => {
  it("says who asks, how much, and gives the link on a line of its own", () => {
    expect(paymentLinkSms(base)).toBe(
      `Souq Ltd: payment request for 12.500 KWD.\nPay here:\n${URL}`,
    );
  });

  it("adds the due date as a calendar day in UTC", () => {
    const text = paymentLinkSms({ ...base, dueDate: new Date("2026-12-24T23:30:00+03:00") });
    expect(text).toBe(
      `Souq Ltd: payment request for 12.500 KWD. Please pay by 2026-12-24.\nPay here:\n${URL}`,
    );
  });

  it("writes amounts with the currency's decimals and grouped thousands, never as floats", () => {
    expect(paymentLinkSms({ ...base, amount: "1234567.5", currency: "USD" })).toContain(
      "1,234,567.50 USD",
    );
    expect(paymentLinkSms({ ...base, amount: "1500", currency: "JPY" })).toContain("1,500 JPY");
    expect(paymentLinkSms({ ...base, amount: { toFixed: () => "0.100" } })).toContain("0.100 KWD");
  });

  it("refuses an amount the currency cannot hold, and an unknown currency", () => {
    expect(() => paymentLinkSms({ ...base, amount: "1.2345" })).toThrow(/decimal/);
    expect(() => paymentLinkSms({ ...base, currency: "XXX" })).toThrow(/currency/i);
    expect(() => paymentLinkSms({ ...base, amount: "twelve" })).toThrow();
  });

  it("fits in two GSM messages", () => {
    const text = paymentLinkSms({ ...base, dueDate: new Date("2026-12-24T00:00:00Z") });
    expect(smsShape(text)).toMatchObject({ encoding: "gsm7", parts: 1 });
    const long = paymentLinkSms({
      ...base,
      merchantName: "The Very Long Name Of A Merchant Trading Company W.L.L. Kuwait",
      dueDate: new Date("2026-12-24T00:00:00Z"),
    });
    expect(smsShape(long).parts).toBeLessThanOrEqual(2);
  });
});

describe("paymentLinkSms in Arabic", () => {
  it("writes the sentence in Arabic, starting right to left, with the Latin name and amount isolated", () => {
    const text = paymentLinkSms({
      ...base,
      language: "ar",
      dueDate: new Date("2026-12-24T00:00:00Z"),
    });
    expect(text).toBe(
      `\u200f\u2068Souq Ltd\u2069: طلب دفع بمبلغ \u206812.500 KWD\u2069. يرجى الدفع قبل \u20682026-12-24\u2069.\nادفع عبر الرابط:\n${URL}`,
    );
    expect(smsShape(text).encoding).toBe("ucs2");
  });

  it("keeps an Arabic merchant name and leaves the due date out when there is none", () => {
    const text = paymentLinkSms({ ...base, language: "ar", merchantName: "متجر السوق" });
    expect(text.startsWith("\u200f\u2068متجر السوق\u2069: طلب دفع")).toBe(true);
    expect(text).not.toContain("قبل");
    expect(text.endsWith(`\n${URL}`)).toBe(true);
  });
});

describe("paymentLinkSms: names and links it does not trust", () => {
  it("flattens a merchant name to one line without control characters", () => {
    const text = paymentLinkSms({ ...base, merchantName: "  Souq\u0000\nLtd\r\n\tKuwait\u2028 " });
    expect(text.split("\n")[0]).toBe("Souq Ltd Kuwait: payment request for 12.500 KWD.");
    expect(singleLine("a\u007fb")).toBe("a b");
  });

  it("cuts a long merchant name with three dots (staying GSM), never the link", () => {
    const name = "N".repeat(200);
    const text = paymentLinkSms({ ...base, merchantName: name });
    expect(text).toContain(`${"N".repeat(MAX_MERCHANT_NAME_IN_TEXT - 3)}...:`);
    expect(smsShape(text).encoding).toBe("gsm7");
    expect(text.endsWith(URL)).toBe(true);
  });

  it("shortens the name further, then drops the due date, to fit a long link", () => {
    const longUrl = `https://pay.example.com/${"x".repeat(220)}`;
    const text = paymentLinkSms({
      ...base,
      merchantName: "M".repeat(100),
      url: longUrl,
      dueDate: new Date("2026-12-24T00:00:00Z"),
      language: "ar",
    });
    expect(text.length).toBeLessThanOrEqual(MAX_PAYMENT_LINK_TEXT);
    expect(text.endsWith(longUrl)).toBe(true);
  });

  it("refuses a link that leaves no room, or that is not a web address", () => {
    expect(() =>
      paymentLinkSms({ ...base, url: `https://pay.example.com/${"x".repeat(320)}` }),
    ).toThrow(/no room/);
    for (const url of ["javascript:alert(1)", "pay.example.com/x", "https://a b", ""])
      expect(() => paymentLinkSms({ ...base, url })).toThrow(/not a web address/);
  });

  it("names nobody when the name is blank", () => {
    expect(paymentLinkSms({ ...base, merchantName: " \n " }).startsWith("Payment: ")).toBe(true);
  });

  test.prop([
    fc.string({ maxLength: 300 }),
    fc.constantFrom<"en" | "ar">("en", "ar"),
    fc.option(
      fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
      { nil: undefined },
    ),
    fc.stringMatching(/^[a-z0-9/-]{0,120}$/),
  ])(
    "any name, language and date: at most 320 characters, one line per part, link last",
    (merchantName, language, dueDate, path) => {
      const url = `https://pay.example.com/${path}`;
      const text = paymentLinkSms({ ...base, merchantName, language, dueDate, url });
      expect(text.length).toBeLessThanOrEqual(MAX_PAYMENT_LINK_TEXT);
      expect(text.split("\n")).toHaveLength(3);
      expect(text.endsWith(`\n${url}`)).toBe(true);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that none are left
      expect(text.replace(/\n/g, "")).not.toMatch(/[\u0000-\u001f\u007f]/);
    },
  );
});

describe("whatsappLink", () => {
  it("addresses wa.me by the number's digits and carries the text percent-encoded", () => {
    expect(whatsappLink("+96550001234", "Pay 12.500 KWD: https://x.test/a?b=1&c=2")).toBe(
      "https://wa.me/96550001234?text=Pay%2012.500%20KWD%3A%20https%3A%2F%2Fx.test%2Fa%3Fb%3D1%26c%3D2",
    );
  });

  it("encodes Arabic, line breaks and isolation marks so the whole text survives the link", () => {
    const text = paymentLinkSms({ ...base, language: "ar" });
    const link = whatsappLink("+971501234567", text);
    expect(link.startsWith("https://wa.me/971501234567?text=")).toBe(true);
    expect(link).not.toMatch(/[\s\u0600-\u06ff]/);
    expect(decodeURIComponent(new globalThis.URL(link).searchParams.get("text") ?? "")).toBe(text);
    expect(new globalThis.URL(link).searchParams.get("text")).toBe(text);
  });

  it("leaves the text out when there is none", () => {
    expect(whatsappLink("+12025550143", "")).toBe("https://wa.me/12025550143");
  });

  it.each([
    "96550001234",
    "+0123456789",
    "+965",
    "+965 5000 1234",
    "+96550001234\u0000",
    "",
    "+1234567890123456",
  ])("refuses %j, which is not E.164", (number) => {
    expect(() => whatsappLink(number, "x")).toThrow(/not an E.164/);
  });
});

describe("smsShape", () => {
  it("counts GSM text in septets, the escape-table characters twice", () => {
    expect(smsShape("")).toEqual({ encoding: "gsm7", units: 0, parts: 0 });
    expect(smsShape("a".repeat(160))).toEqual({ encoding: "gsm7", units: 160, parts: 1 });
    expect(smsShape("a".repeat(161))).toEqual({ encoding: "gsm7", units: 161, parts: 2 });
    expect(smsShape("€".repeat(80))).toEqual({ encoding: "gsm7", units: 160, parts: 1 });
    expect(smsShape("[]{}")).toMatchObject({ units: 8 });
    expect(smsShape("a".repeat(306))).toMatchObject({ parts: 2 });
    expect(smsShape("a".repeat(307))).toMatchObject({ parts: 3 });
  });

  it("falls back to UCS-2 for Arabic, emoji or curly quotes", () => {
    expect(smsShape("مرحبا")).toEqual({ encoding: "ucs2", units: 5, parts: 1 });
    expect(smsShape("ب".repeat(70))).toMatchObject({ parts: 1 });
    expect(smsShape("ب".repeat(71))).toMatchObject({ parts: 2 });
    expect(smsShape("ب".repeat(134))).toMatchObject({ parts: 2 });
    expect(smsShape("ب".repeat(135))).toMatchObject({ parts: 3 });
    expect(smsShape("hi 👋")).toEqual({ encoding: "ucs2", units: 5, parts: 1 });
    expect(smsShape("it’s")).toMatchObject({ encoding: "ucs2" });
  });
});
