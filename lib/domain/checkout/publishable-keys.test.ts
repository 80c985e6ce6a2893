import { describe, expect, it } from "vitest";
import {
  browserCredential,
  corsHeaders,
  embedRequestOf,
  MAX_ALLOWED_ORIGINS,
  originAllowed,
  PUBLISHABLE_KEY_PATTERN,
  parseAllowedOrigins,
  publishableKeyFrom,
  sessionMethods,
} from "./publishable-keys";

describe("publishableKeyFrom", () => {
  it("makes pk_ and 32 base62 characters, matching the stored format", () => {
    const bytes = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 248);
    const key = publishableKeyFrom(bytes);
    expect(key).toMatch(/^pk_[0-9A-Za-z]{32}$/);
    expect(key).toMatch(PUBLISHABLE_KEY_PATTERN);
    expect(publishableKeyFrom(bytes)).toBe(key);
  });

  it("skips bytes of 248 and above so every character is equally likely", () => {
    const skipped = new Uint8Array(64).fill(255);
    skipped.fill(0, 32);
    expect(publishableKeyFrom(skipped)).toBe(`pk_${"0".repeat(32)}`);
    expect(publishableKeyFrom(Uint8Array.from([...Array(32)].map(() => 61)))).toBe(
      `pk_${"z".repeat(32)}`,
    );
  });

  it("refuses too few usable bytes", () => {
    expect(() => publishableKeyFrom(new Uint8Array(31))).toThrow(/not enough/);
    expect(() => publishableKeyFrom(new Uint8Array(64).fill(250))).toThrow(/not enough/);
  });
});

describe("parseAllowedOrigins", () => {
  it("normalizes, drops blanks and merges repeats", () => {
    expect(
      parseAllowedOrigins([
        "https://Shop.Example",
        "  ",
        "https://shop.example/",
        "http://localhost:3000",
        "https://shop.example:443",
        "http://[::1]:8080",
      ]),
    ).toEqual({
      ok: true,
      origins: ["https://shop.example", "http://localhost:3000", "http://[::1]:8080"],
    });
  });

  it.each([
    ["https://shop.example/path", /path, query or fragment/],
    ["https://shop.example/?a=1", /path, query or fragment/],
    ["https://shop.example?", /path, query or fragment/],
    ["https://shop.example/#x", /path, query or fragment/],
    ["ftp://shop.example", /not an http\(s\) origin/],
    ["javascript:alert(1)", /not an http\(s\) origin/],
    ["data:text/html,x", /not an http\(s\) origin/],
    ["shop.example", /not an http\(s\) origin/],
    ["https://user:pw@shop.example", /not an http\(s\) origin/],
    ["https://*.shop.example", /no spaces or wildcards/],
    ["*", /no spaces or wildcards/],
    ["null", /not an http\(s\) origin/],
    ["https://shop .example", /no spaces or wildcards/],
    [`https://${"a".repeat(300)}.example`, /too long/],
  ])("refuses %s", (value, message) => {
    const result = parseAllowedOrigins(["https://fine.example", value]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0].index).toBe(1);
      expect(result.errors[0].message).toMatch(message);
    }
  });

  it("needs at least one origin and at most the limit", () => {
    expect(parseAllowedOrigins([]).ok).toBe(false);
    expect(parseAllowedOrigins(["", " "]).ok).toBe(false);
    const many = Array.from({ length: MAX_ALLOWED_ORIGINS }, (_, i) => `https://s${i}.example`);
    expect(parseAllowedOrigins(many).ok).toBe(true);
    const tooMany = parseAllowedOrigins([...many, "https://one-more.example"]);
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.errors[0].message).toMatch(/at most 20/);
    // Repeats count once.
    expect(parseAllowedOrigins([...many, many[0]]).ok).toBe(true);
  });
});

describe("browserCredential", () => {
  it("reads a publishable key, names a secret key, refuses the rest", () => {
    expect(browserCredential("Bearer pk_demo_store")).toEqual({
      kind: "publishable",
      key: "pk_demo_store",
    });
    expect(browserCredential("bearer   pk_abcdefgh12345678")).toEqual({
      kind: "publishable",
      key: "pk_abcdefgh12345678",
    });
    expect(browserCredential("Bearer sk_live_abc")).toEqual({ kind: "secret" });
    expect(browserCredential("Bearer sk_demo_admin")).toEqual({ kind: "secret" });
    expect(browserCredential(null)).toEqual({ kind: "missing" });
    expect(browserCredential("  ")).toEqual({ kind: "missing" });
    for (const bad of [
      "pk_demo_store",
      "Basic pk_demo_store",
      "Bearer pk_",
      "Bearer pk_short",
      "Bearer pk_demo\u0000store",
      "Bearer pk_demo store",
      `Bearer pk_${"a".repeat(65)}`,
      "Bearer xx_demo_store",
    ])
      expect(browserCredential(bad), bad).toEqual({ kind: "malformed" });
  });
});

describe("originAllowed", () => {
  const allowed = ["https://shop.example", "http://localhost:3000"];
  it("allows exactly the listed origins", () => {
    expect(originAllowed("https://shop.example", allowed)).toBe(true);
    expect(originAllowed("http://localhost:3000", allowed)).toBe(true);
    expect(originAllowed("https://evil.example", allowed)).toBe(false);
    expect(originAllowed("http://shop.example", allowed)).toBe(false);
    expect(originAllowed("https://shop.example.evil.example", allowed)).toBe(false);
    expect(originAllowed("https://SHOP.example", allowed)).toBe(false);
    expect(originAllowed("https://shop.example/", allowed)).toBe(false);
    expect(originAllowed("null", allowed)).toBe(false);
    expect(originAllowed(null, allowed)).toBe(false);
    expect(originAllowed("", allowed)).toBe(false);
  });
});

describe("corsHeaders", () => {
  it("names the one allowed origin, and only varies otherwise", () => {
    expect(corsHeaders(null)).toEqual({ vary: "Origin" });
    const headers = corsHeaders("https://shop.example");
    expect(headers["access-control-allow-origin"]).toBe("https://shop.example");
    expect(headers["access-control-allow-headers"]).toBe("Authorization");
    expect(headers).not.toHaveProperty("access-control-allow-credentials");
  });
});

describe("sessionMethods", () => {
  it("is the union of the gateways' methods in the protocol's order", () => {
    expect(sessionMethods(["knet"])).toEqual(["card", "saved_card", "redirect", "apple_pay"]);
    expect(sessionMethods(["knet", "WireCard8"])).toEqual([
      "card",
      "saved_card",
      "redirect",
      "apple_pay",
    ]);
    expect(sessionMethods([])).toEqual([]);
  });
});

describe("embedRequestOf", () => {
  const id = "3f1c2b4a-1111-4222-8333-444455556666";
  const query = (value: Record<string, string>) => new URLSearchParams(value);
  it("is null without embed=1", () => {
    expect(embedRequestOf(`/checkout/${id}`, query({}))).toBeNull();
    expect(
      embedRequestOf(`/checkout/${id}`, query({ embed: "0", pk: "pk_demo_store" })),
    ).toBeNull();
  });

  it("reads the session, key and origin of an embed", () => {
    expect(
      embedRequestOf(
        `/checkout/${id.toUpperCase()}`,
        query({ embed: "1", pk: "pk_demo_store", origin: "https://shop.example" }),
      ),
    ).toEqual({ sessionId: id, key: "pk_demo_store", origin: "https://shop.example" });
  });

  it.each([
    ["no key", `/checkout/${id}`, { embed: "1", origin: "https://shop.example" }],
    ["a secret key", `/checkout/${id}`, { embed: "1", pk: "sk_demo_admin", origin: "https://a.b" }],
    ["no origin", `/checkout/${id}`, { embed: "1", pk: "pk_demo_store" }],
    [
      "an origin with a path",
      `/checkout/${id}`,
      { embed: "1", pk: "pk_demo_store", origin: "https://shop.example/x" },
    ],
    [
      "an origin not normalized",
      `/checkout/${id}`,
      { embed: "1", pk: "pk_demo_store", origin: "https://SHOP.example" },
    ],
    ["a wildcard", `/checkout/${id}`, { embed: "1", pk: "pk_demo_store", origin: "*" }],
    [
      "a malformed session id",
      "/checkout/not-a-session",
      { embed: "1", pk: "pk_demo_store", origin: "https://shop.example" },
    ],
    ["no session id", "/checkout/", { embed: "1", pk: "pk_demo_store", origin: "https://a.b" }],
  ])("is invalid with %s", (_label, path, params) => {
    expect(embedRequestOf(path, query(params as Record<string, string>))).toBe("invalid");
  });
});
