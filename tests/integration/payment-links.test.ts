import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as bulkGet, POST as bulkPost, PUT as bulkPut } from "@/app/api/v1/checkout/bulk/route";
import { GET as openApi } from "@/app/api/v1/openapi.json/route";
import { prisma } from "@/lib/db";
import { MAX_BULK_ROWS } from "@/lib/domain/checkout/payment-links";
import { AppError } from "@/lib/errors";
import { getPaymentLinkDetail, listPaymentLinks } from "@/lib/queries/checkout/list-payment-links";
import { type CheckoutCaller, checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import { createBulkPaymentRequests } from "@/lib/services/checkout/create-bulk-payment-requests";
import { createPaymentRequest } from "@/lib/services/checkout/create-payment-request";
import { endCheckoutSession } from "@/lib/services/checkout/end-checkout-session";
import { sendPaymentLink } from "@/lib/services/checkout/send-payment-link";
import { CreateCheckoutSchema } from "@/lib/validation/checkout";
import {
  CreatePaymentLinkSchema,
  PaymentLinkListQuerySchema,
  toCheckoutRequest,
} from "@/lib/validation/payment-links";
import { principalOf, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { noParams } from "./requests";

let m: TestMerchant;
let caller: CheckoutCaller;

beforeAll(async () => {
  await resetDatabase();
});
beforeEach(async () => {
  m = await seedMerchant();
  caller = checkoutCallerOf(principalOf(m, "maker"));
});
afterAll(async () => {
  await prisma.$disconnect();
});

const future = () => new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();

async function create(overrides: Record<string, unknown> = {}) {
  const parsed = CreateCheckoutSchema.safeParse({
    type: "payment_request",
    amount: "12.500",
    currency_code: "KWD",
    pg_codes: ["knet"],
    customer_first_name: "Sara",
    customer_email: "sara@example.test",
    customer_phone: "+96550001234",
    ...overrides,
  });
  if (!parsed.success) throw new AppError("validation_error", parsed.error.message);
  return createPaymentRequest(caller, parsed.data);
}

async function counts() {
  const [row] = await prisma.$queryRaw<
    { sessions: number; emails: number; messages: number; audits: number }[]
  >`
    SELECT (SELECT count(*)::int FROM checkout_session) AS sessions,
           (SELECT count(*)::int FROM email_outbox) AS emails,
           (SELECT count(*)::int FROM message_outbox) AS messages,
           (SELECT count(*)::int FROM audit_event) AS audits`;
  return row;
}

async function outboxOf(sessionId: string) {
  const emails = await prisma.emailOutbox.findMany({ where: { entityId: sessionId } });
  const messages = await prisma.messageOutbox.findMany({
    where: { entityId: sessionId },
    orderBy: { channel: "asc" },
  });
  return { emails, messages };
}

describe("creating a payment link", () => {
  it("writes one outbox row per chosen channel and a link_sent audit row", async () => {
    const { id } = await create({ notifications: { email: true, sms: true, whatsapp: true } });
    const { emails, messages } = await outboxOf(id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: ["sara@example.test"], kind: "payment_link.created" });
    expect(emails[0].text).toContain(`/checkout/${id}`);
    expect(emails[0].text).toContain("12.500 KWD");
    expect(messages.map((message) => [message.channel, message.toE164])).toEqual([
      ["sms", "+96550001234"],
      ["whatsapp", "+96550001234"],
    ]);
    const session = await prisma.checkoutSession.findUniqueOrThrow({ where: { id } });
    expect(messages[0].text).toContain(`/c/${session.shortCode}`);
    const audit = await prisma.auditEvent.findMany({
      where: { entityId: id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((row) => row.action)).toEqual([
      "checkout_session.created",
      "checkout_session.link_sent",
    ]);
    expect(audit[1].data).toEqual({ channels: ["email", "sms", "whatsapp"], reason: "created" });
  });

  it.each([
    ["email", 1, 0],
    ["sms", 0, 1],
    ["whatsapp", 0, 1],
  ] as const)("with %s only, writes only that channel's row", async (channel, emails, messages) => {
    const { id } = await create({ notifications: { [channel]: true } });
    const outbox = await outboxOf(id);
    expect([outbox.emails.length, outbox.messages.length]).toEqual([emails, messages]);
    if (messages) expect(outbox.messages[0].channel).toBe(channel);
  });

  it("without channels sends nothing and records no link_sent", async () => {
    const { id } = await create();
    const outbox = await outboxOf(id);
    expect([outbox.emails.length, outbox.messages.length]).toEqual([0, 0]);
    expect(
      await prisma.auditEvent.count({
        where: { entityId: id, action: "checkout_session.link_sent" },
      }),
    ).toBe(0);
  });

  it("writes the session and its outbox rows in one transaction: a failing outbox write leaves nothing", async () => {
    const before = await counts();
    // A constraint the SMS row cannot meet: the outbox insert fails after the session was inserted.
    await prisma.$executeRawUnsafe(
      `ALTER TABLE message_outbox ADD CONSTRAINT test_refuse_links CHECK (kind <> 'payment_link.created') NOT VALID`,
    );
    try {
      await expect(create({ notifications: { email: true, sms: true } })).rejects.toThrow();
    } finally {
      await prisma.$executeRawUnsafe(
        `ALTER TABLE message_outbox DROP CONSTRAINT test_refuse_links`,
      );
    }
    expect(await counts()).toEqual(before);
    expect(await prisma.paymentTransaction.count({ where: { merchantId: m.merchant.id } })).toBe(0);
  });

  it("refuses a channel without its address, and an e-commerce session, writing nothing", async () => {
    const before = await counts();
    await expect(
      create({ customer_email: undefined, notifications: { email: true } }),
    ).rejects.toMatchObject({ code: "validation_error" });
    await expect(
      create({ customer_phone: undefined, notifications: { whatsapp: true } }),
    ).rejects.toMatchObject({ code: "validation_error" });
    await expect(create({ type: "e_commerce" })).rejects.toMatchObject({
      code: "validation_error",
    });
    expect(await counts()).toEqual(before);
  });

  it("turns the dashboard form into the API request: E.164 phone, expiry, due date, channels", async () => {
    const form = CreatePaymentLinkSchema.parse({
      amount: "5.250",
      currency: "KWD",
      pg_codes: ["knet"],
      customer_first_name: "Ali",
      customer_phone: "+965 5000-1234",
      customer_email: "",
      due_at: future(),
      expiry_minutes: "4320",
      channels: ["sms"],
    });
    const request = CreateCheckoutSchema.parse(toCheckoutRequest(form));
    expect(request).toMatchObject({
      customer_phone: "+96550001234",
      expiration_time: "3 00:00:00",
      notifications: { sms: true },
    });
    const { id } = await createPaymentRequest(caller, request);
    const session = await prisma.checkoutSession.findUniqueOrThrow({ where: { id } });
    expect(session.expirationSeconds).toBe(3 * 24 * 3600);
    expect(session.createdVia).toBe("dashboard");
    expect((await outboxOf(id)).messages).toHaveLength(1);
  });

  it("puts the form's field mistakes beside the fields", () => {
    const result = CreatePaymentLinkSchema.safeParse({
      amount: "",
      currency: "XXX",
      pg_codes: [],
      customer_phone: "12345",
      customer_email: "not-an-email",
      expiry_minutes: 2,
    });
    expect(result.success).toBe(false);
    const fields = new Set(result.error?.issues.map((issue) => issue.path.join(".")));
    for (const field of [
      "amount",
      "currency",
      "pg_codes",
      "customer_phone",
      "customer_email",
      "expiry_minutes",
    ])
      expect(fields.has(field), field).toBe(true);
  });

  it("refuses a due date in the past and an expiry out of range", async () => {
    await expect(create({ due_datetime: "2020-01-01T00:00:00Z" })).rejects.toMatchObject({
      code: "validation_error",
    });
    await expect(create({ expiration_time: "00:04:59" })).rejects.toThrow();
    await expect(create({ expiration_time: "31 00:00:00" })).rejects.toThrow();
  });
});

describe("resending and canceling", () => {
  it("resends by the channels chosen, with its own audit row", async () => {
    const { id } = await create({ notifications: { email: true } });
    await sendPaymentLink(caller, id, ["sms", "email"]);
    const { emails, messages } = await outboxOf(id);
    expect(emails.map((email) => email.kind).sort()).toEqual([
      "payment_link.created",
      "payment_link.resent",
    ]);
    expect(messages.map((message) => [message.channel, message.kind])).toEqual([
      ["sms", "payment_link.resent"],
    ]);
    const sent = await prisma.auditEvent.findMany({
      where: { entityId: id, action: "checkout_session.link_sent" },
      orderBy: { id: "asc" },
    });
    expect(sent.map((row) => row.data)).toEqual([
      { channels: ["email"], reason: "created" },
      { channels: ["email", "sms"], reason: "resent" },
    ]);
  });

  it("refuses to resend a canceled link, another merchant's link, or with no channel; writes nothing", async () => {
    const { id } = await create();
    await endCheckoutSession(caller, id, "canceled", "canceled in the dashboard");
    const before = await counts();
    await expect(sendPaymentLink(caller, id, ["email"])).rejects.toMatchObject({
      code: "invalid_state",
    });
    const other = await seedMerchant();
    const otherCaller = checkoutCallerOf(principalOf(other, "maker"));
    await expect(sendPaymentLink(otherCaller, id, ["email"])).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(sendPaymentLink(caller, id, [])).rejects.toMatchObject({
      code: "validation_error",
    });
    await expect(sendPaymentLink(caller, "not-a-uuid", ["email"])).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await counts()).toEqual(before);
  });

  it("cancels a link once; the list and detail show it canceled with its history", async () => {
    const { id } = await create({ notifications: { email: true } });
    await endCheckoutSession(caller, id, "canceled", "canceled in the dashboard");
    await expect(endCheckoutSession(caller, id, "canceled", "again")).rejects.toBeInstanceOf(
      AppError,
    );
    const detail = await getPaymentLinkDetail(m.merchant.id, id);
    expect(detail?.state).toBe("canceled");
    expect(detail?.endedReason).toBe("canceled in the dashboard");
    expect(detail?.history.map((event) => event.action)).toEqual([
      "checkout_session.created",
      "checkout_session.link_sent",
      "checkout_session.canceled",
    ]);
    expect(detail?.history[1].channels).toEqual(["email"]);
    expect(detail?.history[0].actorName).toContain("maker");
    expect(
      await getPaymentLinkDetail(m.merchant.id, "00000000-0000-4000-8000-000000000000"),
    ).toBeNull();
  });
});

describe("the list", () => {
  const query = (raw: Record<string, string> = {}) => PaymentLinkListQuerySchema.parse(raw);

  it("lists payment requests only, newest first, pages by cursor without repeats", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 5; index++)
      ids.push((await create({ order_no: `PL-${index}` })).id);
    const first = await listPaymentLinks(m.merchant.id, query({ limit: "2" }));
    expect(first.data.map((row) => row.orderNo)).toEqual(["PL-4", "PL-3"]);
    const second = await listPaymentLinks(
      m.merchant.id,
      query({ limit: "2", cursor: first.nextCursor ?? "" }),
    );
    const third = await listPaymentLinks(
      m.merchant.id,
      query({ limit: "2", cursor: second.nextCursor ?? "" }),
    );
    expect([...first.data, ...second.data, ...third.data].map((row) => row.id).sort()).toEqual(
      [...ids].sort(),
    );
    expect(third.nextCursor).toBeNull();
    expect(first.data[0].shortUrl).toMatch(/\/c\/[2-9A-Za-z]{10}$/);
    expect(first.data[0].qrUrl).toBe(`${first.data[0].shortUrl}/qr`);
  });

  it("filters by state, search and created range, and never shows another merchant's links", async () => {
    const a = await create({ order_no: "INV-100", customer_first_name: "Noura" });
    await create({ order_no: "INV-200", customer_email: "zed@example.test" });
    await endCheckoutSession(caller, a.id, "canceled", "x");
    const other = await seedMerchant();
    await createPaymentRequest(
      checkoutCallerOf(principalOf(other, "maker")),
      CreateCheckoutSchema.parse({
        type: "payment_request",
        amount: "1.000",
        currency_code: "KWD",
        pg_codes: ["knet"],
        order_no: "INV-100",
      }),
    );
    const orders = async (raw: Record<string, string>) =>
      (await listPaymentLinks(m.merchant.id, query(raw))).data.map((row) => row.orderNo);
    expect(await orders({ state: "canceled" })).toEqual(["INV-100"]);
    expect(await orders({ state: "created" })).toEqual(["INV-200"]);
    expect(await orders({ q: "inv-1" })).toEqual(["INV-100"]);
    expect(await orders({ q: "noura" })).toEqual(["INV-100"]);
    expect(await orders({ q: "ZED@" })).toEqual(["INV-200"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await orders({ from: today, to: today })).sort()).toEqual(["INV-100", "INV-200"]);
    expect(await orders({ to: "2020-01-01" })).toEqual([]);
  });

  it("refuses a crafted cursor with a validation error, not a database error", async () => {
    await create();
    for (const cursor of [
      "garbage",
      Buffer.from(
        '{"s":"created_at","d":"desc","v":"not a date","id":"00000000-0000-4000-8000-000000000000"}',
      ).toString("base64url"),
      Buffer.from('{"s":"amount","d":"desc","v":null,"id":"x"}').toString("base64url"),
      Buffer.from(
        `{"s":"created_at","d":"desc","v":"2020-01-01T00:00:00.000Z","id":"'; DROP TABLE x;--"}`,
      ).toString("base64url"),
    ])
      await expect(listPaymentLinks(m.merchant.id, query({ cursor }))).rejects.toMatchObject({
        code: "validation_error",
      });
  });
});

describe("bulk payment requests (service)", () => {
  it("creates the good rows, reports the bad ones by row number, and writes only the good ones", async () => {
    const before = await counts();
    const result = await createBulkPaymentRequests(
      checkoutCallerOf(principalOf(m, "maker"), "bulk"),
      [
        {
          amount: "10.000",
          currency: "KWD",
          customer_name: "Sara Ali",
          email: "sara@example.test",
          order_no: "B-1",
          channels: "email",
        },
        { amount: "10.0001", currency: "KWD", order_no: "B-2" },
        {
          amount: "5",
          currency: "USD",
          phone: "+1 202 555 0143",
          order_no: "B-3",
          channels: "sms",
        },
        { amount: "1.000", currency: "KWD", order_no: "B-1" },
        { amount: "1.000", currency: "KWD", phone: "12", order_no: "B-5" },
        { amount: "1.000", currency: "JPY", order_no: "B-6" },
        { amount: "1.000", currency: "KWD", due_date: "2020-01-01", order_no: "B-7" },
      ],
      { firstRow: 11 },
    );
    expect(result.created).toBe(2);
    expect(result.failed).toBe(5);
    expect(result.rows.map((row) => [row.row, row.ok])).toEqual([
      [11, true],
      [12, false],
      [13, true],
      [14, false],
      [15, false],
      [16, false],
      [17, false],
    ]);
    const errorsOf = (index: number) => {
      const row = result.rows[index];
      return row.ok ? [] : row.errors.map((error) => error.field);
    };
    expect(errorsOf(1)).toEqual(["amount"]);
    expect(errorsOf(3)).toEqual(["order_no"]);
    expect(errorsOf(4)).toEqual(["phone"]);
    expect(errorsOf(5)).toEqual(["pg_code"]);
    expect(errorsOf(6)).toEqual(["due_date"]);
    const after = await counts();
    expect(after.sessions - before.sessions).toBe(2);
    expect(after.emails - before.emails).toBe(1);
    expect(after.messages - before.messages).toBe(1);
    const ok = result.rows[0];
    expect(ok.ok && ok.checkout_url).toContain(`/checkout/${ok.ok ? ok.session_id : ""}`);
    const session = await prisma.checkoutSession.findUniqueOrThrow({
      where: { id: ok.ok ? ok.session_id : "" },
    });
    expect(session).toMatchObject({
      createdVia: "bulk",
      customerFirstName: "Sara",
      customerLastName: "Ali",
      pgCodes: ["knet"],
    });
  });
});

describe("POST /api/v1/checkout/bulk", () => {
  const csvOf = (lines: string[]) =>
    ["amount,currency,customer_name,email,phone,order_no", ...lines].join("\n");
  const post = (
    body: string,
    type: string,
    key = m.users.maker.apiKey,
    headers: Record<string, string> = {},
  ) =>
    bulkPost(
      new Request("http://test/api/v1/checkout/bulk", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": type, ...headers },
        body,
      }),
      noParams,
    );

  it("takes a CSV and answers per-row results", async () => {
    const response = await post(
      csvOf([
        "12.500,KWD,Sara Ali,sara@example.test,+96550001234,C-1",
        "abc,KWD,Bad Amount,,,C-2",
        '3.000,KWD,"Ali, Jr",ali@example.test,,C-3',
      ]),
      "text/csv; charset=utf-8",
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.created).toBe(2);
    expect(body.rows.map((row: { row: number; ok: boolean }) => [row.row, row.ok])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(await prisma.checkoutSession.count({ where: { merchantId: m.merchant.id } })).toBe(2);
  });

  it("takes JSON rows, numbers included", async () => {
    const response = await post(
      JSON.stringify({
        rows: [
          { amount: 7, currency: "KWD", order_no: "J-1" },
          { amount: "1", currency: "JPY" },
        ],
      }),
      "application/json",
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.rows.map((row: { ok: boolean }) => row.ok)).toEqual([true, false]);
  });

  it("replays the first answer for the same Idempotency-Key and creates nothing twice", async () => {
    const body = JSON.stringify({ rows: [{ amount: "1.000", currency: "KWD", order_no: "I-1" }] });
    const first = await post(body, "application/json", undefined, { "idempotency-key": "bulk-1" });
    const second = await post(body, "application/json", undefined, { "idempotency-key": "bulk-1" });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(await first.json());
    expect(await prisma.checkoutSession.count({ where: { merchantId: m.merchant.id } })).toBe(1);
    const other = await post(
      JSON.stringify({ rows: [{ amount: "2.000", currency: "KWD" }] }),
      "application/json",
      undefined,
      { "idempotency-key": "bulk-1" },
    );
    expect(other.status).toBe(422);
  });

  describe("hostile input: 4xx and nothing written", () => {
    async function refused(response: Response, status: number, code?: string) {
      expect(response.status).toBe(status);
      const body = await response.json();
      expect(body.error.code).toBeTypeOf("string");
      if (code) expect(body.error.code).toBe(code);
      expect(await prisma.checkoutSession.count()).toBe(0);
      return body;
    }
    beforeEach(async () => {
      await prisma.$executeRawUnsafe("TRUNCATE checkout_session, payment_transaction CASCADE");
    });

    it("a malformed CSV", async () => {
      await refused(
        await post('amount,currency\n"12.000,KWD\n', "text/csv"),
        400,
        "validation_error",
      );
      await refused(await post("colour,size\nred,XL\n", "text/csv"), 400, "validation_error");
      await refused(await post("", "text/csv"), 400, "validation_error");
      await refused(await post("amount,currency\n", "text/csv"), 400, "validation_error");
      await refused(
        await post("amount,currency\n1\u0000,KWD\n", "text/csv"),
        400,
        "validation_error",
      );
    });

    it(`more than ${MAX_BULK_ROWS} rows, as CSV and as JSON`, async () => {
      const lines = Array.from({ length: MAX_BULK_ROWS + 1 }, (_, i) => `1.000,KWD,,,,R-${i}`);
      const body = await refused(await post(csvOf(lines), "text/csv"), 400, "validation_error");
      expect(body.error.message).toMatch(/at most 5000/);
      const rows = Array.from({ length: MAX_BULK_ROWS + 1 }, () => ({
        amount: "1",
        currency: "KWD",
      }));
      await refused(
        await post(JSON.stringify({ rows }), "application/json"),
        400,
        "validation_error",
      );
    });

    it("a body over 2 MB", async () => {
      const big = `amount,currency,customer_name\n${"1.000,KWD,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n".repeat(40_000)}`;
      expect(Buffer.byteLength(big)).toBeGreaterThan(2 * 1024 * 1024);
      await refused(await post(big, "text/csv"), 413, "payload_too_large");
    });

    it("malformed JSON, wrong shapes, unknown columns, NUL bytes and other media types", async () => {
      await refused(await post("{not json", "application/json"), 400, "invalid_json");
      await refused(await post(JSON.stringify({ rows: [] }), "application/json"), 400);
      await refused(await post(JSON.stringify({ rows: "x" }), "application/json"), 400);
      await refused(await post(JSON.stringify([{ amount: "1" }]), "application/json"), 400);
      await refused(
        await post(
          JSON.stringify({ rows: [{ amount: "1", currency: "KWD", colour: "red" }] }),
          "application/json",
        ),
        400,
      );
      await refused(
        await post(
          JSON.stringify({ rows: [{ amount: "1", currency: "KWD" }], extra: 1 }),
          "application/json",
        ),
        400,
      );
      await refused(
        await post(
          JSON.stringify({ rows: [{ amount: "1", currency: "KW\u0000D" }] }),
          "application/json",
        ),
        400,
      );
      await refused(
        await post(
          JSON.stringify({ rows: [{ amount: { $gt: 1 }, currency: "KWD" }] }),
          "application/json",
        ),
        400,
      );
      await refused(
        await post(
          JSON.stringify({
            __proto__: { rows: [] },
            rows: [{ amount: "1", currency: "KWD", ["__proto__"]: "x" }],
          }),
          "application/json",
        ),
        400,
      );
      await refused(
        await post("amount=1", "application/x-www-form-urlencoded"),
        415,
        "unsupported_media_type",
      );
      await refused(
        await post(
          JSON.stringify({ rows: [{ amount: "1", currency: "KWD" }] }),
          "application/json",
          undefined,
          { "idempotency-key": "non-ascii-é" },
        ),
        400,
      );
    });

    it("out-of-range numbers and dates are row errors, never a 500", async () => {
      const response = await post(
        JSON.stringify({
          rows: [
            { amount: 1e308, currency: "KWD" },
            { amount: "99999999999999999999999999.000", currency: "KWD" },
            { amount: "-1.000", currency: "KWD" },
            { amount: "0", currency: "KWD" },
            { amount: "1.000", currency: "KWD", due_date: "99999-01-01" },
            { amount: "1.000", currency: "KWD", due_date: "2026-02-30" },
            { amount: "1.000", currency: "KWD", expiration_time: "9999 00:00:00" },
            { amount: "1.000", currency: "KWD", pg_code: "knet' OR 1=1 --" },
            { amount: "1.000", currency: "KWD", email: "a@b" },
            { amount: "1.000", currency: "KWD", language: "xx" },
          ],
        }),
        "application/json",
      );
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.created).toBe(0);
      expect(
        body.rows.every(
          (row: { ok: boolean; errors: unknown[] }) => !row.ok && row.errors.length > 0,
        ),
      ).toBe(true);
      expect(await prisma.checkoutSession.count()).toBe(0);
    });

    it("wrong methods, no key and a viewer's key", async () => {
      for (const handler of [bulkGet, bulkPut]) {
        const response = await handler(new Request("http://test/api/v1/checkout/bulk"));
        expect(response.status).toBe(405);
        expect((await response.json()).error.code).toBe("method_not_allowed");
      }
      const body = JSON.stringify({ rows: [{ amount: "1.000", currency: "KWD" }] });
      await refused(await post(body, "application/json", "sk_live_wrong"), 401, "unauthenticated");
      await refused(await post(body, "application/json", m.users.viewer.apiKey), 403, "forbidden");
    });
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("documents the bulk endpoint with both body types", async () => {
    const document = await (
      await openApi(new Request("http://test/api/v1/openapi.json"), noParams)
    ).json();
    const bulk = document.paths["/api/v1/checkout/bulk"]?.post;
    expect(Object.keys(bulk?.requestBody?.content ?? {}).sort()).toEqual([
      "application/json",
      "text/csv",
    ]);
    expect(Object.keys(bulk?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "400", "401", "403", "413", "415", "422"]),
    );
  });
});
