import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as cancelRoute } from "@/app/api/v1/checkout/[session_id]/cancel/route";
import { POST as captureRoute } from "@/app/api/v1/checkout/[session_id]/capture/route";
import { POST as expireRoute } from "@/app/api/v1/checkout/[session_id]/expire/route";
import { POST as refundRoute } from "@/app/api/v1/checkout/[session_id]/refund/route";
import * as sessionRoute from "@/app/api/v1/checkout/[session_id]/route";
import { POST as voidRoute } from "@/app/api/v1/checkout/[session_id]/void/route";
import * as checkoutRoute from "@/app/api/v1/checkout/route";
import * as settingsRoute from "@/app/api/v1/checkout-settings/route";
import { GET as openApi } from "@/app/api/v1/openapi.json/route";
import { prisma } from "@/lib/db";
import { finishCheckoutAttempt } from "@/lib/services/checkout/finish-checkout-attempt";
import { notifyCheckoutError } from "@/lib/services/checkout/notify-checkout-error";
import {
  enableApprovals,
  resetDatabase,
  seedMerchant,
  startSandboxGateway,
  type TestMerchant,
} from "./helpers";
import { noParams } from "./requests";

/*
 * The Checkout API (issue 8, "Checkout API" and "Bad input") through its real route handlers on the
 * real database: every rule, each refusal writing nothing, the update that ends the session, the
 * Idempotency-Key, refunds through maker-checker, the list, the settings and notify-on-error.
 */

let m: TestMerchant;
let key: string;

beforeAll(async () => {
  await resetDatabase();
});
beforeEach(async () => {
  m = await seedMerchant("Souq Checkout");
  key = m.users.admin.apiKey;
});
afterAll(async () => {
  await prisma.$disconnect();
});

const withSession = (id: string) => ({ params: Promise.resolve({ session_id: id }) });

function send(
  method: string,
  path: string,
  apiKey: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Request {
  const all: Record<string, string> = { authorization: `Bearer ${apiKey}`, ...headers };
  if (body !== undefined) all["content-type"] = "application/json";
  return new Request(`http://test${path}`, {
    method,
    headers: all,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

const BASE = { type: "e_commerce", amount: "12.500", currency_code: "KWD", pg_codes: ["knet"] };

async function createRaw(body: Record<string, unknown>, apiKey = key, headers = {}) {
  return checkoutRoute.POST(send("POST", "/api/v1/checkout", apiKey, body, headers), noParams);
}

type View = Record<string, unknown> & { session_id: string; state: string; amount: string };

async function create(overrides: Record<string, unknown> = {}): Promise<View> {
  const response = await createRaw({ ...BASE, ...overrides });
  const json = await response.json();
  expect([response.status, json.error]).toEqual([201, undefined]);
  return json as View;
}

async function getView(id: string, apiKey = key) {
  const response = await sessionRoute.GET(
    send("GET", `/api/v1/checkout/${id}`, apiKey),
    withSession(id),
  );
  return { status: response.status, json: await response.json() };
}

async function errorOf(response: Response) {
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.message).toBe("string");
  return { status: response.status, code: body.error.code as string, details: body.error.details };
}

/** The rows a checkout request could write (the error notice and its email are counted apart). */
async function businessRows() {
  const [row] = await prisma.$queryRaw<Record<string, number>[]>`
    SELECT (SELECT count(*)::int FROM checkout_session) AS sessions,
           (SELECT count(*)::int FROM payment_transaction) AS payments,
           (SELECT count(*)::int FROM customer) AS customers,
           (SELECT count(*)::int FROM audit_event) AS audits,
           (SELECT count(*)::int FROM operation_request) AS requests,
           (SELECT count(*)::int FROM business_process) AS processes`;
  return row;
}

/** Pays a session the way the hosted page does: an attempt, then the gateway's answer. */
async function pay(sessionId: string, captured = true) {
  const attempt = await prisma.checkoutAttempt.create({
    data: {
      sessionId,
      merchantId: m.merchant.id,
      seq: 1,
      method: "card",
      gatewayId: m.gateways.knet.id,
    },
  });
  await prisma.checkoutSession.update({ where: { id: sessionId }, data: { attemptCount: 1 } });
  await prisma.paymentTransaction.update({ where: { id: sessionId }, data: { state: "pending" } });
  await finishCheckoutAttempt(attempt.id, {
    outcome: "succeeded",
    captured,
    reference: `ref-${sessionId.slice(0, 8)}`,
    code: "00",
    message: "Approved",
    threeDs: "frictionless",
    card: { brand: "visa", last4: "4242", expMonth: 12, expYear: 2030, token: "tok_1" },
  });
}

describe("POST /api/v1/checkout", () => {
  it("creates a session: 201 with every field echoed and the page's URLs; GET answers the same", async () => {
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const view = await create({
      type: "payment_request",
      amount: "7.250",
      order_no: "INV-1001",
      customer_id: "cust-77",
      customer_first_name: "Sara",
      customer_last_name: "Al-Sabah",
      customer_email: "Sara@Example.test",
      customer_phone: "+965 5000 1234",
      operation: "authorize",
      payment_type: "save_card",
      expiration_time: "2 00:00:00",
      due_datetime: due,
      redirect_url: "https://shop.example.test/done",
      webhook_url: "https://shop.example.test/hooks",
      language: "ar",
      notifications: { email: true, sms: true },
    });
    expect(view).toMatchObject({
      state: "created",
      type: "payment_request",
      amount: "7.250",
      currency_code: "KWD",
      captured_amount: "0.000",
      refunded_amount: "0.000",
      pg_codes: ["knet"],
      pg_code: "knet",
      order_no: "INV-1001",
      customer_id: "cust-77",
      customer_first_name: "Sara",
      customer_last_name: "Al-Sabah",
      customer_email: "sara@example.test",
      customer_phone: "+96550001234",
      operation: "authorize",
      payment_type: "save_card",
      expiration_time: "2 00:00:00",
      due_datetime: new Date(due).toISOString(),
      redirect_url: "https://shop.example.test/done",
      webhook_url: "https://shop.example.test/hooks",
      language: "ar",
      notifications: { email: true, sms: true },
      attempts_left: 5,
      created_via: "api",
      attempts: [],
    });
    expect(view.checkout_url).toMatch(new RegExp(`/checkout/${view.session_id}$`));
    expect(view.checkout_short_url).toMatch(/\/c\/[2-9a-km-zA-HJ-NP-Z]{10}$/);
    expect(view.qr_code_url).toBe(`${view.checkout_short_url}/qr`);
    const expiresIn = new Date(view.expires_at as string).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(2 * 86_400_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(2 * 86_400_000);

    const got = await getView(view.session_id);
    expect(got).toEqual({ status: 200, json: view });
  });

  it("generates an order number and takes the defaults when they are left out", async () => {
    const view = await create();
    expect(view).toMatchObject({
      operation: "purchase",
      payment_type: "one_off",
      language: "en",
      expiration_time: "1 00:00:00",
      notifications: {},
    });
    expect(view.order_no).toMatch(/^[A-Za-z0-9._:/#-]{8,}$/);
  });

  it("refuses every bad input of the issue with a 4xx in the one error shape, writing nothing", async () => {
    const other = await seedMerchant();
    await prisma.paymentGateway.create({
      data: { merchantId: other.merchant.id, code: "theirs", name: "Theirs", currency: "KWD" },
    });
    const past = new Date(Date.now() - 60_000).toISOString();
    const cases: [string, Record<string, unknown>][] = [
      ["unknown gateway", { pg_codes: ["nope"] }],
      ["gateway of another currency", { pg_codes: ["WireCard8"] }],
      ["gateway of another merchant", { pg_codes: ["theirs"] }],
      ["no gateway", { pg_codes: [] }],
      ["amount of wrong precision", { amount: "1.2345" }],
      [
        "amount of wrong precision (USD)",
        { amount: "1.234", currency_code: "USD", pg_codes: ["WireCard8"] },
      ],
      ["amount zero", { amount: "0" }],
      ["amount zero with decimals", { amount: "0.000" }],
      ["negative amount", { amount: "-1.000" }],
      ["expiry under 5 minutes", { expiration_time: "00:04:59" }],
      ["expiry over 30 days", { expiration_time: "30 00:00:01" }],
      ["expiry not a duration", { expiration_time: "tomorrow" }],
      ["malformed phone", { customer_phone: "12" }],
      ["phone without country code", { customer_phone: "5000 1234" }],
      ["phone with letters", { customer_phone: "+965 CALL ME" }],
      ["malformed email", { customer_email: "sara@" }],
      ["email without @", { customer_email: "sara.example.test" }],
      ["past due date", { type: "payment_request", due_datetime: past }],
      ["non-http webhook URL", { webhook_url: "ftp://shop.example.test/hooks" }],
      ["javascript webhook URL", { webhook_url: "javascript:alert(1)" }],
      ["webhook URL with credentials", { webhook_url: "https://u:p@shop.example.test/h" }],
      ["non-http redirect URL", { redirect_url: "mailto:sara@example.test" }],
      ["relative redirect URL", { redirect_url: "/done" }],
      ["notifications on e_commerce", { notifications: { email: true } }],
      [
        "email notification without an email",
        { type: "payment_request", notifications: { email: true } },
      ],
      ["save_card without customer_id", { payment_type: "save_card" }],
      ["unknown field", { color: "red" }],
      ["unknown type", { type: "donation" }],
      ["unknown currency", { currency_code: "XXX" }],
    ];
    const before = await businessRows();
    for (const [label, overrides] of cases) {
      const outcome = await errorOf(await createRaw({ ...BASE, ...overrides }));
      expect([label, outcome.status, outcome.code]).toEqual([label, 400, "validation_error"]);
    }
    expect(await businessRows()).toEqual(before);
  });

  it("refuses a repeated order number with 409, writing nothing", async () => {
    await create({ order_no: "DUP-1" });
    const before = await businessRows();
    const outcome = await errorOf(await createRaw({ ...BASE, order_no: "DUP-1" }));
    expect([outcome.status, outcome.code]).toEqual([409, "conflict"]);
    expect(await businessRows()).toEqual(before);
  });

  it("replays a POST with the same Idempotency-Key: one session, the first answer again", async () => {
    const headers = { "idempotency-key": "create-order-42" };
    const first = await createRaw({ ...BASE, order_no: "IDEM-1" }, key, headers);
    const firstJson = await first.json();
    expect(first.status).toBe(201);
    const before = await businessRows();
    const again = await createRaw({ ...BASE, order_no: "IDEM-1" }, key, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(firstJson);
    expect(await businessRows()).toEqual(before);
    // The same key with another body is refused, not run.
    const reuse = await errorOf(await createRaw({ ...BASE, order_no: "IDEM-2" }, key, headers));
    expect([reuse.status, reuse.code]).toEqual([422, "idempotency_key_reuse"]);
    expect(await prisma.checkoutSession.count({ where: { merchantId: m.merchant.id } })).toBe(1);
  });

  it("needs checkout.create: a viewer is refused with 403, writing nothing", async () => {
    const before = await businessRows();
    const outcome = await errorOf(await createRaw(BASE, m.users.viewer.apiKey));
    expect([outcome.status, outcome.code]).toEqual([403, "forbidden"]);
    expect(await businessRows()).toEqual(before);
    const unknownKey = await errorOf(await createRaw(BASE, "sk_test_not_a_key"));
    expect([unknownKey.status, unknownKey.code]).toEqual([401, "unauthenticated"]);
  });
});

describe("GET /api/v1/checkout/{session_id}", () => {
  it("answers 404 alike for another merchant's, unknown and malformed ids", async () => {
    const view = await create();
    const other = await seedMerchant();
    for (const [id, apiKey] of [
      [view.session_id, other.users.admin.apiKey],
      ["00000000-0000-4000-8000-000000000000", key],
      ["not-a-uuid", key],
      [`${view.session_id}x`, key],
    ] as const) {
      const got = await getView(id, apiKey);
      expect([id, got.status, got.json.error?.code]).toEqual([id, 404, "not_found"]);
    }
    // A viewer reads (transactions.view).
    expect((await getView(view.session_id, m.users.viewer.apiKey)).status).toBe(200);
  });
});

describe("PATCH /api/v1/checkout/{session_id}", () => {
  async function patch(id: string, body: unknown, apiKey = key) {
    return sessionRoute.PATCH(
      send("PATCH", `/api/v1/checkout/${id}`, apiKey, body),
      withSession(id),
    );
  }

  it("updates the amount and customer fields: 200 with the session", async () => {
    const view = await create();
    const response = await patch(view.session_id, {
      amount: "20.000",
      customer_first_name: "Ali",
      customer_phone: "00965 5000 9999",
    });
    const json = await response.json();
    expect([response.status, json]).toEqual([
      200,
      expect.objectContaining({
        amount: "20.000",
        customer_first_name: "Ali",
        customer_phone: "+96550009999",
        state: "created",
      }),
    ]);
  });

  it("a validation error ends the session: 400 saying a new session is needed, the session canceled", async () => {
    for (const body of [
      { amount: "1.0001" },
      { amount: "0" },
      { customer_email: "nope" },
      { customer_phone: "12" },
      { color: "red" },
      { customer_id: "someone-else" },
      {},
      { customer_first_name: "A\u0000li" },
    ]) {
      const view = await create();
      const outcome = await errorOf(await patch(view.session_id, body));
      expect([JSON.stringify(body), outcome.status, outcome.code, outcome.details]).toEqual([
        JSON.stringify(body),
        400,
        "validation_error",
        expect.objectContaining({ session_state: "canceled", new_session_required: true }),
      ]);
      const after = (await getView(view.session_id)).json;
      expect(after).toMatchObject({ state: "canceled", amount: "12.500" });
      expect(after.ended_reason).toMatch(/^update refused/);
    }
  });

  it("a body that is not a JSON object is refused before the service: the session stays", async () => {
    const view = await create();
    for (const body of ["[1,2]", '"text"', "42", "null", "{not json"]) {
      const outcome = await errorOf(await patch(view.session_id, body));
      expect([body, outcome.status]).toEqual([body, 400]);
    }
    expect((await getView(view.session_id)).json.state).toBe("created");
  });

  it("an update on a paid session is 409 and changes nothing", async () => {
    const view = await create();
    await pay(view.session_id);
    const before = await businessRows();
    const outcome = await errorOf(await patch(view.session_id, { amount: "1.000" }));
    expect([outcome.status, outcome.code]).toEqual([409, "invalid_state"]);
    expect(await businessRows()).toEqual(before);
    expect((await getView(view.session_id)).json).toMatchObject({
      state: "paid",
      amount: "12.500",
    });
  });

  it("another merchant's session is 404 and stays as it was", async () => {
    const view = await create();
    const other = await seedMerchant();
    const outcome = await errorOf(
      await patch(view.session_id, { amount: "1" }, other.users.admin.apiKey),
    );
    expect(outcome.status).toBe(404);
    expect((await getView(view.session_id)).json.state).toBe("created");
  });
});

describe("cancel, expire and capture", () => {
  it("cancel and expire answer 200 with the session; a second is 409", async () => {
    const a = await create();
    const canceled = await cancelRoute(
      send("POST", `/api/v1/checkout/${a.session_id}/cancel`, key, { reason: "customer left" }),
      withSession(a.session_id),
    );
    expect([canceled.status, await canceled.json()]).toEqual([
      200,
      expect.objectContaining({ state: "canceled", ended_reason: "customer left" }),
    ]);
    const again = await errorOf(
      await cancelRoute(
        send("POST", `/api/v1/checkout/${a.session_id}/cancel`, key),
        withSession(a.session_id),
      ),
    );
    expect([again.status, again.code]).toEqual([409, "invalid_state"]);

    const b = await create();
    // The body may be left out.
    const expired = await expireRoute(
      send("POST", `/api/v1/checkout/${b.session_id}/expire`, key),
      withSession(b.session_id),
    );
    expect([expired.status, (await expired.json()).state]).toEqual([200, "expired"]);
  });

  it("cancel replays with the same Idempotency-Key instead of answering 409", async () => {
    const a = await create();
    const request = () =>
      cancelRoute(
        send(
          "POST",
          `/api/v1/checkout/${a.session_id}/cancel`,
          key,
          {},
          { "idempotency-key": "c-1" },
        ),
        withSession(a.session_id),
      );
    expect((await request()).status).toBe(200);
    const replay = await request();
    expect([replay.status, replay.headers.get("idempotent-replayed")]).toEqual([200, "true"]);
  });

  it("capture refuses a session that is not authorized (409) and more than was authorized (422)", async () => {
    const created = await create();
    const notAuthorized = await errorOf(
      await captureRoute(
        send("POST", `/api/v1/checkout/${created.session_id}/capture`, key),
        withSession(created.session_id),
      ),
    );
    expect([notAuthorized.status, notAuthorized.code]).toEqual([409, "invalid_state"]);

    const auth = await create({ operation: "authorize" });
    await pay(auth.session_id, false);
    const before = await businessRows();
    const tooMuch = await errorOf(
      await captureRoute(
        send("POST", `/api/v1/checkout/${auth.session_id}/capture`, key, { amount: "12.501" }),
        withSession(auth.session_id),
      ),
    );
    expect([tooMuch.status, tooMuch.code]).toEqual([422, "amount_exceeds_remaining"]);
    const precision = await errorOf(
      await captureRoute(
        send("POST", `/api/v1/checkout/${auth.session_id}/capture`, key, { amount: "1.0001" }),
        withSession(auth.session_id),
      ),
    );
    expect([precision.status, precision.code]).toEqual([400, "validation_error"]);
    expect(await businessRows()).toEqual(before);
    expect((await getView(auth.session_id)).json.state).toBe("authorized");
  });
});

describe("refund and void through maker-checker", () => {
  it("a maker's refund waits for the checker: 202 with the pending request, the payment unchanged", async () => {
    await enableApprovals(m);
    const view = await create();
    await pay(view.session_id);
    const response = await refundRoute(
      send("POST", `/api/v1/checkout/${view.session_id}/refund`, m.users.maker.apiKey, {
        amount: "2.500",
        reason: "one item returned",
      }),
      withSession(view.session_id),
    );
    const json = await response.json();
    expect([response.status, json.data]).toEqual([
      202,
      expect.objectContaining({
        state: "pending",
        operation: "refund",
        amount: "2.500",
        transactionId: view.session_id,
      }),
    ]);
    const requests = await prisma.operationRequest.findMany({
      where: { transactionId: view.session_id },
    });
    expect(requests.map((r) => [r.state, r.operation, r.reason])).toEqual([
      ["pending", "refund", "one item returned"],
    ]);
    expect((await getView(view.session_id)).json).toMatchObject({
      state: "paid",
      refunded_amount: "0.000",
    });
    // A second while the first is open: 409 operation_pending, nothing written.
    const before = await businessRows();
    const second = await errorOf(
      await refundRoute(
        send("POST", `/api/v1/checkout/${view.session_id}/refund`, m.users.maker.apiKey, {
          amount: "1.000",
        }),
        withSession(view.session_id),
      ),
    );
    expect([second.status, second.code]).toEqual([409, "operation_pending"]);
    expect(await businessRows()).toEqual(before);
  });

  it("with the approvals plugin off the refund executes at once: 200 with the request done", async () => {
    const gateway = await startSandboxGateway();
    try {
      const view = await create();
      await pay(view.session_id);
      const response = await refundRoute(
        send("POST", `/api/v1/checkout/${view.session_id}/refund`, m.users.maker.apiKey, {
          amount: "2.500",
        }),
        withSession(view.session_id),
      );
      const json = await response.json();
      expect([response.status, json.data?.state, json.data?.directReason]).toEqual([
        200,
        "done",
        "plugin_disabled",
      ]);
      expect(gateway.calls()).toBe(1);
      expect((await getView(view.session_id)).json).toMatchObject({
        state: "partially_refunded",
        refunded_amount: "2.500",
      });
    } finally {
      await gateway.close();
    }
  });

  it("a void of an authorized session waits for the checker too (202)", async () => {
    await enableApprovals(m);
    const view = await create({ operation: "authorize" });
    await pay(view.session_id, false);
    const response = await voidRoute(
      send("POST", `/api/v1/checkout/${view.session_id}/void`, m.users.maker.apiKey),
      withSession(view.session_id),
    );
    expect([response.status, (await response.json()).data.state]).toEqual([202, "pending"]);
  });

  it("refuses refunds of sessions that cannot be refunded, and callers without the permission", async () => {
    await enableApprovals(m);
    const unpaid = await create();
    const before = await businessRows();
    const cases: [string, Response, number, string][] = [
      [
        "unpaid",
        await refundRoute(
          send("POST", `/api/v1/checkout/${unpaid.session_id}/refund`, key, { amount: "1.000" }),
          withSession(unpaid.session_id),
        ),
        422,
        "operation_not_allowed",
      ],
      [
        "viewer",
        await refundRoute(
          send("POST", `/api/v1/checkout/${unpaid.session_id}/refund`, m.users.viewer.apiKey, {
            amount: "1.000",
          }),
          withSession(unpaid.session_id),
        ),
        403,
        "forbidden",
      ],
      [
        "no amount",
        await refundRoute(
          send("POST", `/api/v1/checkout/${unpaid.session_id}/refund`, key, {}),
          withSession(unpaid.session_id),
        ),
        400,
        "validation_error",
      ],
      [
        "a payment that is not a checkout session",
        await (async () => {
          const payment = await prisma.paymentTransaction.create({
            data: {
              merchantId: m.merchant.id,
              unitId: m.units.online.id,
              gatewayId: m.gateways.knet.id,
              orderNo: "PLAIN-1",
              amount: "5.000",
              currency: "KWD",
              capturedAmount: "5.000",
              state: "paid",
            },
          });
          return refundRoute(
            send("POST", `/api/v1/checkout/${payment.id}/refund`, key, { amount: "1.000" }),
            withSession(payment.id),
          );
        })(),
        404,
        "not_found",
      ],
    ];
    for (const [label, response, status, code] of cases) {
      const outcome = await errorOf(response);
      expect([label, outcome.status, outcome.code]).toEqual([label, status, code]);
    }
    const after = await businessRows();
    expect({ ...after, payments: after.payments - 1 }).toEqual(before);
  });
});

describe("GET /api/v1/checkout", () => {
  async function list(query: string, apiKey = key) {
    const response = await checkoutRoute.GET(
      send("GET", `/api/v1/checkout${query}`, apiKey),
      noParams,
    );
    return { status: response.status, json: await response.json() };
  }

  it("lists the merchant's sessions newest first, filtered, paged without skipping or repeating", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      ids.push((await create({ order_no: `L-${index}` })).session_id);
    }
    ids.push((await create({ type: "payment_request", order_no: "PR-1" })).session_id);
    await cancelRoute(send("POST", `/api/v1/checkout/${ids[0]}/cancel`, key), withSession(ids[0]));
    // Two sessions in the same millisecond: the id breaks the tie.
    const sameTime = new Date("2026-06-01T10:00:00.000Z");
    await prisma.checkoutSession.updateMany({
      where: { id: { in: [ids[1], ids[2]] } },
      data: { createdAt: sameTime },
    });
    const other = await seedMerchant();
    await createRaw(BASE, other.users.admin.apiKey);

    const all = await list("");
    expect(all.status).toBe(200);
    expect(all.json.total).toBe(6);
    expect(all.json.data.map((row: View) => row.session_id).sort()).toEqual([...ids].sort());
    expect(all.json.data[0]).not.toHaveProperty("attempts");

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      seen.push(...page.json.data.map((row: View) => row.session_id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.json.data.map((row: View) => row.session_id));

    expect((await list("?type=payment_request")).json.data.map((r: View) => r.order_no)).toEqual([
      "PR-1",
    ]);
    expect((await list("?state=canceled")).json.data.map((r: View) => r.session_id)).toEqual([
      ids[0],
    ]);
    expect((await list("?order_no=L-3")).json.data.map((r: View) => r.session_id)).toEqual([
      ids[3],
    ]);
    expect(
      (await list("?created_from=2026-06-01&created_to=2026-06-01")).json.data
        .map((r: View) => r.session_id)
        .sort(),
    ).toEqual([ids[1], ids[2]].sort());
    expect((await list("?created_to=2000-01-01")).json).toMatchObject({ data: [], total: 0 });
    // A viewer may list.
    expect((await list("", m.users.viewer.apiKey)).status).toBe(200);
  });
});

describe("checkout settings", () => {
  async function put(body: unknown, apiKey = key) {
    return settingsRoute.PUT(send("PUT", "/api/v1/checkout-settings", apiKey, body), noParams);
  }

  it("answers the defaults, saves with an audit row, and new sessions take max_attempts", async () => {
    const defaults = await settingsRoute.GET(
      send("GET", "/api/v1/checkout-settings", key),
      noParams,
    );
    expect(await defaults.json()).toEqual({
      notify_on_error: [],
      max_attempts: 5,
      updated_at: null,
    });
    const saved = await put({
      notify_on_error: ["Ops@Example.test", "ops@example.test", "dev@example.test"],
      max_attempts: 3,
    });
    expect([saved.status, await saved.json()]).toEqual([
      200,
      expect.objectContaining({
        notify_on_error: ["ops@example.test", "dev@example.test"],
        max_attempts: 3,
      }),
    ]);
    const audit = await prisma.auditEvent.findFirst({
      where: { merchantId: m.merchant.id, action: "checkout_settings.changed" },
    });
    expect(audit?.data).toMatchObject({
      before: { notifyOnError: [], maxAttempts: 5 },
      after: { notifyOnError: ["ops@example.test", "dev@example.test"], maxAttempts: 3 },
    });
    expect((await create()).attempts_left).toBe(3);
  });

  it("refuses bad settings and callers without checkout.settings, writing nothing", async () => {
    const emails = Array.from({ length: 21 }, (_, index) => `a${index}@example.test`);
    const before = await businessRows();
    const cases: [string, Response, number][] = [
      ["21 addresses", await put({ notify_on_error: emails, max_attempts: 5 }), 400],
      ["not an email", await put({ notify_on_error: ["ops"], max_attempts: 5 }), 400],
      ["max_attempts 0", await put({ notify_on_error: [], max_attempts: 0 }), 400],
      ["max_attempts 21", await put({ notify_on_error: [], max_attempts: 21 }), 400],
      ["max_attempts as text", await put({ notify_on_error: [], max_attempts: "5" }), 400],
      ["max_attempts 2.5", await put({ notify_on_error: [], max_attempts: 2.5 }), 400],
      ["missing field", await put({ notify_on_error: [] }), 400],
      ["a maker", await put({ notify_on_error: [], max_attempts: 5 }, m.users.maker.apiKey), 403],
    ];
    for (const [label, response, status] of cases) {
      expect([label, (await errorOf(response)).status]).toEqual([label, status]);
    }
    expect(await businessRows()).toEqual(before);
    expect(await prisma.checkoutSettings.count({ where: { merchantId: m.merchant.id } })).toBe(0);
  });
});

describe("notify on error", () => {
  async function emails() {
    return prisma.emailOutbox.findMany({
      where: { merchantId: m.merchant.id, kind: "checkout.api_error" },
      orderBy: { createdAt: "asc" },
    });
  }

  it("emails once per code per 10 minutes: 3 errors -> 1 email, another code -> another, 10 minutes on -> another", async () => {
    for (let index = 0; index < 3; index++) await createRaw({ ...BASE, amount: "0" });
    let sent = await emails();
    expect(sent).toHaveLength(1);
    // No notify-on-error list: the active owners and admins.
    expect([...sent[0].to].sort()).toEqual([m.users.admin.email, m.users.owner.email].sort());
    expect(sent[0].subject).toBe("Checkout API error for Souq Checkout: validation_error (400)");
    expect(sent[0].text).toContain("POST /api/v1/checkout");

    // Another code: 409 conflict.
    await create({ order_no: "N-1" });
    await createRaw({ ...BASE, order_no: "N-1" });
    await createRaw({ ...BASE, order_no: "N-1" });
    sent = await emails();
    expect(sent.map((email) => email.subject)).toEqual([
      "Checkout API error for Souq Checkout: validation_error (400)",
      "Checkout API error for Souq Checkout: conflict (409)",
    ]);

    // Ten minutes later the same code is told again.
    await prisma.checkoutErrorNotice.update({
      where: { merchantId_code: { merchantId: m.merchant.id, code: "validation_error" } },
      data: { lastSentAt: new Date(Date.now() - 10 * 60_000 - 1000) },
    });
    await createRaw({ ...BASE, amount: "0" });
    await createRaw({ ...BASE, amount: "0" });
    expect(await emails()).toHaveLength(3);
  });

  it("goes to the notify-on-error list when it has anyone; never for 401, 404 or 405, nor on success", async () => {
    await put({ notify_on_error: ["ops@example.test"], max_attempts: 5 });
    const view = await create();
    await getView("00000000-0000-4000-8000-000000000000");
    await checkoutRoute.POST(
      new Request("http://test/api/v1/checkout", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer sk_test_wrong" },
        body: JSON.stringify(BASE),
      }),
      noParams,
    );
    await checkoutRoute.PUT(send("PUT", "/api/v1/checkout", key, BASE));
    await getView(view.session_id);
    expect(await emails()).toHaveLength(0);

    await createRaw(BASE, m.users.viewer.apiKey); // 403 forbidden
    const sent = await emails();
    expect(sent.map((email) => [email.to, email.subject])).toEqual([
      [["ops@example.test"], "Checkout API error for Souq Checkout: forbidden (403)"],
    ]);

    async function put(body: unknown) {
      return settingsRoute.PUT(send("PUT", "/api/v1/checkout-settings", key, body), noParams);
    }
  });

  it("of many simultaneous errors with one code, exactly one claims the notice", async () => {
    const notice = {
      merchantId: m.merchant.id,
      code: "invalid_state",
      status: 409,
      message: "x",
      method: "POST",
      path: "/api/v1/checkout/x/cancel",
      requestId: "r",
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => notifyCheckoutError(notice)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await emails()).toHaveLength(1);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("describes every Checkout API path and every field of the session", async () => {
    const response = await openApi(new Request("http://test/api/v1/openapi.json"), noParams);
    const document = await response.json();
    const methods = (path: string) => Object.keys(document.paths[path] ?? {}).sort();
    expect(methods("/api/v1/checkout")).toEqual(["get", "post"]);
    expect(methods("/api/v1/checkout/{session_id}")).toEqual(["get", "patch"]);
    for (const action of ["cancel", "expire", "capture", "refund", "void"])
      expect(methods(`/api/v1/checkout/{session_id}/${action}`)).toEqual(["post"]);
    expect(methods("/api/v1/checkout-settings")).toEqual(["get", "put"]);

    const view = await create({ customer_id: "c-1" });
    const component = document.components.schemas.CheckoutSession;
    expect(Object.keys(component.properties).sort()).toEqual(Object.keys(view).sort());
    expect([...component.required].sort()).toEqual(Object.keys(view).sort());
    const createBody =
      document.paths["/api/v1/checkout"].post.requestBody.content["application/json"].schema;
    expect(Object.keys(createBody.properties)).toEqual(
      expect.arrayContaining(["pg_codes", "expiration_time", "notifications", "webhook_url"]),
    );
    expect(
      Object.keys(document.paths["/api/v1/checkout/{session_id}/refund"].post.responses),
    ).toEqual(expect.arrayContaining(["200", "202", "409", "422"]));
  });
});
