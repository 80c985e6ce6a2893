import { describe, expect, it } from "vitest";
import { HOME_PATH, safeCallbackPath } from "./safe-callback-url";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it.each([
    ["/transactions", "/transactions"],
    ["/tickets/operation-requests?state=pending", "/tickets/operation-requests?state=pending"],
    [
      "/tickets/operation-requests?state=pending&pg=knet#row-3",
      "/tickets/operation-requests?state=pending&pg=knet#row-3",
    ],
    ["/", "/"],
    ["/a%20b?q=%2F%2Fevil", "/a%20b?q=%2F%2Fevil"],
    // An absolute URL on the same origin (next-auth builds these) keeps its path.
    ["http://localhost:3000/transactions?state=paid", "/transactions?state=paid"],
    // Relative paths resolve against the origin's root.
    ["transactions", "/transactions"],
    ["/../transactions", "/transactions"],
    // Same scheme without slashes is a relative path to browsers too, not a host.
    ["http:evil.example", "/evil.example"],
  ])("keeps the same-origin path %j", (value, expected) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe(expected);
  });

  it.each([
    // Another host, written every way a browser accepts.
    "//evil.example",
    "///evil.example",
    "https://evil.example",
    "http://evil.example/transactions",
    "HTTPS://evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%5Cevil.example".replace("%5C", "\\"),
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "https:/evil.example",
    "//localhost:3000@evil.example",
    "http://localhost:3000@evil.example/",
    "http://localhost:3001/transactions",
    "https://localhost:3000/transactions",
    "http://localhost.evil.example/",
    // Other schemes.
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "mailto:a@evil.example",
  ])("sends %j home", (value) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe(HOME_PATH);
  });

  it.each([
    // As the login page receives them after the query string is decoded once.
    decodeURIComponent("/%5Cevil.example"),
    decodeURIComponent("/%09/evil.example"),
    decodeURIComponent("/%0A/evil.example"),
    decodeURIComponent("%2F%2Fevil.example"),
    decodeURIComponent("https%3A%2F%2Fevil.example"),
  ])("sends the decoded %j home", (value) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe(HOME_PATH);
  });

  it("keeps still-encoded separators inside the path, where browsers do not decode them", () => {
    // `/%2F%2Fevil.example` is one path segment on this origin, not a host.
    expect(safeCallbackPath("/%2F%2Fevil.example", ORIGIN)).toBe("/%2F%2Fevil.example");
    expect(safeCallbackPath("/%5Cevil.example", ORIGIN)).toBe("/%5Cevil.example");
    for (const path of ["/%2F%2Fevil.example", "/%5Cevil.example"]) {
      expect(new URL(safeCallbackPath(path, ORIGIN), ORIGIN).origin).toBe(ORIGIN);
    }
  });

  it.each([undefined, null, "", 42, ["/transactions"], { href: "/" }, `/${"a".repeat(3000)}`])(
    "sends a missing, empty, non-text or oversized value home: %j",
    (value) => {
      expect(safeCallbackPath(value, ORIGIN)).toBe(HOME_PATH);
    },
  );

  it("never returns something a browser would resolve to another origin", () => {
    const nasty = ["/", "\\", "/\t", "/.", "evil.example", "%5C", "\n", "//", "@", ":", "https:"];
    for (const a of nasty)
      for (const b of nasty)
        for (const c of nasty) {
          const result = safeCallbackPath(a + b + c, ORIGIN);
          expect(result.startsWith("/")).toBe(true);
          expect(new URL(result, ORIGIN).origin, JSON.stringify(a + b + c)).toBe(ORIGIN);
        }
  });
});
