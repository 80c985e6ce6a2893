import { describe, expect, it } from "vitest";
import { signInPathFor } from "./requested-path";

describe("signInPathFor", () => {
  it("comes back to the requested page with its query", () => {
    expect(signInPathFor("/tickets/operation-requests?state=pending&pg=knet")).toBe(
      "/login?callbackUrl=%2Ftickets%2Foperation-requests%3Fstate%3Dpending%26pg%3Dknet",
    );
  });

  it.each([
    null,
    "",
    "/",
    "/login",
    "/login?callbackUrl=%2Fx",
    "//evil.example",
    "/\\evil.example",
  ])("is the bare sign-in page for %j", (path) => {
    expect(signInPathFor(path)).toBe("/login");
  });
});
