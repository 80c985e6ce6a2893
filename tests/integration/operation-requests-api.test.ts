import type { OperationRequestState, PaymentTransaction } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as openApi } from "@/app/api/v1/openapi.json/route";
import { POST as approve } from "@/app/api/v1/operation-requests/[id]/approve/route";
import { POST as cancel } from "@/app/api/v1/operation-requests/[id]/cancel/route";
import { POST as reject } from "@/app/api/v1/operation-requests/[id]/reject/route";
import { POST as retry } from "@/app/api/v1/operation-requests/[id]/retry/route";
import { GET as detail } from "@/app/api/v1/operation-requests/[id]/route";
import { GET as list } from "@/app/api/v1/operation-requests/route";
import { POST as submit } from "@/app/api/v1/operations/route";
import {
  purgeExpiredIdempotencyKeys,
  requestFingerprint,
  withIdempotency,
} from "@/lib/api/idempotency";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/log";
import {
  createPayment,
  enableApprovals,
  resetDatabase,
  seedMerchant,
  startSandboxGateway,
  type TestMerchant,
} from "./helpers";
import { get, noParams, withId } from "./requests";

/** The operation-request API through its route handlers, on a real database and a real (loopback) sandbox gateway. */

function post(
  path: string,
  key: string,
  body?: string,
  options: { idempotencyKey?: string; contentType?: string } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers["content-type"] = options.contentType ?? "application/json";
  if (options.idempotencyKey !== undefined) headers["idempotency-key"] = options.idempotencyKey;
  return new Request(`http://test${path}`, { method: "POST", headers, body });
}

async function errorOf(response: Response) {
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.message).toBe("string");
  return { status: response.status, code: body.error.code as string };
}

const submitBody = (payment: PaymentTransaction, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ transactionId: payment.id, operation: "refund", ...extra });

const AMOUNT = { KWD: "1.000", USD: "1.00", EUR: "1.00" } as const;

/** A request written straight to the table, for the read side: any state, any time. */
async function insertRequest(
  m: TestMerchant,
  payment: PaymentTransaction,
  options: { state?: OperationRequestState; operation?: "refund" | "void"; createdAt?: Date } = {},
) {
  const state = options.state ?? "canceled";
  const decided =
    state === "rejected"
      ? { rejectionReason: "No.", decidedById: m.users.checker.id, decidedAt: new Date() }
      : {};
  return prisma.operationRequest.create({
    data: {
      merchantId: m.merchant.id,
      transactionId: payment.id,
      gatewayId: payment.gatewayId,
      operation: options.operation ?? "refund",
      amount: AMOUNT[payment.currency as keyof typeof AMOUNT],
      currency: payment.currency,
      state,
      submittedById: m.users.maker.id,
      ...decided,
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    },
  });
}

let gateway: Awaited<ReturnType<typeof startSandboxGateway>>;
let m: TestMerchant;

beforeAll(async () => {
  gateway = await startSandboxGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(async () => {
  await resetDatabase();
  m = await seedMerchant("Ops Merchant");
});

describe("GET /api/v1/operation-requests", () => {
  async function page(query: string, key = m.users.viewer.apiKey) {
    const response = await list(get(`/api/v1/operation-requests${query}`, key), noParams);
    expect(response.status).toBe(200);
    return (await response.json()) as {
      data: {
        id: string;
        state: string;
        amount: string;
        currency: string;
        gateway: { code: string };
      }[];
      nextCursor: string | null;
    };
  }

  it("filters by state, operation, date, gateway code and currency, newest first, never another merchant's", async () => {
    const kwd = await createPayment(m);
    const usd = await createPayment(m, { currency: "USD", amount: "10.00" });
    const day = (d: string) => new Date(`${d}T12:00:00.000Z`);
    const a = await insertRequest(m, kwd, { state: "rejected", createdAt: day("2026-03-01") });
    const b = await insertRequest(m, usd, {
      state: "pending",
      operation: "void",
      createdAt: day("2026-03-02"),
    });
    const c = await insertRequest(m, kwd, {
      state: "pending",
      createdAt: new Date("2026-03-03T23:59:59.999Z"),
    });
    const d = await insertRequest(m, usd, {
      state: "expired",
      createdAt: new Date("2026-03-04T00:00:00.000Z"),
    });
    const other = await seedMerchant();
    await insertRequest(other, await createPayment(other), { createdAt: day("2026-03-02") });

    const ids = async (query: string) => (await page(query)).data.map((row) => row.id);
    expect(await ids("")).toEqual([d.id, c.id, b.id, a.id]);
    expect(await ids("?state=pending")).toEqual([c.id, b.id]);
    expect(await ids("?operation=void")).toEqual([b.id]);
    expect(await ids("?currency=USD")).toEqual([d.id, b.id]);
    expect(await ids("?pg=knet")).toEqual([c.id, a.id]);
    expect(await ids("?pg=WireCard8&state=expired")).toEqual([d.id]);
    expect(await ids("?pg=no-such-gateway")).toEqual([]);
    // Both ends inclusive, in UTC days.
    expect(await ids("?from=2026-03-02&to=2026-03-03")).toEqual([c.id, b.id]);
    expect(await ids("?from=2026-03-04")).toEqual([d.id]);

    const [first] = (await page("?state=rejected")).data;
    expect(first).toMatchObject({
      id: a.id,
      amount: "1.000",
      currency: "KWD",
      gateway: { code: "knet", name: "KNET" },
      orderNo: kwd.orderNo,
    });
    expect(first).toMatchObject({
      maker: { id: m.users.maker.id },
      decidedBy: { id: m.users.checker.id },
      rejectionReason: "No.",
    });
  });

  it("pages with the cursor without skipping or repeating rows that share a timestamp", async () => {
    const payment = await createPayment(m);
    const same = new Date("2026-04-01T10:00:00.000Z");
    const rows = [];
    for (let i = 0; i < 7; i++)
      rows.push(
        await insertRequest(m, payment, {
          createdAt: i < 4 ? same : new Date(same.getTime() - i * 1000),
        }),
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result = await page(`?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...result.data.map((row) => row.id));
      cursor = result.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(rows.map((row) => row.id)));
    // The cursor's order is the list's: (created_at, id) descending.
    const expected = [...rows]
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id > x.id ? 1 : -1))
      .map((row) => row.id);
    expect(seen).toEqual(expected);
  });

  it("refuses forged cursors, unknown parameters and bad values with 400", async () => {
    const forged = Buffer.from(JSON.stringify({ at: "yesterday", id: "x" })).toString("base64url");
    for (const query of [
      `?cursor=${forged}`,
      "?cursor=%%%",
      "?colour=red",
      "?limit=0",
      "?limit=101",
      "?state=open",
      "?currency=XYZ",
      "?from=2026-02-30",
      "?from=2026-05-02&to=2026-05-01",
    ]) {
      const { status, code } = await errorOf(
        await list(get(`/api/v1/operation-requests${query}`, m.users.viewer.apiKey), noParams),
      );
      expect([query, status, code]).toEqual([query, 400, "validation_error"]);
    }
    expect(
      (await errorOf(await list(get("/api/v1/operation-requests", "sk_test_wrong"), noParams)))
        .status,
    ).toBe(401);
  });
});

describe("GET /api/v1/operation-requests/{id}", () => {
  it("answers the request with its history, and 404 alike for another merchant's, unknown and malformed ids", async () => {
    await enableApprovals(m);
    const payment = await createPayment(m);
    const created = await submit(
      post(
        "/api/v1/operations",
        m.users.maker.apiKey,
        submitBody(payment, { amount: "2.5", reason: "Damaged" }),
      ),
      noParams,
    );
    const { data: request } = await created.json();

    const response = await detail(
      get(`/api/v1/operation-requests/${request.id}`, m.users.viewer.apiKey),
      withId(request.id),
    );
    expect(response.status).toBe(200);
    const { data } = await response.json();
    expect(data).toMatchObject({
      id: request.id,
      state: "pending",
      amount: "2.500",
      reason: "Damaged",
      maker: { id: m.users.maker.id, email: m.users.maker.email },
    });
    expect(data.history).toEqual([
      expect.objectContaining({
        type: "audit",
        action: "operation_request.submitted",
        toState: "pending",
        actor: expect.objectContaining({ id: m.users.maker.id }),
      }),
    ]);

    const other = await seedMerchant();
    for (const id of [
      request.id,
      "00000000-0000-0000-0000-000000000000",
      "not-a-uuid",
      "'; DROP TABLE merchant; --",
    ]) {
      const { status, code } = await errorOf(
        await detail(
          get(`/api/v1/operation-requests/${encodeURIComponent(id)}`, other.users.admin.apiKey),
          withId(id),
        ),
      );
      expect([id, status, code]).toEqual([id, 404, "not_found"]);
    }
  });
});

describe("POST /api/v1/operations", () => {
  it("creates a pending request for a maker and answers 201 with it", async () => {
    await enableApprovals(m);
    const payment = await createPayment(m, { amount: "20.000" });
    const response = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, submitBody(payment, { amount: 5 })),
      noParams,
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("idempotent-replayed")).toBeNull();
    const { data } = await response.json();
    expect(data).toMatchObject({
      transactionId: payment.id,
      operation: "refund",
      amount: "5.000",
      currency: "KWD",
      state: "pending",
      decidedBy: null,
    });
    expect(await prisma.operationRequest.count()).toBe(1);
  });

  it("executes at once when the plugin is off, answering the request as done", async () => {
    const payment = await createPayment(m, { amount: "20.000" });
    const response = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, submitBody(payment, { amount: "4.000" })),
      noParams,
    );
    expect(response.status).toBe(201);
    const { data } = await response.json();
    expect(data).toMatchObject({ state: "done", directReason: "plugin_disabled" });
    expect(data.history.map((entry: { type: string }) => entry.type)).toContain("attempt");
  });

  it("refuses bad input with 400 in the one error shape and writes nothing", async () => {
    await enableApprovals(m);
    const payment = await createPayment(m);
    const cases: [string, string, number, string][] = [
      ["malformed JSON", "{ transactionId: ", 400, "invalid_json"],
      ["unknown field", submitBody(payment, { colour: "red" }), 400, "validation_error"],
      ["unknown operation", submitBody(payment, { operation: "capture" }), 400, "validation_error"],
      [
        "not a uuid",
        JSON.stringify({ transactionId: "42", operation: "refund" }),
        400,
        "validation_error",
      ],
      ["too many decimals", submitBody(payment, { amount: "1.0001" }), 400, "validation_error"],
      ["negative", submitBody(payment, { amount: "-1.000" }), 400, "validation_error"],
      ["zero", submitBody(payment, { amount: "0" }), 400, "validation_error"],
      ["not a number", submitBody(payment, { amount: "ten" }), 400, "validation_error"],
      ["not an object", "[]", 400, "validation_error"],
    ];
    for (const [label, body, status, code] of cases) {
      const error = await errorOf(
        await submit(post("/api/v1/operations", m.users.maker.apiKey, body), noParams),
      );
      expect([label, error.status, error.code]).toEqual([label, status, code]);
    }
    const wrongType = await errorOf(
      await submit(
        post("/api/v1/operations", m.users.maker.apiKey, "x=1", { contentType: "text/plain" }),
        noParams,
      ),
    );
    expect([wrongType.status, wrongType.code]).toEqual([415, "unsupported_media_type"]);
    expect(await prisma.operationRequest.count()).toBe(0);
    expect(await prisma.auditEvent.count({ where: { entity: "operation_request" } })).toBe(0);
  });

  it("refuses a viewer (no refund permission) with 403", async () => {
    const payment = await createPayment(m);
    const error = await errorOf(
      await submit(
        post("/api/v1/operations", m.users.viewer.apiKey, submitBody(payment)),
        noParams,
      ),
    );
    expect([error.status, error.code]).toEqual([403, "forbidden"]);
  });
});

describe("decisions through the API", () => {
  async function pendingRequest(payment?: PaymentTransaction) {
    const target = payment ?? (await createPayment(m));
    const response = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, submitBody(target, { amount: "1.000" })),
      noParams,
    );
    expect(response.status).toBe(201);
    return (await response.json()).data.id as string;
  }

  it("approve executes and answers the request as done, with the attempt in its history", async () => {
    await enableApprovals(m);
    const id = await pendingRequest();
    const response = await approve(
      post(`/api/v1/operation-requests/${id}/approve`, m.users.checker.apiKey),
      withId(id),
    );
    expect(response.status).toBe(200);
    const { data } = await response.json();
    expect(data).toMatchObject({ id, state: "done", decidedBy: { id: m.users.checker.id } });
    expect(data.resultTransactionId).toEqual(expect.any(String));
    const types = data.history.map(
      (entry: { type: string; action?: string }) => entry.action ?? entry.type,
    );
    expect(types).toEqual([
      "operation_request.submitted",
      "operation_request.approved",
      "attempt",
      "operation_request.done",
    ]);
  });

  it("reject needs a reason and records it; cancel withdraws; the wrong people are refused", async () => {
    await enableApprovals(m);
    const first = await pendingRequest();
    const missing = await errorOf(
      await reject(
        post(`/api/v1/operation-requests/${first}/reject`, m.users.checker.apiKey, "{}"),
        withId(first),
      ),
    );
    expect(missing).toEqual({ status: 400, code: "validation_error" });
    const byMaker = await errorOf(
      await approve(
        post(`/api/v1/operation-requests/${first}/approve`, m.users.maker.apiKey),
        withId(first),
      ),
    );
    expect(byMaker).toEqual({ status: 403, code: "forbidden" });

    const rejected = await reject(
      post(
        `/api/v1/operation-requests/${first}/reject`,
        m.users.checker.apiKey,
        JSON.stringify({ reason: "Duplicate" }),
      ),
      withId(first),
    );
    expect(rejected.status).toBe(200);
    expect((await rejected.json()).data).toMatchObject({
      state: "rejected",
      rejectionReason: "Duplicate",
    });

    const second = await pendingRequest();
    const canceled = await cancel(
      post(`/api/v1/operation-requests/${second}/cancel`, m.users.maker.apiKey),
      withId(second),
    );
    expect(canceled.status).toBe(200);
    expect((await canceled.json()).data.state).toBe("canceled");
    const again = await errorOf(
      await cancel(
        post(`/api/v1/operation-requests/${second}/cancel`, m.users.maker.apiKey),
        withId(second),
      ),
    );
    expect(again).toEqual({ status: 409, code: "request_canceled" });

    const other = await seedMerchant();
    const foreign = await errorOf(
      await cancel(
        post(`/api/v1/operation-requests/${second}/cancel`, other.users.maker.apiKey),
        withId(second),
      ),
    );
    expect(foreign).toEqual({ status: 404, code: "not_found" });
  });

  it("retry runs a failed request again", async () => {
    await enableApprovals(m);
    await prisma.sandboxGatewayBehaviour.create({
      data: { gatewayId: m.gateways.knet.id, mode: "decline" },
    });
    const id = await pendingRequest();
    const approved = await approve(
      post(`/api/v1/operation-requests/${id}/approve`, m.users.checker.apiKey),
      withId(id),
    );
    expect((await approved.json()).data.state).toBe("manual_action_required");
    await prisma.sandboxGatewayBehaviour.update({
      where: { gatewayId: m.gateways.knet.id },
      data: { mode: "succeed" },
    });
    const retried = await retry(
      post(`/api/v1/operation-requests/${id}/retry`, m.users.maker.apiKey),
      withId(id),
    );
    expect(retried.status).toBe(200);
    const { data } = await retried.json();
    expect(data.state).toBe("done");
    expect(
      data.history
        .filter((entry: { type: string }) => entry.type === "attempt")
        .map((entry: { outcome: string }) => entry.outcome),
    ).toEqual(["failed", "succeeded"]);
  });
});

describe("Idempotency-Key", () => {
  it("replays the first response for the same request, and creates one request", async () => {
    await enableApprovals(m);
    const payment = await createPayment(m);
    const body = submitBody(payment, { amount: "1.000" });
    const first = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, body, { idempotencyKey: "order-42-refund" }),
      noParams,
    );
    const second = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, body, { idempotencyKey: "order-42-refund" }),
      noParams,
    );
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.json()).toEqual(await first.json());
    expect(await prisma.operationRequest.count()).toBe(1);
  });

  it("refuses the same key with another request (422), and keeps the first answer", async () => {
    await enableApprovals(m);
    const payment = await createPayment(m);
    const key = { idempotencyKey: "k-1" };
    expect(
      (
        await submit(
          post(
            "/api/v1/operations",
            m.users.maker.apiKey,
            submitBody(payment, { amount: "1.000" }),
            key,
          ),
          noParams,
        )
      ).status,
    ).toBe(201);
    const reuse = await errorOf(
      await submit(
        post(
          "/api/v1/operations",
          m.users.maker.apiKey,
          submitBody(payment, { amount: "2.000" }),
          key,
        ),
        noParams,
      ),
    );
    expect(reuse).toEqual({ status: 422, code: "idempotency_key_reuse" });
    // Same key on another endpoint is another request too.
    const id = (await prisma.operationRequest.findFirstOrThrow()).id;
    const elsewhere = await errorOf(
      await cancel(
        post(`/api/v1/operation-requests/${id}/cancel`, m.users.maker.apiKey, undefined, key),
        withId(id),
      ),
    );
    expect(elsewhere).toEqual({ status: 422, code: "idempotency_key_reuse" });
    expect(await prisma.operationRequest.count()).toBe(1);
  });

  it("lets parallel first requests run once: the others replay or hear 409", async () => {
    await enableApprovals(m);
    const payment = await createPayment(m);
    const body = submitBody(payment, { amount: "1.000" });
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        submit(
          post("/api/v1/operations", m.users.maker.apiKey, body, { idempotencyKey: "parallel" }),
          noParams,
        ),
      ),
    );
    const outcomes = await Promise.all(
      responses.map(async (response) => {
        const json = await response.json();
        if (response.status === 201)
          return response.headers.get("idempotent-replayed") === "true" ? "replayed" : "created";
        return `${response.status} ${json.error.code}`;
      }),
    );
    expect(outcomes.filter((outcome) => outcome === "created")).toHaveLength(1);
    expect(
      outcomes.every((outcome) =>
        ["created", "replayed", "409 idempotency_in_progress"].includes(outcome),
      ),
    ).toBe(true);
    expect(await prisma.operationRequest.count()).toBe(1);
  });

  it("is per merchant: two merchants may use the same key", async () => {
    const other = await seedMerchant();
    await enableApprovals(m);
    await enableApprovals(other);
    const mine = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, submitBody(await createPayment(m)), {
        idempotencyKey: "shared",
      }),
      noParams,
    );
    const theirs = await submit(
      post("/api/v1/operations", other.users.maker.apiKey, submitBody(await createPayment(other)), {
        idempotencyKey: "shared",
      }),
      noParams,
    );
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(await prisma.operationRequest.count()).toBe(2);
  });

  it("remembers a 4xx answer too, and replays an approval without calling the gateway again", async () => {
    await enableApprovals(m);
    const voided = await createPayment(m, { state: "voided" });
    const refused = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, submitBody(voided), {
        idempotencyKey: "nope",
      }),
      noParams,
    );
    const refusedAgain = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, submitBody(voided), {
        idempotencyKey: "nope",
      }),
      noParams,
    );
    expect([
      refused.status,
      refusedAgain.status,
      refusedAgain.headers.get("idempotent-replayed"),
    ]).toEqual([422, 422, "true"]);

    const created = await submit(
      post(
        "/api/v1/operations",
        m.users.maker.apiKey,
        submitBody(await createPayment(m), { amount: "1.000" }),
      ),
      noParams,
    );
    const id = (await created.json()).data.id as string;
    const calls = gateway.calls();
    const first = await approve(
      post(`/api/v1/operation-requests/${id}/approve`, m.users.checker.apiKey, undefined, {
        idempotencyKey: "approve-1",
      }),
      withId(id),
    );
    const second = await approve(
      post(`/api/v1/operation-requests/${id}/approve`, m.users.checker.apiKey, undefined, {
        idempotencyKey: "approve-1",
      }),
      withId(id),
    );
    expect([first.status, second.status, second.headers.get("idempotent-replayed")]).toEqual([
      200,
      200,
      "true",
    ]);
    expect((await second.json()).data.state).toBe("done");
    expect(gateway.calls() - calls).toBe(1);
  });

  it("refuses a malformed key with 400 and runs nothing", async () => {
    const payment = await createPayment(m);
    for (const key of ["", "x".repeat(256), "tab\there", "naïve"]) {
      const error = await errorOf(
        await submit(
          post("/api/v1/operations", m.users.maker.apiKey, submitBody(payment), {
            idempotencyKey: key,
          }),
          noParams,
        ),
      );
      expect([key, error.status, error.code]).toEqual([key, 400, "validation_error"]);
    }
    expect(await prisma.operationRequest.count()).toBe(0);
    expect(await prisma.apiIdempotencyKey.count()).toBe(0);
  });

  it("does not spend the key on a request that fails validation", async () => {
    await enableApprovals(m);
    const payment = await createPayment(m);
    const bad = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, submitBody(payment, { colour: "red" }), {
        idempotencyKey: "fix-me",
      }),
      noParams,
    );
    expect(bad.status).toBe(400);
    const fixed = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, submitBody(payment), {
        idempotencyKey: "fix-me",
      }),
      noParams,
    );
    expect(fixed.status).toBe(201);
  });

  it("releases the key after a 5xx, so the client can try again", async () => {
    const scope = {
      merchantId: m.merchant.id,
      key: "flaky",
      fingerprint: requestFingerprint({
        method: "POST",
        path: "/x",
        userId: m.users.maker.id,
        body: "{}",
      }),
    };
    const failed = await withIdempotency(
      scope,
      async () =>
        Response.json({ error: { code: "internal_error", message: "boom" } }, { status: 500 }),
      logger,
    );
    expect(failed.status).toBe(500);
    expect(await prisma.apiIdempotencyKey.count()).toBe(0);
    await expect(
      withIdempotency(
        scope,
        async () => {
          throw new Error("crash");
        },
        logger,
      ),
    ).rejects.toThrow("crash");
    expect(await prisma.apiIdempotencyKey.count()).toBe(0);
    const ok = await withIdempotency(
      scope,
      async () => Response.json({ ok: true }, { status: 201 }),
      logger,
    );
    expect(ok.status).toBe(201);
    const replay = await withIdempotency(
      scope,
      async () => Response.json({ ok: false }, { status: 201 }),
      logger,
    );
    expect([replay.headers.get("idempotent-replayed"), await replay.json()]).toEqual([
      "true",
      { ok: true },
    ]);
  });

  it("treats a record older than 48 hours as absent, and purges old records", async () => {
    await enableApprovals(m);
    const old = new Date(Date.now() - 49 * 3_600_000);
    await prisma.apiIdempotencyKey.create({
      data: {
        merchantId: m.merchant.id,
        key: "old",
        requestHash: "something else",
        responseStatus: 201,
        responseBody: {},
        createdAt: old,
        completedAt: old,
      },
    });
    const response = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, submitBody(await createPayment(m)), {
        idempotencyKey: "old",
      }),
      noParams,
    );
    expect([response.status, response.headers.get("idempotent-replayed")]).toEqual([201, null]);

    await prisma.apiIdempotencyKey.create({
      data: { merchantId: m.merchant.id, key: "older", requestHash: "x", createdAt: old },
    });
    await prisma.apiIdempotencyKey.create({
      data: {
        merchantId: m.merchant.id,
        key: "day-old",
        requestHash: "x",
        createdAt: new Date(Date.now() - 25 * 3_600_000),
      },
    });
    expect(await purgeExpiredIdempotencyKeys()).toBe(1);
    expect(
      (await prisma.apiIdempotencyKey.findMany({ orderBy: { key: "asc" } })).map((row) => row.key),
    ).toEqual(["day-old", "old"]);
    await expect(purgeExpiredIdempotencyKeys(1)).rejects.toThrow(RangeError);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("describes every v1 endpoint, publicly", async () => {
    const response = await openApi(new Request("http://test/api/v1/openapi.json"), noParams);
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/health",
        "/api/v1/transactions",
        "/api/v1/transactions/{id}",
        "/api/v1/sandbox/transactions",
        "/api/v1/operations",
        "/api/v1/operation-requests",
        "/api/v1/operation-requests/{id}",
        "/api/v1/operation-requests/{id}/approve",
        "/api/v1/operation-requests/{id}/reject",
        "/api/v1/operation-requests/{id}/cancel",
        "/api/v1/operation-requests/{id}/retry",
      ]),
    );
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    const submitErrors =
      document.paths["/api/v1/operations"].post.responses["409"].content["application/json"].schema
        .properties.error.properties.code.enum;
    expect(submitErrors).toEqual(
      expect.arrayContaining(["operation_pending", "idempotency_in_progress"]),
    );
  });
});
