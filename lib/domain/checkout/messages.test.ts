import { describe, expect, it } from "vitest";
import { directionOf, failureMessage, format, messagesFor, pageLanguage } from "./messages";
import { FAILURE_REASONS } from "./page-view";

describe("messages", () => {
  it("every key has a non-empty English and Arabic text, and Arabic is written in Arabic", () => {
    const en = messagesFor("en");
    const ar = messagesFor("ar");
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe("");
      expect(ar[key].trim(), key).not.toBe("");
      // Brand names (Apple Pay) and the language link stay as they are written.
      if (key !== "methodApplePay" && key !== "language")
        expect(ar[key], key).toMatch(/[\u0600-\u06FF]/);
    }
  });
  it("placeholders are the same in both languages", () => {
    const en = messagesFor("en");
    const ar = messagesFor("ar");
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[])
      expect(names(ar[key]), key).toEqual(names(en[key]));
  });
  it("format fills placeholders and leaves unknown ones", () => {
    expect(format("Pay on {gateway}'s page", { gateway: "KNET" })).toBe("Pay on KNET's page");
    expect(format("{a} and {b}", { a: 1 })).toBe("1 and {b}");
    expect(format("{a}{a}", { a: "$&" })).toBe("$&$&");
  });
  it("a failure reason reads in each language", () => {
    for (const reason of FAILURE_REASONS) {
      expect(failureMessage("en", reason)).toMatch(/\w/);
      expect(failureMessage("ar", reason)).toMatch(/[\u0600-\u06FF]/);
    }
  });
  it("the page language: ?lang= when it is one we speak, else the session's", () => {
    expect(pageLanguage("en", undefined)).toBe("en");
    expect(pageLanguage("ar", undefined)).toBe("ar");
    expect(pageLanguage("en", "ar")).toBe("ar");
    expect(pageLanguage("ar", "en")).toBe("en");
    expect(pageLanguage("ar", "fr")).toBe("ar");
    expect(pageLanguage("xx", "AR")).toBe("en");
    expect(pageLanguage("en", ["en", "ar"])).toBe("ar");
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("en")).toBe("ltr");
  });
});
