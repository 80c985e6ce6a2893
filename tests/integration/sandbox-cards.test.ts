import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { submitSandboxPageAction } from "@/app/(sandbox-gateway)/sandbox-gateway/actions";
import * as captureRoute from "@/app/api/sandbox-gateway/[code]/capture/route";
import * as chargeRoute from "@/app/api/sandbox-gateway/[code]/charge/route";
import * as chargesRoute from "@/app/api/sandbox-gateway/[code]/charges/[reference]/route";
import * as tokenizeRoute from "@/app/api/sandbox-gateway/tokenize/route";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { TEST_CARDS } from "@/lib/domain/cards/test-cards";
import { checkoutGatewayFor } from "@/lib/gateways";
import type { ChargeInput, ChargeResult } from "@/lib/gateways/port";
import { tokenizeCard } from "@/lib/gateways/sandbox-tokenize-client";
import { resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { rowCounts } from "./refusals";
import { startSandboxCardGateway } from "./sandbox-gateway-server";

/*
 * The sandbox gateway's card side (issue 8) end to end on the real database: the browser's
 * tokenize call, the checkout adapter over real loopback HTTP against the route handlers, the
 * customer's answers on the ACS and payment pages (through their server action), capture, and
 * hostile input on every new endpoint.
 */

let m: TestMerchant;
let server: Awaited<ReturnType<typeof startSandboxCardGateway>>;
const gateway = () => checkoutGatewayFor("knet");
const appUrl = () => config().appUrl;
const returnUrl = () => `${appUrl()}/sandbox-gateway/return`;
const NEXT_YEAR = new Date().getUTCFullYear() + 1;
const CVC = "7391";

beforeAll(async () => {
  server = await startSandboxCardGateway();
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  await resetDatabase();
  process.env.SANDBOX_MODE = "true";
  m = await seedMerchant("Cards Merchant");
});

/** Tokenizes through the browser client against the real route over HTTP. */
async function tokenFor(number: string, cvc = number.startsWith("3") ? CVC : "739") {
  const outcome = await tokenizeCard(
    { number, expMonth: 12, expYear: NEXT_YEAR, cvc, holder: "Ada Lovelace" },
    { baseUrl: server.url },
  );
  if (!outcome.ok) throw new Error(`tokenize failed: ${outcome.message}`);
  return outcome.card;
}

function chargeInput(overrides: Partial<ChargeInput> = {}): ChargeInput {
  return {
    merchantId: m.merchant.id,
    gatewayCode: "knet",
    paymentId: randomUUID(),
    attemptId: randomUUID(),
    amount: "10.000",
    currency: "KWD",
    capture: true,
    source: { kind: "redirect" },
    returnUrl: returnUrl(),
    ...overrides,
  };
}

async function chargeCard(number: string, overrides: Partial<ChargeInput> = {}) {
  const card = await tokenFor(number);
  return gateway().charge(
    chargeInput({ source: { kind: "card_token", token: card.token }, ...overrides }),
  );
}

/** Submits the ACS or payment page's form as the browser does; the redirect's target or the state. */
async function submitPage(reference: string, kind: string, code?: string) {
  const form = new FormData();
  form.set("reference", reference);
  form.set("kind", kind);
  if (code !== undefined) form.set("code", code);
  try {
    const state = await submitSandboxPageAction({ error: null, fieldError: null }, form);
    return { redirectTo: null, state };
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? "");
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { redirectTo: digest.split(";")[2], state: null };
  }
}

function referenceOf(result: ChargeResult): string {
  if (!("reference" in result) || !result.reference) throw new Error(JSON.stringify(result));
  return result.reference;
}

/** Rows in every table, so "nothing was written" covers every table. */
describe("tokenize", () => {
  it("answers a token, brand, last 4 and expiry, and keeps neither number nor code", async () => {
    const card = await tokenFor("4000 0000 0000 3220", "739");
    expect(card).toEqual({
      token: expect.stringMatching(/^tok_sbx_[0-9a-f]{32}$/),
      brand: "visa",
      last4: "3220",
      expMonth: 12,
      expYear: NEXT_YEAR,
    });
    const row = await prisma.sandboxCardToken.findUniqueOrThrow({ where: { token: card.token } });
    expect(row).toMatchObject({
      brand: "visa",
      last4: "3220",
      scenario: "challenge",
      holder: "Ada Lovelace",
    });
  });

  it("no text or JSON column of any table holds a number or a code after tokenizing and charging", async () => {
    const numbers = TEST_CARDS.map((card) => card.number);
    for (const number of numbers) {
      const card = await tokenFor(number, number.startsWith("3") ? CVC : "739");
      await gateway().charge(chargeInput({ source: { kind: "card_token", token: card.token } }));
    }
    // A refused card too: its number must not land anywhere either.
    await tokenizeCard(
      { number: "4000000000003221", expMonth: 12, expYear: NEXT_YEAR, cvc: "739", holder: "X" },
      { baseUrl: server.url, now: new Date(2000, 0, 1) },
    );
    const columns = await prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public'
         AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')`;
    expect(columns.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      for (const secret of [...numbers, "4000000000003221"]) {
        const [hit] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT count(*) AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE $1 OR "${column_name}"::text LIKE $2`,
          `%${secret}%`,
          `%${secret.replace(/(\d{4})(?=\d)/g, "$1 ")}%`,
        );
        if (Number(hit.n) > 0) found.push(`${table_name}.${column_name} holds ${secret}`);
      }
      for (const code of [CVC, "739"]) {
        const [hit] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT count(*) AS n FROM "${table_name}" WHERE "${column_name}"::text ~ $1`,
          `(^|[^0-9A-Za-z])${code}([^0-9A-Za-z]|$)`,
        );
        if (Number(hit.n) > 0) found.push(`${table_name}.${column_name} holds ${code}`);
      }
    }
    expect(found).toEqual([]);
    // The scan itself can fail: a number written on purpose is found.
    await prisma.sandboxCardToken.updateMany({ data: { holder: `x ${numbers[0]}` } });
    const [planted] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "sandbox_card_token" WHERE "holder"::text LIKE $1`,
      `%${numbers[0]}%`,
    );
    expect(Number(planted.n)).toBeGreaterThan(0);
  });

  it.each([
    ["number", { number: "4242424242424241" }],
    ["number", { number: "4242-4242-4242-4242" }],
    ["expMonth", { expMonth: 13 }],
    ["expYear", { expYear: 2001 }],
    ["expYear", { expYear: NEXT_YEAR + 25 }],
    ["cvc", { cvc: "12" }],
    ["cvc", { number: "378282246310005", cvc: "123" }],
    ["holder", { holder: "  " }],
  ])("refuses a bad %s with a 400 naming the field, and writes nothing", async (field, change) => {
    const before = await rowCounts();
    const response = await tokenizeRoute.POST(
      tokenizeRequest({
        number: "4242424242424242",
        expMonth: 12,
        expYear: NEXT_YEAR,
        cvc: "123",
        holder: "Ada",
        ...change,
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("validation_error");
    expect(body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    expect(JSON.stringify(body)).not.toContain("4242424242424241");
    expect(await rowCounts()).toEqual(before);
  });

  it("the browser client reports the server's field errors beside the fields", async () => {
    // A card the browser check passes (its clock says 2000) but the gateway refuses as expired.
    const outcome = await tokenizeCard(
      { number: "4242424242424242", expMonth: 1, expYear: 2001, cvc: "123", holder: "Ada" },
      { baseUrl: server.url, now: new Date("2000-06-01T00:00:00Z") },
    );
    expect(outcome).toMatchObject({ ok: false, fieldErrors: { expYear: "The card has expired." } });
  });

  it("allows the app's own origin (CORS) and refuses any other, preflight included", async () => {
    const origin = new URL(appUrl()).origin;
    const own = await tokenizeRoute.POST(tokenizeRequest(validCard(), { origin }), {
      params: Promise.resolve({}),
    });
    expect(own.status).toBe(201);
    expect(own.headers.get("access-control-allow-origin")).toBe(origin);
    expect(own.headers.get("vary")).toContain("Origin");

    const before = await rowCounts();
    for (const foreign of ["https://evil.example", "null", `${origin}.evil.example`]) {
      const refused = await tokenizeRoute.POST(tokenizeRequest(validCard(), { origin: foreign }), {
        params: Promise.resolve({}),
      });
      expect([foreign, refused.status]).toEqual([foreign, 403]);
      expect(refused.headers.get("access-control-allow-origin")).toBeNull();
      const preflight = await tokenizeRoute.OPTIONS(
        new Request("http://test/api/sandbox-gateway/tokenize", {
          method: "OPTIONS",
          headers: { origin: foreign, "access-control-request-method": "POST" },
        }),
        { params: Promise.resolve({}) },
      );
      expect(preflight.status).toBe(403);
    }
    expect(await rowCounts()).toEqual(before);

    const preflight = await tokenizeRoute.OPTIONS(
      new Request("http://test/api/sandbox-gateway/tokenize", {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      }),
      { params: Promise.resolve({}) },
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("content-type");
  });
});

function validCard() {
  return {
    number: "4242424242424242",
    expMonth: 12,
    expYear: NEXT_YEAR,
    cvc: "123",
    holder: "Ada",
  };
}

function tokenizeRequest(body: unknown, headers: Record<string, string> = {}) {
  return new Request("http://test/api/sandbox-gateway/tokenize", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("charge by card scenario, through the adapter over HTTP", () => {
  it.each([
    ["4242424242424242", "frictionless"],
    ["5555555555554444", "frictionless"],
    ["2223003122003222", "frictionless"],
    ["378282246310005", "frictionless"],
    ["4111111111111111", "frictionless"],
    ["4000000000000077", "none"],
  ])("%s succeeds (3DS %s) and names the card", async (number, threeDs) => {
    const result = await chargeCard(number);
    expect(result).toMatchObject({
      outcome: "succeeded",
      captured: true,
      code: "00",
      threeDs,
      card: { last4: number.slice(-4), expMonth: 12, expYear: NEXT_YEAR },
    });
  });

  it.each([
    ["4000000000000002", "05", "frictionless"],
    ["4000000000009995", "51", "frictionless"],
    ["4000008400001629", "3ds_failed", "frictionless"],
  ])("%s is declined with %s", async (number, code, threeDs) => {
    const result = await chargeCard(number);
    expect(result).toMatchObject({ outcome: "declined", code, threeDs });
    // The outcome stays what it was when asked again.
    expect(
      await gateway().getCharge({
        merchantId: m.merchant.id,
        gatewayCode: "knet",
        reference: referenceOf(result),
      }),
    ).toEqual(result);
  });

  it("a challenge card needs the ACS page", async () => {
    const result = await chargeCard("4000000000003220");
    expect(result).toEqual({
      outcome: "action_required",
      action: "challenge",
      url: `${appUrl()}/sandbox-gateway/acs/${referenceOf(result)}`,
      reference: referenceOf(result),
    });
  });

  it("a saved card charges by its token's scenario", async () => {
    const card = await tokenFor("4000000000009995");
    const result = await gateway().charge(
      chargeInput({ source: { kind: "saved_card", token: card.token } }),
    );
    expect(result).toMatchObject({ outcome: "declined", code: "51" });
    const good = await tokenFor("4242424242424242");
    expect(
      await gateway().charge(chargeInput({ source: { kind: "saved_card", token: good.token } })),
    ).toMatchObject({ outcome: "succeeded", card: { token: good.token } });
  });

  it("Apple Pay succeeds without 3-D Secure; an authorization is not captured", async () => {
    expect(
      await gateway().charge(
        chargeInput({ source: { kind: "apple_pay", token: "opaque-payment-data" } }),
      ),
    ).toMatchObject({ outcome: "succeeded", threeDs: "none", card: null, captured: true });
    expect(
      await gateway().charge(
        chargeInput({ capture: false, source: { kind: "apple_pay", token: "opaque" } }),
      ),
    ).toMatchObject({ outcome: "succeeded", captured: false });
  });

  it("an unknown card token is a 400, nothing written", async () => {
    const before = await rowCounts();
    const result = await gateway().charge(
      chargeInput({ source: { kind: "card_token", token: `tok_sbx_${"0".repeat(32)}` } }),
    );
    expect(result).toMatchObject({ outcome: "error", code: "validation_error" });
    expect(await rowCounts()).toEqual(before);
  });

  it("a gateway of another currency or merchant, or a zero or over-precise amount, is refused", async () => {
    const other = await seedMerchant("Other");
    const before = await rowCounts();
    for (const input of [
      chargeInput({ currency: "USD" }),
      chargeInput({ gatewayCode: "WireCard8" }),
      chargeInput({ merchantId: other.merchant.id, gatewayCode: "nope" }),
      chargeInput({ amount: "0.000" }),
      chargeInput({ amount: "1.0001" }),
    ]) {
      const result = await gateway().charge(input);
      expect(result.outcome, JSON.stringify(input)).toBe("error");
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe("one charge per attempt id", () => {
  it("a repeat answers the same charge; parallel repeats make one row", async () => {
    const card = await tokenFor("4242424242424242");
    const input = chargeInput({ source: { kind: "card_token", token: card.token } });
    const results = await Promise.all(Array.from({ length: 6 }, () => gateway().charge(input)));
    const references = new Set(results.map(referenceOf));
    expect(references.size).toBe(1);
    expect(await prisma.sandboxCharge.count({ where: { attemptId: input.attemptId } })).toBe(1);
    expect(await gateway().charge(input)).toEqual(results[0]);
  });

  it("the same attempt id for a different charge is a conflict, and changes nothing", async () => {
    const input = chargeInput();
    const first = await gateway().charge(input);
    const before = await rowCounts();
    for (const change of [{ amount: "11.000" }, { paymentId: randomUUID() }, { capture: false }]) {
      expect(await gateway().charge({ ...input, ...change })).toMatchObject({
        outcome: "error",
        code: "conflict",
      });
    }
    expect(await rowCounts()).toEqual(before);
    expect(await gateway().charge(input)).toEqual(first);
  });

  it("the same amount written differently is the same charge", async () => {
    const input = chargeInput({ amount: "10.5" });
    const first = await gateway().charge(input);
    expect(await gateway().charge({ ...input, amount: "10.500" })).toEqual(first);
  });
});

describe("3-D Secure challenge on the ACS page", () => {
  it("123456 passes: back to the return URL, and the charge succeeded with a challenge", async () => {
    const reference = referenceOf(await chargeCard("4000000000003220"));
    const { redirectTo } = await submitPage(reference, "acs_code", "123456");
    expect(redirectTo).toBe(`${returnUrl()}?reference=${reference}`);
    expect(
      await gateway().getCharge({ merchantId: m.merchant.id, gatewayCode: "knet", reference }),
    ).toMatchObject({ outcome: "succeeded", threeDs: "challenge", captured: true, code: "00" });
  });

  it("000000 fails: declined, and the challenge is recorded", async () => {
    const reference = referenceOf(await chargeCard("5555555555553222", { capture: false }));
    const { redirectTo } = await submitPage(reference, "acs_code", "000000");
    expect(redirectTo).toContain(`reference=${reference}`);
    expect(
      await gateway().getCharge({ merchantId: m.merchant.id, gatewayCode: "knet", reference }),
    ).toMatchObject({ outcome: "declined", threeDs: "challenge", code: "3ds_failed" });
  });

  it("a malformed code is a field error and the charge still waits; cancel fails it", async () => {
    const reference = referenceOf(await chargeCard("4000000000003220"));
    for (const code of ["12", "abcdef", "1234567", ""]) {
      const { state } = await submitPage(reference, "acs_code", code);
      expect(state?.fieldError).toBe("The code is 6 digits.");
    }
    expect((await prisma.sandboxCharge.findUniqueOrThrow({ where: { reference } })).status).toBe(
      "pending_challenge",
    );
    await submitPage(reference, "acs_cancel");
    expect(
      await gateway().getCharge({ merchantId: m.merchant.id, gatewayCode: "knet", reference }),
    ).toMatchObject({ outcome: "declined", code: "3ds_canceled", threeDs: "challenge" });
  });

  it("finishes once: a second submit, or a double submit in parallel, records one outcome", async () => {
    const reference = referenceOf(await chargeCard("4000000000003220"));
    const answers = await Promise.all([
      submitPage(reference, "acs_code", "123456"),
      submitPage(reference, "acs_code", "000000"),
    ]);
    expect(answers.filter((answer) => answer.redirectTo !== null)).toHaveLength(1);
    const again = await submitPage(reference, "acs_code", "123456");
    expect(again.state?.error).toBe("This payment has already finished.");
  });

  it("the ACS form cannot finish a redirect charge, nor a made-up reference", async () => {
    const reference = referenceOf(await gateway().charge(chargeInput()));
    expect((await submitPage(reference, "acs_code", "123456")).state?.error).toMatch(/not waiting/);
    expect((await submitPage("SBXC-0000000000000000", "acs_code", "123456")).state?.error).toBe(
      "Payment not found.",
    );
    expect((await submitPage("../../etc", "acs_code", "123456")).state?.error).toBe(
      "This payment page is not valid.",
    );
    expect((await submitPage(reference, "refund_everything")).state?.error).toBe(
      "This payment page is not valid.",
    );
  });
});

describe("redirect to the gateway's own page", () => {
  it.each([
    ["redirect_pay", { outcome: "succeeded", threeDs: "none", card: null }],
    ["redirect_decline", { outcome: "declined", code: "05" }],
    ["redirect_cancel", { outcome: "declined", code: "canceled" }],
  ])("%s", async (kind, expected) => {
    const result = await gateway().charge(chargeInput());
    expect(result).toMatchObject({
      outcome: "action_required",
      action: "redirect",
      url: `${appUrl()}/sandbox-gateway/pay/${referenceOf(result)}`,
    });
    const reference = referenceOf(result);
    expect((await submitPage(reference, kind)).redirectTo).toBe(
      `${returnUrl()}?reference=${reference}`,
    );
    expect(
      await gateway().getCharge({ merchantId: m.merchant.id, gatewayCode: "knet", reference }),
    ).toMatchObject(expected);
  });

  it("the return URL must be on the app's own origin (open-redirect guard)", async () => {
    const before = await rowCounts();
    for (const url of [
      "https://evil.example/return",
      `${appUrl()}.evil.example/return`,
      "javascript:alert(1)",
      "//evil.example/x",
      `http://user:pw@${new URL(appUrl()).host}/x`,
    ]) {
      expect(await gateway().charge(chargeInput({ returnUrl: url })), url).toMatchObject({
        outcome: "error",
        code: "validation_error",
      });
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe("capture of an authorization", () => {
  async function authorized(amount = "10.000") {
    const card = await tokenFor("4242424242424242");
    const result = await gateway().charge(
      chargeInput({ amount, capture: false, source: { kind: "card_token", token: card.token } }),
    );
    expect(result).toMatchObject({ outcome: "succeeded", captured: false });
    return referenceOf(result);
  }
  const captureInput = (reference: string, amount: string, idempotencyKey = randomUUID()) => ({
    merchantId: m.merchant.id,
    gatewayCode: "knet",
    reference,
    amount,
    currency: "KWD",
    idempotencyKey,
  });

  it("captures part once; the same key replays it, another key is refused", async () => {
    const reference = await authorized();
    const input = captureInput(reference, "4.250");
    expect(await gateway().capture(input)).toEqual({
      outcome: "succeeded",
      code: "00",
      message: "Captured.",
      reference,
    });
    expect(await gateway().capture(input)).toMatchObject({ outcome: "succeeded", reference });
    expect(await gateway().capture(captureInput(reference, "1.000"))).toMatchObject({
      outcome: "failed",
      code: "already_captured",
    });
    const row = await prisma.sandboxCharge.findUniqueOrThrow({ where: { reference } });
    expect(row.capturedAmount.toFixed(3)).toBe("4.250");
    expect(await prisma.sandboxCapture.count()).toBe(1);
    expect(
      await gateway().getCharge({ merchantId: m.merchant.id, gatewayCode: "knet", reference }),
    ).toMatchObject({ outcome: "succeeded", captured: true });
  });

  it("parallel captures with different keys capture once", async () => {
    const reference = await authorized();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => gateway().capture(captureInput(reference, "2.000"))),
    );
    expect(results.filter((result) => result.outcome === "succeeded")).toHaveLength(1);
    expect(await prisma.sandboxCapture.count()).toBe(1);
  });

  it("refuses more than authorized, a purchase, a declined charge and a reused key", async () => {
    const reference = await authorized("10.000");
    expect(await gateway().capture(captureInput(reference, "10.001"))).toMatchObject({
      outcome: "failed",
      code: "amount_exceeds_authorized",
    });
    const purchase = referenceOf(await chargeCard("4242424242424242"));
    expect(await gateway().capture(captureInput(purchase, "1.000"))).toMatchObject({
      outcome: "failed",
      code: "not_capturable",
    });
    const declined = referenceOf(await chargeCard("4000000000000002", { capture: false }));
    expect(await gateway().capture(captureInput(declined, "1.000"))).toMatchObject({
      outcome: "failed",
      code: "not_capturable",
    });
    const key = randomUUID();
    await gateway().capture(captureInput(reference, "1.000", key));
    expect(await gateway().capture(captureInput(reference, "2.000", key))).toMatchObject({
      outcome: "error",
      code: "idempotency_key_reuse",
    });
    expect(
      await gateway().capture({ ...captureInput(reference, "1.000"), gatewayCode: "Paysafe" }),
    ).toMatchObject({
      outcome: "error",
      code: "not_found",
    });
  });
});

describe("Administration > Gateways mode applies to charges", () => {
  async function setMode(mode: "decline" | "error" | "timeout", failNext = 0) {
    await prisma.sandboxGatewayBehaviour.create({
      data: { gatewayId: m.gateways.knet.id, mode, failNext },
    });
  }

  it("decline: declined 05 whatever the card", async () => {
    await setMode("decline");
    expect(await chargeCard("4242424242424242")).toMatchObject({ outcome: "declined", code: "05" });
  });

  it("error: a 502 error outcome, nothing recorded, so a retry is a fresh attempt", async () => {
    await setMode("error");
    const input = chargeInput();
    expect(await gateway().charge(input)).toMatchObject({ outcome: "error", code: "502" });
    expect(await prisma.sandboxCharge.count()).toBe(0);
    await prisma.sandboxGatewayBehaviour.update({
      where: { gatewayId: m.gateways.knet.id },
      data: { mode: "succeed" },
    });
    expect(await gateway().charge(input)).toMatchObject({ outcome: "action_required" });
  });

  it("fail next: the next call is declined, then the mode applies", async () => {
    await prisma.sandboxGatewayBehaviour.create({
      data: { gatewayId: m.gateways.knet.id, mode: "succeed", failNext: 1 },
    });
    expect(await chargeCard("4242424242424242")).toMatchObject({ outcome: "declined", code: "05" });
    expect(await chargeCard("4242424242424242")).toMatchObject({ outcome: "succeeded" });
  });

  it("the magic amount 666 declines", async () => {
    expect(await chargeCard("4242424242424242", { amount: "666.000" })).toMatchObject({
      outcome: "declined",
    });
  });

  it("timeout: the adapter gives up at its timeout with a timeout outcome", async () => {
    const previous = process.env.GATEWAY_TIMEOUT_MS;
    process.env.GATEWAY_TIMEOUT_MS = "300";
    try {
      await setMode("timeout");
      const started = performance.now();
      expect(await gateway().charge(chargeInput())).toMatchObject({
        outcome: "timeout",
        reference: null,
      });
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      if (previous === undefined) delete process.env.GATEWAY_TIMEOUT_MS;
      else process.env.GATEWAY_TIMEOUT_MS = previous;
    }
  });

  it("an unreachable gateway is an error outcome", async () => {
    const port = new URL(server.url).port;
    process.env.SANDBOX_GATEWAY_URL = "http://127.0.0.1:1";
    try {
      expect(await gateway().charge(chargeInput())).toMatchObject({
        outcome: "error",
        code: "unreachable",
      });
    } finally {
      process.env.SANDBOX_GATEWAY_URL = `http://127.0.0.1:${port}`;
    }
  });
});

describe("getCharge", () => {
  it("answers only the merchant and gateway that made the charge", async () => {
    const reference = referenceOf(await chargeCard("4242424242424242"));
    const other = await seedMerchant("Other");
    for (const input of [
      { merchantId: other.merchant.id, gatewayCode: "knet", reference },
      { merchantId: m.merchant.id, gatewayCode: "Paysafe", reference },
      { merchantId: m.merchant.id, gatewayCode: "knet", reference: "SBXC-0000000000000000" },
    ])
      expect(await gateway().getCharge(input)).toMatchObject({
        outcome: "error",
        code: "not_found",
      });
  });
});

describe("hostile input on every new endpoint", () => {
  const NUL = "\u0000";
  const codeParams = (code: string) => ({ params: Promise.resolve({ code }) });
  const chargeParams = (code: string, reference: string) => ({
    params: Promise.resolve({ code, reference }),
  });
  const json = (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
    method = "POST",
  ) =>
    new Request(`http://test${path}`, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const chargeBody = () => {
    const { gatewayCode: _gatewayCode, ...body } = chargeInput();
    return body;
  };

  async function expectRefused(send: () => Promise<Response>, status: number, code: string) {
    const before = await rowCounts();
    const response = await send();
    const text = await response.text();
    const body = JSON.parse(text);
    expect(Object.keys(body)).toEqual(["error"]);
    expect([response.status, body.error.code]).toEqual([status, code]);
    expect(await rowCounts()).toEqual(before);
    return body.error as { message: string; details?: { field: string }[] };
  }

  it("wrong methods are 405 with Allow", async () => {
    const cases: [() => Promise<Response>, string][] = [
      [() => tokenizeRoute.GET(new Request("http://test/x")), "POST, OPTIONS"],
      [
        () => tokenizeRoute.DELETE(new Request("http://test/x", { method: "DELETE" })),
        "POST, OPTIONS",
      ],
      [() => chargeRoute.GET(new Request("http://test/x")), "POST, OPTIONS"],
      [() => chargeRoute.PUT(new Request("http://test/x", { method: "PUT" })), "POST, OPTIONS"],
      [
        () => captureRoute.PATCH(new Request("http://test/x", { method: "PATCH" })),
        "POST, OPTIONS",
      ],
      [
        () => chargesRoute.POST(new Request("http://test/x", { method: "POST" })),
        "GET, HEAD, OPTIONS",
      ],
      [
        () => chargesRoute.DELETE(new Request("http://test/x", { method: "DELETE" })),
        "GET, HEAD, OPTIONS",
      ],
    ];
    for (const [send, allow] of cases) {
      const response = await send();
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe(allow);
    }
  });

  it("NUL bytes in strings and path params are 400", async () => {
    await expectRefused(
      () =>
        tokenizeRoute.POST(
          tokenizeRequest({ ...validCard(), holder: `Ada${NUL}` }),
          codeParams(""),
        ),
      400,
      "validation_error",
    );
    await expectRefused(
      () =>
        tokenizeRoute.POST(
          tokenizeRequest({ ...validCard(), number: `4242${NUL}424242424242` }),
          codeParams(""),
        ),
      400,
      "validation_error",
    );
    await expectRefused(
      () => chargeRoute.POST(json("/c", chargeBody()), codeParams(`kn${NUL}et`)),
      400,
      "validation_error",
    );
    await expectRefused(
      () =>
        chargeRoute.POST(json("/c", { ...chargeBody(), attemptId: `a${NUL}` }), codeParams("knet")),
      400,
      "validation_error",
    );
    await expectRefused(
      () =>
        chargeRoute.POST(
          json("/c", { ...chargeBody(), returnUrl: `${returnUrl()}${NUL}` }),
          codeParams("knet"),
        ),
      400,
      "validation_error",
    );
    await expectRefused(
      () =>
        captureRoute.POST(
          json(
            "/c",
            {
              merchantId: m.merchant.id,
              reference: "SBXC-0000000000000000",
              amount: "1",
              currency: "KWD",
            },
            { "idempotency-key": "k\u0007" },
          ),
          codeParams("knet"),
        ),
      400,
      "validation_error",
    );
    await expectRefused(
      () =>
        chargesRoute.GET(
          new Request(`http://test/x?merchantId=${m.merchant.id}`),
          chargeParams("knet", `SBXC-${NUL}`),
        ),
      400,
      "validation_error",
    );
  });

  it("malformed JSON, a wrong content type and unknown fields are 4xx", async () => {
    await expectRefused(
      () => tokenizeRoute.POST(tokenizeRequest("{not json"), codeParams("")),
      400,
      "invalid_json",
    );
    await expectRefused(
      () => chargeRoute.POST(json("/c", "[1,"), codeParams("knet")),
      400,
      "invalid_json",
    );
    await expectRefused(
      () => captureRoute.POST(json("/c", "nul", { "idempotency-key": "k" }), codeParams("knet")),
      400,
      "invalid_json",
    );
    await expectRefused(
      () =>
        tokenizeRoute.POST(
          new Request("http://test/x", {
            method: "POST",
            headers: { "content-type": "text/plain" },
            body: "x",
          }),
          codeParams(""),
        ),
      415,
      "unsupported_media_type",
    );
    await expectRefused(
      () => tokenizeRoute.POST(tokenizeRequest({ ...validCard(), pin: "1234" }), codeParams("")),
      400,
      "validation_error",
    );
    await expectRefused(
      () =>
        chargeRoute.POST(
          json("/c", { ...chargeBody(), __proto__: { x: 1 }, extra: 1 }),
          codeParams("knet"),
        ),
      400,
      "validation_error",
    );
    await expectRefused(
      () =>
        chargeRoute.POST(
          json("/c", { ...chargeBody(), source: { kind: "bitcoin" } }),
          codeParams("knet"),
        ),
      400,
      "validation_error",
    );
    await expectRefused(
      () =>
        chargesRoute.GET(
          new Request(`http://test/x?merchantId=${m.merchant.id}&cursor=abc`),
          chargeParams("knet", "SBXC-0000000000000000"),
        ),
      400,
      "validation_error",
    );
  });

  it("a huge body is 413", async () => {
    await expectRefused(
      () =>
        tokenizeRoute.POST(
          tokenizeRequest({ ...validCard(), holder: "A".repeat(10_000) }),
          codeParams(""),
        ),
      413,
      "payload_too_large",
    );
    await expectRefused(
      () =>
        chargeRoute.POST(
          json("/c", { ...chargeBody(), returnUrl: `${returnUrl()}?${"x".repeat(70_000)}` }),
          codeParams("knet"),
        ),
      413,
      "payload_too_large",
    );
    await expectRefused(
      () =>
        captureRoute.POST(
          json(
            "/c",
            {
              merchantId: m.merchant.id,
              reference: "x".repeat(10_000),
              amount: "1",
              currency: "KWD",
            },
            { "idempotency-key": "k" },
          ),
          codeParams("knet"),
        ),
      413,
      "payload_too_large",
    );
  });

  it("out-of-range numbers and dates are 400", async () => {
    for (const change of [
      { expMonth: 99999 },
      { expMonth: -1 },
      { expYear: 1e308 },
      { expMonth: 1.5 },
      { expYear: "２０３０" },
      { expMonth: "12; drop table" },
      { number: 4242424242424242 },
      { cvc: 123 },
    ])
      await expectRefused(
        () => tokenizeRoute.POST(tokenizeRequest({ ...validCard(), ...change }), codeParams("")),
        400,
        "validation_error",
      );
    for (const change of [
      { amount: "1e3" },
      { amount: "-1.000" },
      { amount: "99999999999999999999.000" },
      { amount: 10 },
      { currency: "kwd" },
      { capture: "yes" },
      { merchantId: "not-a-uuid" },
      { paymentId: "00000000-0000-0000-0000-00000000000g" },
      { attemptId: "" },
      { attemptId: "a".repeat(256) },
    ])
      await expectRefused(
        () => chargeRoute.POST(json("/c", { ...chargeBody(), ...change }), codeParams("knet")),
        400,
        "validation_error",
      );
  });

  it("malformed path ids and queries are 400 or 404, never 500", async () => {
    await expectRefused(
      () => chargeRoute.POST(json("/c", chargeBody()), codeParams("k".repeat(26))),
      400,
      "validation_error",
    );
    await expectRefused(
      () => chargeRoute.POST(json("/c", chargeBody()), codeParams("")),
      400,
      "validation_error",
    );
    await expectRefused(
      () => chargeRoute.POST(json("/c", chargeBody()), codeParams("unknown")),
      404,
      "not_found",
    );
    for (const reference of [
      "SBXC-zz",
      "../../x",
      "SBXC-00000000000000000",
      "sbxc-0000000000000000",
      "' OR 1=1 --",
    ])
      await expectRefused(
        () =>
          chargesRoute.GET(
            new Request(`http://test/x?merchantId=${m.merchant.id}`),
            chargeParams("knet", reference),
          ),
        400,
        "validation_error",
      );
    await expectRefused(
      () =>
        chargesRoute.GET(
          new Request("http://test/x?merchantId=nope"),
          chargeParams("knet", "SBXC-0000000000000000"),
        ),
      400,
      "validation_error",
    );
    await expectRefused(
      () =>
        chargesRoute.GET(
          new Request("http://test/x"),
          chargeParams("knet", "SBXC-0000000000000000"),
        ),
      400,
      "validation_error",
    );
    await expectRefused(
      () =>
        captureRoute.POST(
          json("/c", {
            merchantId: m.merchant.id,
            reference: "SBXC-0000000000000000",
            amount: "1.000",
            currency: "KWD",
          }),
          codeParams("knet"),
        ),
      400,
      "validation_error",
    );
  });

  it("outside sandbox mode every endpoint is 404", async () => {
    process.env.SANDBOX_MODE = "false";
    try {
      await expectRefused(
        () => tokenizeRoute.POST(tokenizeRequest(validCard()), codeParams("")),
        404,
        "not_found",
      );
      await expectRefused(
        () =>
          tokenizeRoute.OPTIONS(
            new Request("http://test/x", { method: "OPTIONS" }),
            codeParams(""),
          ),
        404,
        "not_found",
      );
      await expectRefused(
        () => chargeRoute.POST(json("/c", chargeBody()), codeParams("knet")),
        404,
        "not_found",
      );
      await expectRefused(
        () =>
          chargesRoute.GET(
            new Request(`http://test/x?merchantId=${m.merchant.id}`),
            chargeParams("knet", "SBXC-0000000000000000"),
          ),
        404,
        "not_found",
      );
      await expectRefused(
        () =>
          captureRoute.POST(
            json(
              "/c",
              {
                merchantId: m.merchant.id,
                reference: "SBXC-0000000000000000",
                amount: "1.000",
                currency: "KWD",
              },
              { "idempotency-key": "k" },
            ),
            codeParams("knet"),
          ),
        404,
        "not_found",
      );
    } finally {
      process.env.SANDBOX_MODE = "true";
    }
  });
});
