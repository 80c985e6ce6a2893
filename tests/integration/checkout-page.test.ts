import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as qrRoute from "@/app/(checkout)/c/[code]/qr/route";
import * as shortLinkRoute from "@/app/(checkout)/c/[code]/route";
import * as returnRoute from "@/app/(checkout)/checkout/[sessionId]/return/route";
import { submitSandboxPageAction } from "@/app/(sandbox-gateway)/sandbox-gateway/actions";
import * as attemptsRoute from "@/app/api/checkout/[sessionId]/attempts/route";
import * as savedCardRoute from "@/app/api/checkout/[sessionId]/saved-cards/[cardId]/route";
import { prisma } from "@/lib/db";
import { TEST_CARDS } from "@/lib/domain/cards/test-cards";
import { tokenizeCard } from "@/lib/gateways/sandbox-tokenize-client";
import { type CheckoutCaller, checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import { createCheckoutSession } from "@/lib/services/checkout/create-checkout-session";
import { endCheckoutSession } from "@/lib/services/checkout/end-checkout-session";
import { CreateCheckoutSchema } from "@/lib/validation/checkout";
import { principalOf, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { startSandboxCardGateway } from "./sandbox-gateway-server";

/*
 * The hosted page's server side (issue 8) on the real database, with the sandbox gateway behind a
 * real loopback HTTP server: the public attempts route (every method, the limits, hostile input,
 * card data refused), the return route (the gateway is asked; the query string is not trusted),
 * saved-card deletion, and the short link and its QR code.
 */

let m: TestMerchant;
let caller: CheckoutCaller;
let server: Awaited<ReturnType<typeof startSandboxCardGateway>>;
const NEXT_YEAR = new Date().getUTCFullYear() + 1;
const cardOf = (scenario: string) => TEST_CARDS.find((c) => c.scenario === scenario)?.number ?? "";

beforeAll(async () => {
  server = await startSandboxCardGateway();
});
afterAll(async () => {
  await server.close();
  await prisma.$disconnect();
});
beforeEach(async () => {
  await resetDatabase();
  process.env.SANDBOX_MODE = "true";
  m = await seedMerchant("Page Merchant");
  caller = checkoutCallerOf({ ...principalOf(m, "admin"), via: "api_key" });
});

async function session(overrides: Record<string, unknown> = {}): Promise<string> {
  const input = CreateCheckoutSchema.parse({
    type: "e_commerce",
    amount: "12.500",
    currency_code: "KWD",
    pg_codes: ["knet"],
    ...overrides,
  });
  return (await createCheckoutSession(caller, input)).id;
}

async function token(number: string): Promise<string> {
  const outcome = await tokenizeCard(
    { number, expMonth: 12, expYear: NEXT_YEAR, cvc: "739", holder: "Sara Customer" },
    { baseUrl: server.url },
  );
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.card.token;
}

const params = (sessionId: string) => ({ params: Promise.resolve({ sessionId }) });

function post(sessionId: string, body: unknown, init: RequestInit = {}) {
  return attemptsRoute.POST(
    new Request(`http://test/api/checkout/${encodeURIComponent(sessionId)}/attempts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
      ...init,
    }),
    params(sessionId),
  );
}

function returnTo(sessionId: string, query: string) {
  return returnRoute.GET(
    new Request(`http://test/checkout/${sessionId}/return?${query}`),
    params(sessionId),
  );
}

async function state(sessionId: string) {
  const row = await prisma.paymentTransaction.findUniqueOrThrow({
    where: { id: sessionId },
    select: { state: true },
  });
  return row.state;
}

async function counts() {
  const [row] = await prisma.$queryRaw<{ attempts: number; audits: number; cards: number }[]>`
    SELECT (SELECT count(*)::int FROM checkout_attempt) AS attempts,
           (SELECT count(*)::int FROM audit_event) AS audits,
           (SELECT count(*)::int FROM saved_card WHERE deleted_at IS NULL) AS cards`;
  return row;
}

/** Answers the sandbox's ACS or payment page as the customer's browser does. */
async function answerPage(reference: string, kind: string, code?: string) {
  const form = new FormData();
  form.set("reference", reference);
  form.set("kind", kind);
  if (code !== undefined) form.set("code", code);
  try {
    await submitSandboxPageAction({ error: null, fieldError: null }, form);
  } catch (error) {
    if (!String((error as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT"))
      throw error;
  }
}

async function referenceOf(sessionId: string) {
  const attempt = await prisma.checkoutAttempt.findFirstOrThrow({
    where: { sessionId },
    orderBy: { seq: "desc" },
    select: { id: true, gatewayReference: true },
  });
  return { attemptId: attempt.id, reference: attempt.gatewayReference ?? "" };
}

describe("POST /api/checkout/{id}/attempts", () => {
  it("a card token pays; success answers the receipt (no redirect_url) or the merchant's URL", async () => {
    const id = await session();
    const response = await post(id, {
      pg_code: "knet",
      method: "card",
      token: await token(cardOf("frictionless")),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      outcome: "success",
      state: "paid",
      session_id: id,
      redirect_url: null,
    });
    expect(await state(id)).toBe("paid");

    const withUrl = await session({ redirect_url: "https://shop.example/done?cart=7" });
    const paid = await post(withUrl, {
      pg_code: "knet",
      method: "card",
      token: await token(cardOf("no_three_ds")),
    });
    const body = await paid.json();
    const url = new URL(body.redirect_url);
    expect(url.origin + url.pathname).toBe("https://shop.example/done");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      cart: "7",
      session_id: withUrl,
      state: "paid",
    });
    expect(url.searchParams.get("order_no")).toMatch(/^CS-/);
  });

  it("a declined card is a form error with the attempts left; the fifth failure ends the session", async () => {
    const id = await session();
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await post(id, {
        pg_code: "knet",
        method: "card",
        token: await token(cardOf(attempt === 1 ? "insufficient_funds" : "declined")),
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({
        outcome: "form_error",
        state: "attempted",
        reason: attempt === 1 ? "insufficient_funds" : "declined",
        attempts_left: 5 - attempt,
      });
    }
    const last = await post(id, {
      pg_code: "knet",
      method: "card",
      token: await token(cardOf("three_ds_failed")),
    });
    expect(await last.json()).toMatchObject({
      outcome: "error",
      state: "failed",
      reason: "three_ds_failed",
    });
    // The attempts limit is the session's rate limit: nothing more reaches the gateway.
    const before = await counts();
    const refused = await post(id, { pg_code: "knet", method: "redirect" });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toBe("No attempts are left for this payment.");
    expect(await counts()).toEqual(before);
  });

  it("one attempt at a time: a second while one is under way is a 409", async () => {
    const id = await session();
    const [a, b] = await Promise.all([
      post(id, { pg_code: "knet", method: "redirect" }),
      post(id, { pg_code: "knet", method: "redirect" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const first = a.status === 201 ? a : b;
    expect(await first.json()).toMatchObject({
      outcome: "action_required",
      url: expect.stringMatching(/\/sandbox-gateway\/pay\/SBXC-/),
    });
    expect(await prisma.checkoutAttempt.count({ where: { sessionId: id } })).toBe(1);
  });

  it("refuses a body carrying a card number or security code (400) and writes nothing", async () => {
    const id = await session();
    const before = await counts();
    const goodToken = await token(cardOf("frictionless"));
    for (const extra of [
      { number: "4242424242424242" },
      { cvc: "123" },
      { card_number: "4242424242424242" },
      { cvv: "123" },
      { pan: "4242424242424242", cvc: "123" },
    ]) {
      const response = await post(id, {
        pg_code: "knet",
        method: "card",
        token: goodToken,
        ...extra,
      });
      expect(response.status, JSON.stringify(extra)).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe("validation_error");
      expect(body.error.message).toContain("never sent here");
      // The refusal does not echo the card data back.
      expect(JSON.stringify(body)).not.toContain("4242424242424242");
    }
    expect(await counts()).toEqual(before);
    expect(await state(id)).toBe("created");
  });

  it("hostile input: 4xx in the one error shape, nothing written", async () => {
    const id = await session();
    const before = await counts();
    const cases: [string, () => Promise<Response>, number][] = [
      ["NUL in pg_code", () => post(id, { pg_code: "kn\u0000et", method: "redirect" }), 400],
      [
        "NUL in token",
        () => post(id, { pg_code: "knet", method: "card", token: "tok\u0000" }),
        400,
      ],
      ["NUL in path", () => post(`${id}\u0000`, { pg_code: "knet", method: "redirect" }), 400],
      ["unknown method", () => post(id, { pg_code: "knet", method: "cash" }), 400],
      [
        "unknown field",
        () => post(id, { pg_code: "knet", method: "redirect", amount: "0.001" }),
        400,
      ],
      [
        "bad saved card id",
        () => post(id, { pg_code: "knet", method: "saved_card", saved_card_id: "1" }),
        400,
      ],
      [
        "save_card not boolean",
        () => post(id, { pg_code: "knet", method: "card", save_card: "yes" }),
        400,
      ],
      ["array body", () => post(id, [1, 2]), 400],
      ["null body", () => post(id, "null"), 400],
      ["malformed JSON", () => post(id, "{"), 400],
      [
        "wrong media type",
        () => post(id, "{}", { headers: { "content-type": "text/plain" } }),
        415,
      ],
      [
        "huge body",
        () => post(id, { pg_code: "knet", method: "card", token: "x".repeat(9000) }),
        413,
      ],
      ["unknown gateway", () => post(id, { pg_code: "nope", method: "redirect" }), 400],
      [
        "other currency's gateway",
        () => post(id, { pg_code: "WireCard8", method: "redirect" }),
        400,
      ],
      ["card without token", () => post(id, { pg_code: "knet", method: "card" }), 400],
      [
        "forged token",
        () => post(id, { pg_code: "knet", method: "card", token: `tok_sbx_${"0".repeat(32)}` }),
        201,
      ],
      [
        "malformed session id",
        () => post("not-a-uuid", { pg_code: "knet", method: "redirect" }),
        404,
      ],
      ["unknown session", () => post(randomUUID(), { pg_code: "knet", method: "redirect" }), 404],
    ];
    for (const [name, send, status] of cases) {
      const response = await send();
      expect(response.status, name).toBe(status);
      const body = await response.json();
      if (status !== 201) expect(body.error.code, name).toEqual(expect.any(String));
      else expect(body.outcome, name).not.toBe("success");
    }
    // Only the forged token made an attempt (refused by the gateway), no other request wrote.
    const after = await counts();
    expect(after.attempts - before.attempts).toBe(1);
    expect(await state(id)).not.toBe("paid");

    const wrongMethod = await attemptsRoute.GET(
      new Request(`http://test/api/checkout/${id}/attempts`),
    );
    expect(wrongMethod.status).toBe(405);
    expect((await wrongMethod.json()).error.code).toBe("method_not_allowed");
  });

  it("a canceled or expired session is a 409 with what to do", async () => {
    const canceled = await session();
    await endCheckoutSession(caller, canceled, "canceled", "merchant");
    const response = await post(canceled, { pg_code: "knet", method: "redirect" });
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatchObject({
      code: "request_canceled",
      message: "This payment was canceled by the merchant.",
    });

    const expired = await session();
    await prisma.checkoutSession.update({
      where: { id: expired },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const late = await post(expired, { pg_code: "knet", method: "redirect" });
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe("request_expired");
    expect(await prisma.checkoutAttempt.count()).toBe(0);
  });
});

describe("GET /checkout/{id}/return", () => {
  it("asks the gateway: before the customer acted nothing changes; a forged query changes nothing", async () => {
    const id = await session();
    await post(id, { pg_code: "knet", method: "redirect" });
    const { attemptId, reference } = await referenceOf(id);
    const audits = (await counts()).audits;

    for (const query of [
      `attempt=${attemptId}`,
      `attempt=${attemptId}&reference=${reference}&status=succeeded&state=paid`,
      `attempt=${attemptId}&reference=SBXC-0000000000000000&outcome=succeeded`,
    ]) {
      const response = await returnTo(id, query);
      expect(response.status, query).toBe(303);
      // Still at the gateway's page: the browser goes back there.
      expect(response.headers.get("location"), query).toContain(
        `/sandbox-gateway/pay/${reference}`,
      );
    }
    expect(await state(id)).toBe("pending");
    expect((await counts()).audits).toBe(audits);

    // Another session's attempt, an unknown or malformed one: back to the page, nothing read.
    const other = await session();
    for (const query of [`attempt=${randomUUID()}`, "attempt=nope"]) {
      const response = await returnTo(other, query);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toMatch(new RegExp(`/checkout/${other}$`));
    }
    const crossed = await returnTo(other, `attempt=${attemptId}`);
    expect(crossed.headers.get("location")).toMatch(new RegExp(`/checkout/${other}$`));
    expect(await state(id)).toBe("pending");
    expect(await state(other)).toBe("created");

    const nul = await returnTo(id, "attempt=%00");
    expect(nul.status).toBe(400);
    const post405 = await returnRoute.POST(new Request(`http://test/checkout/${id}/return`));
    expect(post405.status).toBe(405);
  });

  it("after the gateway's page paid: the session is paid and the browser goes to the receipt", async () => {
    const id = await session();
    await post(id, { pg_code: "knet", method: "redirect" });
    const { attemptId, reference } = await referenceOf(id);
    await answerPage(reference, "redirect_pay");
    const response = await returnTo(id, `attempt=${attemptId}`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`http://test/checkout/${id}`);
    expect(await state(id)).toBe("paid");
    // Coming back again changes nothing and lands on the receipt again.
    const audits = (await counts()).audits;
    const again = await returnTo(id, `attempt=${attemptId}`);
    expect(again.headers.get("location")).toBe(`http://test/checkout/${id}`);
    expect((await counts()).audits).toBe(audits);
  });

  it("3-D Secure challenge: a wrong code fails (the page says why), the right one pays with redirect_url", async () => {
    const id = await session({ redirect_url: "https://shop.example/back" });
    const first = await post(id, {
      pg_code: "knet",
      method: "card",
      token: await token(cardOf("challenge")),
    });
    expect(await first.json()).toMatchObject({
      outcome: "action_required",
      url: expect.stringMatching(/\/sandbox-gateway\/acs\/SBXC-/),
    });
    const failed = await referenceOf(id);
    await answerPage(failed.reference, "acs_code", "000000");
    const back = await returnTo(id, `attempt=${failed.attemptId}`);
    expect(back.headers.get("location")).toBe(
      `http://test/checkout/${id}?attempt=${failed.attemptId}`,
    );
    expect(await state(id)).toBe("attempted");
    const attempt = await prisma.checkoutAttempt.findUniqueOrThrow({
      where: { id: failed.attemptId },
    });
    expect(attempt).toMatchObject({ state: "failed", threeDs: "challenge", code: "3ds_failed" });

    await post(id, { pg_code: "knet", method: "card", token: await token(cardOf("challenge")) });
    const passed = await referenceOf(id);
    await answerPage(passed.reference, "acs_code", "123456");
    const done = await returnTo(id, `attempt=${passed.attemptId}`);
    const url = new URL(done.headers.get("location") ?? "");
    expect(url.origin + url.pathname).toBe("https://shop.example/back");
    expect(url.searchParams.get("state")).toBe("paid");
    expect(url.searchParams.get("session_id")).toBe(id);
    // The browser may come back twice (a server action's redirect is fetched, then followed):
    // the second return still goes to the merchant, and changes nothing.
    const audits = (await counts()).audits;
    const again = await returnTo(id, `attempt=${passed.attemptId}`);
    expect(again.headers.get("location")).toBe(done.headers.get("location"));
    expect((await counts()).audits).toBe(audits);
  });
});

describe("saved cards", () => {
  it("a card saved on payment is offered to the same customer, paid with, and deleted once", async () => {
    const first = await session({ customer_id: "cust-7" });
    await post(first, {
      pg_code: "knet",
      method: "card",
      token: await token(cardOf("frictionless")),
      save_card: true,
    });
    const saved = await prisma.savedCard.findFirstOrThrow({ where: { deletedAt: null } });
    expect(saved).toMatchObject({ brand: "visa", last4: "4242" });

    const second = await session({ customer_id: "cust-7" });
    const paid = await post(second, {
      pg_code: "knet",
      method: "saved_card",
      saved_card_id: saved.id,
    });
    expect(await paid.json()).toMatchObject({ outcome: "success", state: "paid" });

    const stranger = await session({ customer_id: "cust-8" });
    const third = await session({ customer_id: "cust-7" });
    const del = (sessionId: string, cardId: string) =>
      savedCardRoute.DELETE(
        new Request(`http://test/api/checkout/${sessionId}/saved-cards/${cardId}`, {
          method: "DELETE",
        }),
        { params: Promise.resolve({ sessionId, cardId }) },
      );
    // Another customer's session, a paid session, a malformed id: refused, nothing changed.
    expect((await del(stranger, saved.id)).status).toBe(404);
    expect((await del(second, saved.id)).status).toBe(409);
    expect((await del(third, "nope")).status).toBe(404);
    expect((await del(third, "x\u0000")).status).toBe(400);
    expect((await counts()).cards).toBe(1);
    // A stranger cannot pay with it either.
    const stolen = await post(stranger, {
      pg_code: "knet",
      method: "saved_card",
      saved_card_id: saved.id,
    });
    expect(stolen.status).toBe(400);

    expect((await del(third, saved.id)).status).toBe(204);
    expect((await del(third, saved.id)).status).toBe(404);
    expect((await counts()).cards).toBe(0);
    const audit = await prisma.auditEvent.findFirst({
      where: { entityId: saved.id, action: "saved_card.deleted" },
    });
    expect(audit).not.toBeNull();
    const wrong = await savedCardRoute.POST(
      new Request(`http://test/api/checkout/${third}/saved-cards/${saved.id}`, { method: "POST" }),
    );
    expect(wrong.status).toBe(405);
  });
});

describe("short link and QR code", () => {
  it("/c/{code} redirects to the page; /qr is the SVG of the checkout URL; unknown codes 404", async () => {
    const id = await session();
    const { shortCode } = await prisma.checkoutSession.findUniqueOrThrow({
      where: { id },
      select: { shortCode: true },
    });
    const codeParams = (code: string) => ({ params: Promise.resolve({ code }) });
    const redirect = await shortLinkRoute.GET(
      new Request(`http://test/c/${shortCode}`),
      codeParams(shortCode),
    );
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe(`http://test/checkout/${id}`);
    const qr = await qrRoute.GET(
      new Request(`http://test/c/${shortCode}/qr`),
      codeParams(shortCode),
    );
    expect(qr.status).toBe(200);
    expect(qr.headers.get("content-type")).toContain("image/svg+xml");
    expect(await qr.text()).toMatch(/^<svg [^>]*viewBox/);
    for (const code of ["abcdefghjk", "0000000000", "x\u0000", "../../etc"]) {
      const missing = await shortLinkRoute.GET(new Request("http://test/c/x"), codeParams(code));
      expect([400, 404], code).toContain(missing.status);
      const missingQr = await qrRoute.GET(new Request("http://test/c/x/qr"), codeParams(code));
      expect([400, 404], code).toContain(missingQr.status);
    }
    expect(
      (await shortLinkRoute.POST(new Request(`http://test/c/${shortCode}`, { method: "POST" })))
        .status,
    ).toBe(405);
  });
});
