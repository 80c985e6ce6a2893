import { describe, expect, it } from "vitest";
import { lostQueryParameter, malformedPathReason } from "./malformed-path";

describe("malformedPathReason", () => {
  it.each([
    "/api/v1/transactions/%E0%A4%A",
    "/api/v1/transactions/%ZZ",
    "/transactions/%",
    "/api/v1/transactions/%C3",
    "/a/%E0%A4%A/b",
  ])("refuses the malformed escape in %s", (path) => {
    expect(malformedPathReason(path)).toMatch(/malformed percent-encoded/);
  });

  it.each(["/api/v1/transactions/a%00b", "/x/%7F", "/x/%0A"])(
    "refuses the control character in %s",
    (path) => {
      expect(malformedPathReason(path)).toMatch(/control characters/);
    },
  );

  it.each([
    "/",
    "/api/v1/transactions/4ef643f5-dc3e-4315-a9e3-d28ccfb8d4ea",
    "/api/sandbox-gateway/Wire%20Card/refund",
    "/tickets/%E0%A4%A4",
    "/api/auth/callback/credentials",
  ])("lets %s through", (path) => {
    expect(malformedPathReason(path)).toBeNull();
  });
});

describe("lostQueryParameter", () => {
  it.each([
    "?__proto__=x",
    "?a=1&__proto__",
    "?%5F%5Fproto%5F%5F=x",
    "?__proto__[a]=1&__proto__=2",
  ])("names __proto__ in %s", (search) => {
    expect(lostQueryParameter(search)).toBe("__proto__");
  });

  it.each(["", "?", "?proto=x", "?constructor=x", "?q=__proto__"])("lets %j through", (search) => {
    expect(lostQueryParameter(search)).toBeNull();
  });
});
