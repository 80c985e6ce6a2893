import { describe, expect, it } from "vitest";
import { CARD_SCENARIOS } from "@/lib/domain/cards/test-cards";
import {
  applyCustomerEvent,
  type CustomerEvent,
  decideCharge,
  isAllowedReturnUrl,
  returnUrlWithReference,
  type SandboxChargeStatus,
} from "./charge-flow";

describe("decideCharge", () => {
  it.each([
    ["frictionless", "succeeded", "frictionless", "00"],
    ["no_three_ds", "succeeded", "none", "00"],
    ["challenge", "pending_challenge", "challenge", "challenge"],
    ["three_ds_failed", "failed", "frictionless", "3ds_failed"],
    ["declined", "declined", "frictionless", "05"],
    ["insufficient_funds", "declined", "frictionless", "51"],
  ] as const)("a %s card: %s, 3DS %s, code %s", (scenario, status, threeDs, code) => {
    for (const source of ["card_token", "saved_card"] as const)
      expect(decideCharge(source, scenario)).toMatchObject({ status, threeDs, code });
  });

  it("covers every scenario", () => {
    for (const scenario of CARD_SCENARIOS)
      expect(decideCharge("card_token", scenario).message.length).toBeGreaterThan(0);
  });

  it("sends a redirect to the gateway's page whatever else", () => {
    expect(decideCharge("redirect", null)).toMatchObject({
      status: "pending_redirect",
      threeDs: "none",
    });
  });

  it("approves Apple Pay without 3-D Secure", () => {
    expect(decideCharge("apple_pay", null)).toMatchObject({
      status: "succeeded",
      threeDs: "none",
      code: "00",
    });
  });
});

describe("applyCustomerEvent: every status x event", () => {
  const statuses: SandboxChargeStatus[] = [
    "pending_challenge",
    "pending_redirect",
    "succeeded",
    "declined",
    "failed",
  ];
  const events: CustomerEvent[] = [
    { kind: "acs_code", code: "123456" },
    { kind: "acs_code", code: "000000" },
    { kind: "acs_code", code: "999999" },
    { kind: "acs_code", code: "12345" },
    { kind: "acs_cancel" },
    { kind: "redirect_pay" },
    { kind: "redirect_decline" },
    { kind: "redirect_cancel" },
  ];
  const expected: Record<SandboxChargeStatus, (string | null)[]> = {
    // next status, or the refusal's reason
    pending_challenge: [
      "succeeded",
      "failed",
      "failed",
      "!invalid_code",
      "failed",
      "!wrong_page",
      "!wrong_page",
      "!wrong_page",
    ],
    pending_redirect: [
      "!wrong_page",
      "!wrong_page",
      "!wrong_page",
      "!wrong_page",
      "!wrong_page",
      "succeeded",
      "declined",
      "failed",
    ],
    succeeded: Array(8).fill("!finished"),
    declined: Array(8).fill("!finished"),
    failed: Array(8).fill("!finished"),
  };
  for (const status of statuses)
    events.forEach((event, index) => {
      it(`${status} + ${JSON.stringify(event)} -> ${expected[status][index]}`, () => {
        const result = applyCustomerEvent(status, event);
        expect(result.ok ? result.next.status : `!${result.reason}`).toBe(expected[status][index]);
      });
    });

  it("records that a challenge occurred, and the codes", () => {
    expect(applyCustomerEvent("pending_challenge", { kind: "acs_code", code: "123456" })).toEqual({
      ok: true,
      next: { status: "succeeded", threeDs: "challenge", code: "00", message: "Approved." },
    });
    expect(
      applyCustomerEvent("pending_challenge", { kind: "acs_code", code: "000000" }),
    ).toMatchObject({ ok: true, next: { threeDs: "challenge", code: "3ds_failed" } });
    expect(applyCustomerEvent("pending_challenge", { kind: "acs_cancel" })).toMatchObject({
      ok: true,
      next: { threeDs: "challenge", code: "3ds_canceled" },
    });
    expect(applyCustomerEvent("pending_redirect", { kind: "redirect_decline" })).toMatchObject({
      ok: true,
      next: { code: "05" },
    });
  });

  it.each(["", "12345a", "1234567", " 123456", "１２３４５６"])(
    "refuses the code %j as malformed",
    (code) =>
      expect(applyCustomerEvent("pending_challenge", { kind: "acs_code", code })).toMatchObject({
        ok: false,
        reason: "invalid_code",
      }),
  );
});

describe("isAllowedReturnUrl", () => {
  const app = "http://localhost:3000";
  it.each([
    "http://localhost:3000/checkout/abc/return",
    "http://localhost:3000/",
    "http://localhost:3000/x?y=1#z",
  ])("allows %s", (url) => expect(isAllowedReturnUrl(url, app)).toBe(true));

  it.each([
    "https://localhost:3000/x",
    "http://localhost:3001/x",
    "http://evil.example/x",
    "http://localhost:3000.evil.example/x",
    "http://user:pass@localhost:3000/x",
    "http://localhost:3000@evil.example/x",
    "//evil.example/x",
    "/relative",
    "javascript:alert(1)",
    "data:text/html,hi",
    "ftp://localhost:3000/x",
    "",
    "not a url",
  ])("refuses %s", (url) => expect(isAllowedReturnUrl(url, app)).toBe(false));

  it("refuses everything when the app's own origin is not a URL", () =>
    expect(isAllowedReturnUrl("http://localhost:3000/", "nonsense")).toBe(false));
});

describe("returnUrlWithReference", () => {
  it("adds or replaces the reference and keeps the rest", () => {
    expect(returnUrlWithReference("http://a.test/r?x=1", "SBX-1")).toBe(
      "http://a.test/r?x=1&reference=SBX-1",
    );
    expect(returnUrlWithReference("http://a.test/r?reference=forged", "SBX-1")).toBe(
      "http://a.test/r?reference=SBX-1",
    );
  });
});
