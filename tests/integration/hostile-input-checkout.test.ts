import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as cancelRoute from "@/app/api/v1/checkout/[session_id]/cancel/route";
import * as captureRoute from "@/app/api/v1/checkout/[session_id]/capture/route";
import * as expireRoute from "@/app/api/v1/checkout/[session_id]/expire/route";
import * as refundRoute from "@/app/api/v1/checkout/[session_id]/refund/route";
import * as sessionRoute from "@/app/api/v1/checkout/[session_id]/route";
import * as voidRoute from "@/app/api/v1/checkout/[session_id]/void/route";
import * as checkoutRoute from "@/app/api/v1/checkout/route";
import * as settingsRoute from "@/app/api/v1/checkout-settings/route";
import { prisma } from "@/lib/db";
import { ERROR_CODES } from "@/lib/errors";
import { resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { errorOf, rowCounts } from "./refusals";
import { noParams } from "./requests";

/*
 * Hostile input on the Checkout API and its settings: every case goes through the real route
 * handler on the real database, answers a 4xx in the one error shape (never a 500), and no table
 * gains or loses a row. Notify-on-error would write its notice and email on the first error of
 * each code: the notices are claimed beforehand, so that "nothing written" covers every table
 * (the once-per-10-minutes rule itself is tested in checkout-api.test.ts).
 */

const NUL = "\u0000";
const ONE_MB = "x".repeat(1024 * 1024);

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

let m: TestMerchant;
let key: string;
let sessionId: string;

beforeAll(async () => {
  await resetDatabase();
});
beforeEach(async () => {
  m = await seedMerchant("Hostile Checkout");
  key = m.users.admin.apiKey;
  const created = await checkoutRoute.POST(
    send("POST", "/api/v1/checkout", { ...BASE, order_no: "H-1" }),
    noParams,
  );
  expect(created.status).toBe(201);
  sessionId = (await created.json()).session_id;
  const now = new Date();
  await prisma.checkoutErrorNotice.createMany({
    data: ERROR_CODES.map((code) => ({ merchantId: m.merchant.id, code, lastSentAt: now })),
  });
});
afterAll(async () => {
  await prisma.$disconnect();
});

const BASE = { type: "e_commerce", amount: "12.500", currency_code: "KWD", pg_codes: ["knet"] };
const at = (id: string) => ({ params: Promise.resolve({ session_id: id }) });

function send(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Request {
  const all: Record<string, string> = { authorization: `Bearer ${key}`, ...headers };
  if (body !== undefined && !("content-type" in headers)) all["content-type"] = "application/json";
  return new Request(`http://test${path}`, {
    method,
    headers: all,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The session as stored: state, amount, customer fields and when it last changed. */
async function sessionState() {
  return prisma.checkoutSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: {
      updatedAt: true,
      endedReason: true,
      customerFirstName: true,
      payment: { select: { state: true, amount: true } },
    },
  });
}

/** Sends, expects `status` and `code` in the error shape, and that no table and the session changed. */
async function expectRefused(
  label: string,
  sendIt: () => Promise<Response>,
  status = 400,
  code = "validation_error",
) {
  const before = await rowCounts();
  const session = await sessionState();
  const outcome = await errorOf(await sendIt());
  expect([label, outcome]).toEqual([label, { status, code }]);
  expect(await rowCounts()).toEqual(before);
  expect(await sessionState()).toEqual(session);
}

/** Every route file with the methods it serves; the others must answer 405. */
const ROUTES: [string, Record<string, unknown>, string[], boolean][] = [
  ["/api/v1/checkout", checkoutRoute, ["GET", "POST"], false],
  ["/api/v1/checkout/{id}", sessionRoute, ["GET", "PATCH"], true],
  ["/api/v1/checkout/{id}/cancel", cancelRoute, ["POST"], true],
  ["/api/v1/checkout/{id}/expire", expireRoute, ["POST"], true],
  ["/api/v1/checkout/{id}/capture", captureRoute, ["POST"], true],
  ["/api/v1/checkout/{id}/refund", refundRoute, ["POST"], true],
  ["/api/v1/checkout/{id}/void", voidRoute, ["POST"], true],
  ["/api/v1/checkout-settings", settingsRoute, ["GET", "PUT"], false],
];

describe("wrong methods", () => {
  it.each(ROUTES)(
    "%s answers 405 with Allow for every method it does not serve",
    async (path, route, served) => {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        if (served.includes(method)) continue;
        const handler = route[method] as Handler | undefined;
        expect(handler, `${method} ${path} has no handler`).toBeDefined();
        const url = path.replace("{id}", sessionId);
        await expectRefused(
          `${method} ${path}`,
          () =>
            (handler as Handler)(
              send(method, url, method === "GET" ? undefined : BASE),
              at(sessionId),
            ),
          405,
          "method_not_allowed",
        );
      }
      const options = await (route.OPTIONS as Handler)(send("OPTIONS", path), at(sessionId));
      expect(options.status).toBe(204);
      expect(options.headers.get("allow")).toContain(served[0]);
    },
  );
});

/** Every handler that reads a session id from the path, with a body it accepts otherwise. */
const BY_ID: [string, string, Handler, unknown][] = [
  ["GET", "", sessionRoute.GET as Handler, undefined],
  ["PATCH", "", sessionRoute.PATCH as Handler, { amount: "1.000" }],
  ["POST", "/cancel", cancelRoute.POST as Handler, {}],
  ["POST", "/expire", expireRoute.POST as Handler, {}],
  ["POST", "/capture", captureRoute.POST as Handler, {}],
  ["POST", "/refund", refundRoute.POST as Handler, { amount: "1.000" }],
  ["POST", "/void", voidRoute.POST as Handler, {}],
];

describe("hostile path ids", () => {
  it.each(BY_ID)(
    "%s /api/v1/checkout/{id}%s: NUL 400, malformed and unknown 404",
    async (method, suffix, handler, body) => {
      const cases: [string, number, string][] = [
        [`${sessionId.slice(0, -1)}${NUL}`, 400, "validation_error"],
        [NUL, 400, "validation_error"],
        ["x".repeat(101), 400, "validation_error"],
        ["not-a-uuid", 404, "not_found"],
        ["../../etc/passwd", 404, "not_found"],
        ["' OR 1=1 --", 404, "not_found"],
        [`${sessionId}\u202e`, 404, "not_found"],
        ["00000000-0000-4000-8000-000000000000", 404, "not_found"],
        [sessionId.toUpperCase().replace(/[0-9A-F]/, "Z"), 404, "not_found"],
      ];
      for (const [id, status, code] of cases) {
        await expectRefused(
          `${method} ${JSON.stringify(id)}${suffix}`,
          () => handler(send(method, `/api/v1/checkout/x${suffix}`, body), at(id)),
          status,
          code,
        );
      }
    },
  );
});

/** Every handler with a JSON body, and a body it would accept. */
const WITH_BODY: [string, Handler, string, unknown][] = [
  ["POST /api/v1/checkout", checkoutRoute.POST as Handler, "/api/v1/checkout", BASE],
  [
    "PATCH /api/v1/checkout/{id}",
    sessionRoute.PATCH as Handler,
    "/api/v1/checkout/id",
    { amount: "1.000" },
  ],
  ["POST .../cancel", cancelRoute.POST as Handler, "/api/v1/checkout/id/cancel", { reason: "r" }],
  ["POST .../expire", expireRoute.POST as Handler, "/api/v1/checkout/id/expire", { reason: "r" }],
  [
    "POST .../capture",
    captureRoute.POST as Handler,
    "/api/v1/checkout/id/capture",
    { amount: "1.000" },
  ],
  [
    "POST .../refund",
    refundRoute.POST as Handler,
    "/api/v1/checkout/id/refund",
    { amount: "1.000" },
  ],
  ["POST .../void", voidRoute.POST as Handler, "/api/v1/checkout/id/void", { reason: "r" }],
  [
    "PUT /api/v1/checkout-settings",
    settingsRoute.PUT as Handler,
    "/api/v1/checkout-settings",
    { notify_on_error: [], max_attempts: 5 },
  ],
];

describe("malformed and oversized bodies", () => {
  it.each(WITH_BODY)(
    "%s: malformed JSON 400, 1 MB 413, wrong media type 415",
    async (label, handler, path) => {
      const method = label.split(" ")[0];
      for (const text of [
        "{",
        '{"amount": "1.000",}',
        "{'a': 1}",
        "\u0000",
        "NaN",
        '{"a":1}{"b":2}',
      ]) {
        await expectRefused(
          `${label} ${JSON.stringify(text)}`,
          () => handler(send(method, path, text), at(sessionId)),
          400,
          "invalid_json",
        );
      }
      await expectRefused(
        `${label} 1 MB`,
        () => handler(send(method, path, JSON.stringify({ amount: ONE_MB })), at(sessionId)),
        413,
        "payload_too_large",
      );
      await expectRefused(
        `${label} 1 MB declared`,
        () =>
          handler(
            send(method, path, "{}", {
              "content-type": "application/json",
              "content-length": String(1024 * 1024),
            }),
            at(sessionId),
          ),
        413,
        "payload_too_large",
      );
      await expectRefused(
        `${label} text/plain`,
        () => handler(send(method, path, "{}", { "content-type": "text/plain" }), at(sessionId)),
        415,
        "unsupported_media_type",
      );
    },
  );

  it.each(WITH_BODY.filter(([label]) => label.startsWith("POST")))(
    "%s: a malformed Idempotency-Key is 400",
    async (label, handler, path, body) => {
      for (const idempotencyKey of ["", "k".repeat(256), "naïve"]) {
        await expectRefused(`${label} ${JSON.stringify(idempotencyKey)}`, () =>
          handler(send("POST", path, body, { "idempotency-key": idempotencyKey }), at(sessionId)),
        );
      }
    },
  );
});

describe("NUL bytes, wrong types and out-of-range values in create", () => {
  const cases: [string, Record<string, unknown>][] = [
    ["type NUL", { type: `e_commerce${NUL}` }],
    ["amount NUL", { amount: `12.500${NUL}` }],
    ["currency NUL", { currency_code: `KWD${NUL}` }],
    ["pg_codes NUL", { pg_codes: [`knet${NUL}`] }],
    ["order_no NUL", { order_no: `A${NUL}1` }],
    ["customer_id NUL", { customer_id: `c${NUL}` }],
    ["first name NUL", { customer_first_name: `Sa${NUL}ra` }],
    ["last name NUL", { customer_last_name: NUL }],
    ["email NUL", { customer_email: `a${NUL}@example.test` }],
    ["phone NUL", { customer_phone: `+96550001234${NUL}` }],
    ["expiration NUL", { expiration_time: `01:00:00${NUL}` }],
    ["redirect NUL", { redirect_url: `https://a.test/${NUL}` }],
    ["webhook NUL", { webhook_url: `https://a.test/${NUL}` }],
    ["language NUL", { language: `en${NUL}` }],
    ["amount as a float with too many digits", { amount: 0.1 + 0.2 }],
    ["amount as a huge number", { amount: 1e21 }],
    ["amount as NaN text", { amount: "NaN" }],
    ["amount as Infinity text", { amount: "Infinity" }],
    ["amount in exponent form", { amount: "1e3" }],
    ["amount as an array", { amount: ["12.500"] }],
    ["amount with 40 digits", { amount: "9".repeat(41) }],
    ["amount with an absurd integer part", { amount: `${"9".repeat(30)}.000` }],
    ["pg_codes as a string", { pg_codes: "knet" }],
    ["pg_codes 21 of them", { pg_codes: Array.from({ length: 21 }, () => "knet") }],
    ["expiration_time as a number", { expiration_time: 3600 }],
    ["expiration_time negative", { expiration_time: "-01:00:00" }],
    ["expiration_time huge", { expiration_time: "99999999 00:00:00" }],
    ["notifications as text", { type: "payment_request", notifications: "email" }],
    ["notification flag as text", { type: "payment_request", notifications: { email: "true" } }],
    ["notification flag false", { type: "payment_request", notifications: { email: false } }],
    ["due date year 0000", { type: "payment_request", due_datetime: "0000-01-01T00:00:00Z" }],
    ["due date year 275760", { type: "payment_request", due_datetime: "+275760-09-13T00:00:00Z" }],
    ["due date February 30", { type: "payment_request", due_datetime: "2027-02-30T00:00:00Z" }],
    ["due date as a number", { type: "payment_request", due_datetime: 1893456000000 }],
    ["type as a number", { type: 1 }],
    ["order_no as a number", { order_no: 42 }],
    ["order_no 65 characters", { order_no: "A".repeat(65) }],
    ["customer name 101 characters", { customer_first_name: "A".repeat(101) }],
    ["prototype pollution", JSON.parse('{"__proto__": {"admin": true}}')],
    ["constructor key", { constructor: { prototype: { x: 1 } } }],
  ];
  it.each(cases)("%s: 400, nothing written", async (label, overrides) => {
    await expectRefused(label, () =>
      checkoutRoute.POST(send("POST", "/api/v1/checkout", { ...BASE, ...overrides }), noParams),
    );
  });

  it("a body that is not an object: 400", async () => {
    for (const body of ["[]", "null", "42", '"text"', "true"]) {
      await expectRefused(body, () =>
        checkoutRoute.POST(send("POST", "/api/v1/checkout", body), noParams),
      );
    }
  });
});

describe("NUL bytes and wrong types in the other bodies", () => {
  const cases: [string, Handler, string, unknown][] = [
    ["cancel reason NUL", cancelRoute.POST as Handler, "cancel", { reason: `r${NUL}` }],
    ["cancel reason number", cancelRoute.POST as Handler, "cancel", { reason: 1 }],
    ["cancel unknown field", cancelRoute.POST as Handler, "cancel", { state: "paid" }],
    ["expire reason NUL", expireRoute.POST as Handler, "expire", { reason: NUL }],
    ["expire reason 501", expireRoute.POST as Handler, "expire", { reason: "r".repeat(501) }],
    ["capture amount NUL", captureRoute.POST as Handler, "capture", { amount: `1${NUL}` }],
    ["capture amount object", captureRoute.POST as Handler, "capture", { amount: { v: 1 } }],
    ["refund amount NUL", refundRoute.POST as Handler, "refund", { amount: `1.000${NUL}` }],
    ["refund amount boolean", refundRoute.POST as Handler, "refund", { amount: true }],
    ["refund reason NUL", refundRoute.POST as Handler, "refund", { amount: "1.000", reason: NUL }],
    ["refund unknown field", refundRoute.POST as Handler, "refund", { amount: "1", to: "me" }],
    ["void reason NUL", voidRoute.POST as Handler, "void", { reason: `v${NUL}` }],
    ["void with an amount", voidRoute.POST as Handler, "void", { amount: "1.000" }],
  ];
  it.each(cases)("%s: 400, nothing written", async (label, handler, action, body) => {
    await expectRefused(label, () =>
      handler(send("POST", `/api/v1/checkout/${sessionId}/${action}`, body), at(sessionId)),
    );
  });

  const settings: [string, unknown][] = [
    ["email NUL", { notify_on_error: [`a${NUL}@example.test`], max_attempts: 5 }],
    ["emails as a string", { notify_on_error: "a@example.test", max_attempts: 5 }],
    ["max_attempts as text", { notify_on_error: [], max_attempts: "5" }],
    ["max_attempts huge", { notify_on_error: [], max_attempts: 1e308 }],
    ["max_attempts negative", { notify_on_error: [], max_attempts: -1 }],
    ["max_attempts null", { notify_on_error: [], max_attempts: null }],
    ["unknown field", { notify_on_error: [], max_attempts: 5, merchant_id: "x" }],
  ];
  it.each(settings)(
    "PUT /api/v1/checkout-settings %s: 400, nothing written",
    async (label, body) => {
      await expectRefused(label, () =>
        settingsRoute.PUT(send("PUT", "/api/v1/checkout-settings", body), noParams),
      );
    },
  );

  it("PATCH with a NUL byte in a field is a validation error: it ends the session and writes nothing else", async () => {
    const before = await rowCounts();
    const outcome = await errorOf(
      await sessionRoute.PATCH(
        send("PATCH", `/api/v1/checkout/${sessionId}`, { customer_first_name: `A${NUL}` }),
        at(sessionId),
      ),
    );
    expect(outcome).toEqual({ status: 400, code: "validation_error" });
    const after = await rowCounts();
    // The issue's rule: the session ends (its state, one audit row and its payment.canceled
    // webhook event; the merchant has no endpoint, so no delivery), nothing more.
    expect(after).toEqual({
      ...before,
      audit_event: before.audit_event + 1,
      webhook_event: before.webhook_event + 1,
    });
    expect(await sessionState()).toMatchObject({
      customerFirstName: null,
      payment: { state: "canceled" },
    });
  });
});

describe("the list's query", () => {
  async function list(query: string) {
    return checkoutRoute.GET(send("GET", `/api/v1/checkout${query}`), noParams);
  }
  async function aCursor(): Promise<string> {
    await checkoutRoute.POST(
      send("POST", "/api/v1/checkout", { ...BASE, order_no: "H-2" }),
      noParams,
    );
    const page = await (await list("?limit=1")).json();
    expect(page.nextCursor).toEqual(expect.any(String));
    return page.nextCursor;
  }
  function edit(cursor: string, change: (payload: Record<string, unknown>) => unknown): string {
    const payload = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Buffer.from(JSON.stringify(change(payload)), "utf8").toString("base64url");
  }

  it("refuses crafted cursors with 400", async () => {
    const cursor = await aCursor();
    const crafted: [string, string][] = [
      ["not base64", "!!!"],
      ["not JSON", Buffer.from("nope").toString("base64url")],
      ["NUL", `${cursor}${NUL}`],
      ["another sort", edit(cursor, (p) => ({ ...p, s: "amount" }))],
      ["another direction", edit(cursor, (p) => ({ ...p, d: "asc" }))],
      ["a value that is not an instant", edit(cursor, (p) => ({ ...p, v: "yesterday" }))],
      ["a value out of range", edit(cursor, (p) => ({ ...p, v: "0000-01-01T00:00:00.000Z" }))],
      ["a null value", edit(cursor, (p) => ({ ...p, v: null }))],
      ["a SQL id", edit(cursor, (p) => ({ ...p, id: "' OR 1=1 --" }))],
      ["an extra key", edit(cursor, (p) => ({ ...p, merchantId: "x" }))],
      ["an array", edit(cursor, () => [1, 2])],
      ["too long", "A".repeat(2000)],
    ];
    for (const [label, value] of crafted) {
      await expectRefused(label, () => list(`?cursor=${encodeURIComponent(value)}`));
    }
    expect((await list(`?cursor=${cursor}`)).status).toBe(200);
  });

  it("refuses bad filters with 400", async () => {
    const bad: [string, string][] = [
      ["unknown parameter", "?color=red"],
      ["type NUL", `?type=e_commerce${encodeURIComponent(NUL)}`],
      ["unknown state", "?state=stolen"],
      ["order_no NUL", `?order_no=${encodeURIComponent(`A${NUL}`)}`],
      ["created_from year 0000", "?created_from=0000-01-01"],
      ["created_to year 10000", "?created_to=10000-01-01"],
      ["created_from February 30", "?created_from=2026-02-30"],
      ["created_from as a timestamp", "?created_from=1700000000"],
      ["reversed range", "?created_from=2026-02-01&created_to=2026-01-01"],
      ["limit 0", "?limit=0"],
      ["limit 101", "?limit=101"],
      ["limit text", "?limit=ten"],
      ["limit float", "?limit=1.5"],
      ["limit huge", `?limit=${"9".repeat(400)}`],
    ];
    for (const [label, query] of bad) await expectRefused(label, () => list(query));
  });
});
