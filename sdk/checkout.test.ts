import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildSdk, SDK_OUTPUTS } from "../scripts/build-sdk";
import { frameUrl, validateOptions } from "./options";

const ROOT = path.resolve(import.meta.dirname, "..");
const SESSION = "3f1c2b4a-1111-4222-8333-444455556666";
const base = { selector: "#checkout", sessionId: SESSION, publicKey: "pk_demo_store" };

describe("Checkout.init options", () => {
  it("accepts the minimum and fills the defaults", () => {
    expect(validateOptions(base)).toEqual({
      ...base,
      lang: "en",
      formsOfPayment: ["card", "saved_card", "redirect", "apple_pay"],
      beforePayment: undefined,
      success: undefined,
      cancel: undefined,
      error: undefined,
    });
  });

  it("keeps callbacks, language and methods", () => {
    const success = () => {};
    const options = validateOptions({
      ...base,
      sessionId: SESSION.toUpperCase(),
      lang: "ar",
      formsOfPayment: ["card", "redirect", "card"],
      success,
    });
    expect(options.sessionId).toBe(SESSION);
    expect(options.lang).toBe("ar");
    expect(options.formsOfPayment).toEqual(["card", "redirect"]);
    expect(options.success).toBe(success);
  });

  it("refuses a secret key with a message saying why", () => {
    for (const key of ["sk_live_abcdef", "sk_demo_admin", "sk_test_x"])
      expect(() => validateOptions({ ...base, publicKey: key })).toThrow(
        /secret key \(sk_\.\.\.\)\. Secret keys must never be used in a browser/,
      );
  });

  it.each([
    ["no options", undefined, /pass an options object/],
    ["an array", [], /pass an options object/],
    ["no selector", { ...base, selector: "" }, /selector must be/],
    ["a selector that is not text", { ...base, selector: 1 }, /selector must be/],
    ["no session", { ...base, sessionId: undefined }, /sessionId must be/],
    ["a malformed session", { ...base, sessionId: "abc" }, /sessionId must be/],
    ["no key", { ...base, publicKey: "" }, /publicKey must be your publishable key/],
    ["a key of another kind", { ...base, publicKey: "rk_abcdefgh" }, /must be a publishable key/],
    ["a key with spaces", { ...base, publicKey: "pk_demo store" }, /must be a publishable key/],
    ["an unknown language", { ...base, lang: "fr" }, /lang must be/],
    ["no methods", { ...base, formsOfPayment: [] }, /formsOfPayment must be/],
    ["an unknown method", { ...base, formsOfPayment: ["bitcoin"] }, /formsOfPayment must be/],
    ["methods that are not a list", { ...base, formsOfPayment: "card" }, /formsOfPayment/],
    [
      "a callback that is not a function",
      { ...base, success: "done" },
      /success must be a function/,
    ],
    ["a misspelt option", { ...base, sesionId: SESSION }, /unknown option "sesionId"/],
  ])("refuses %s", (_label, input, message) => {
    expect(() => validateOptions(input)).toThrow(message);
    expect(() => validateOptions(input)).toThrow(/^Checkout\.init: /);
  });
});

describe("frameUrl", () => {
  it("is the protocol's address, every value encoded", () => {
    const url = new URL(
      frameUrl(
        "https://pay.example",
        validateOptions({ ...base, formsOfPayment: ["card"] }),
        "https://shop.example",
      ),
    );
    expect(url.origin).toBe("https://pay.example");
    expect(url.pathname).toBe(`/checkout/${SESSION}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      embed: "1",
      pk: "pk_demo_store",
      origin: "https://shop.example",
      methods: "card",
      lang: "en",
    });
  });
});

describe("the built script", () => {
  it("is what sdk/ builds to (the committed files are not stale)", async () => {
    const built = await buildSdk();
    for (const output of SDK_OUTPUTS)
      expect(await readFile(path.join(ROOT, output), "utf8"), output).toBe(built);
  });

  it("is under 10 KB gzipped and defines window.Checkout", async () => {
    const built = await buildSdk();
    const gzipped = gzipSync(built, { level: 9 }).length;
    expect(gzipped).toBeLessThan(10 * 1024);
    expect(built).toContain(".Checkout=");
    expect(built).not.toMatch(/\brequire\(|\bimport\(|next\//);
  });
});
