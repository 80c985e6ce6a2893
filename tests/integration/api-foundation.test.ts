import { beforeEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { POST as createSandbox } from "@/app/api/v1/sandbox/transactions/route";
import { GET as getTransaction } from "@/app/api/v1/transactions/[id]/route";
import { GET as listTransactions } from "@/app/api/v1/transactions/route";
import { errorResponse } from "@/lib/api/route";
import { prisma } from "@/lib/db";
import { createPayment, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { get, noParams } from "./requests";

function post(path: string, key: string, body: string, contentType = "application/json") {
  return new Request(`http://test${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": contentType },
    body,
  });
}

async function errorOf(response: Response) {
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.message).toBe("string");
  return {
    status: response.status,
    code: body.error.code as string,
    message: body.error.message as string,
  };
}

let m: TestMerchant;

beforeEach(async () => {
  await resetDatabase();
  m = await seedMerchant("API Merchant");
  process.env.SANDBOX_MODE = "true";
});

describe("GET /api/health", () => {
  it("answers 200 with a database ping", async () => {
    const response = await health(get("/api/health"), noParams);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("GET /api/v1/transactions", () => {
  it("needs an API key or a session", async () => {
    expect(
      (
        await errorOf(
          await listTransactions(get("/api/v1/transactions", "sk_live_wrong"), noParams),
        )
      ).status,
    ).toBe(401);
  });

  it("lists the merchant's payments with exact decimal amounts", async () => {
    await createPayment(m, { amount: "12.500" });
    await createPayment(m, { amount: "3.10", currency: "USD" });
    const other = await seedMerchant();
    await createPayment(other);
    const response = await listTransactions(
      get("/api/v1/transactions?sort=amount&dir=asc", m.users.viewer.apiKey),
      noParams,
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(
      body.data.map((t: { amount: string; currency: string }) => `${t.amount} ${t.currency}`),
    ).toEqual(["3.10 USD", "12.500 KWD"]);
    expect(body.nextCursor).toBeNull();
  });

  it("refuses unknown parameters, bad limits and forged cursors with 400", async () => {
    for (const query of [
      "?colour=red",
      "?limit=1000",
      "?limit=0",
      "?cursor=not-a-cursor",
      "?currency=XYZ",
      "?from=2026-02-30",
      "?from=2026-05-02&to=2026-05-01",
    ]) {
      const { status, code } = await errorOf(
        await listTransactions(
          get(`/api/v1/transactions${query}`, m.users.viewer.apiKey),
          noParams,
        ),
      );
      expect([query, status, code]).toEqual([query, 400, "validation_error"]);
    }
  });
});

describe("GET /api/v1/transactions/{id}", () => {
  it("answers 404, never 403, for another merchant's id, an unknown id and a malformed one", async () => {
    const other = await seedMerchant();
    const foreign = await createPayment(other);
    for (const id of [
      foreign.id,
      "00000000-0000-0000-0000-000000000000",
      "not-an-id",
      "'; DROP TABLE merchant; --",
    ]) {
      const response = await getTransaction(
        get(`/api/v1/transactions/${encodeURIComponent(id)}`, m.users.admin.apiKey),
        { params: Promise.resolve({ id }) },
      );
      expect((await errorOf(response)).status).toBe(404);
    }
    const own = await createPayment(m);
    const response = await getTransaction(
      get(`/api/v1/transactions/${own.id}`, m.users.viewer.apiKey),
      { params: Promise.resolve({ id: own.id }) },
    );
    expect(response.status).toBe(200);
    expect((await response.json()).data.id).toBe(own.id);
  });
});

describe("POST /api/v1/sandbox/transactions", () => {
  const path = "/api/v1/sandbox/transactions";

  it("creates a paid payment with the captured amount and an audit row", async () => {
    const response = await createSandbox(
      post(
        path,
        m.users.maker.apiKey,
        JSON.stringify({
          amount: "25.250",
          currency: "KWD",
          gateway: "knet",
          state: "paid",
          customerEmail: "Buyer@Example.test",
        }),
      ),
      noParams,
    );
    expect(response.status).toBe(201);
    const { data } = await response.json();
    expect(data).toMatchObject({
      amount: "25.250",
      capturedAmount: "25.250",
      refundedAmount: "0.000",
      state: "paid",
      currency: "KWD",
    });
    expect(
      await prisma.auditEvent.count({
        where: { entityId: data.id, action: "payment_transaction.sandbox_created" },
      }),
    ).toBe(1);
  });

  it("refuses bad input with a clear 4xx and writes nothing", async () => {
    const cases: [string, string, number, string][] = [
      ["malformed JSON", "{ amount: ", 400, "invalid_json"],
      [
        "unknown field",
        JSON.stringify({
          amount: "1.000",
          currency: "KWD",
          gateway: "knet",
          state: "paid",
          colour: "red",
        }),
        400,
        "validation_error",
      ],
      [
        "wrong type",
        JSON.stringify({ amount: true, currency: "KWD", gateway: "knet", state: "paid" }),
        400,
        "validation_error",
      ],
      [
        "negative",
        JSON.stringify({ amount: "-1.000", currency: "KWD", gateway: "knet", state: "paid" }),
        400,
        "validation_error",
      ],
      [
        "zero",
        JSON.stringify({ amount: "0", currency: "KWD", gateway: "knet", state: "paid" }),
        400,
        "validation_error",
      ],
      [
        "too many decimals",
        JSON.stringify({ amount: "1.001", currency: "USD", gateway: "WireCard8", state: "paid" }),
        400,
        "validation_error",
      ],
      [
        "currency unlike the gateway's",
        JSON.stringify({ amount: "1.00", currency: "USD", gateway: "knet", state: "paid" }),
        400,
        "validation_error",
      ],
      [
        "unknown gateway",
        JSON.stringify({ amount: "1.000", currency: "KWD", gateway: "nope", state: "paid" }),
        400,
        "validation_error",
      ],
      [
        "bad state",
        JSON.stringify({ amount: "1.000", currency: "KWD", gateway: "knet", state: "refunded" }),
        400,
        "validation_error",
      ],
      ["not an object", "[]", 400, "validation_error"],
      [
        "oversized",
        JSON.stringify({
          amount: "1.000",
          currency: "KWD",
          gateway: "knet",
          state: "paid",
          pad: "x".repeat(70_000),
        }),
        413,
        "payload_too_large",
      ],
    ];
    for (const [label, body, status, code] of cases) {
      const error = await errorOf(
        await createSandbox(post(path, m.users.maker.apiKey, body), noParams),
      );
      expect([label, error.status, error.code]).toEqual([label, status, code]);
    }
    const wrongType = await errorOf(
      await createSandbox(post(path, m.users.maker.apiKey, "amount=1", "text/plain"), noParams),
    );
    expect([wrongType.status, wrongType.code]).toEqual([415, "unsupported_media_type"]);
    expect(await prisma.paymentTransaction.count()).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("says exactly what is wrong with an amount", async () => {
    const error = await errorOf(
      await createSandbox(
        post(
          path,
          m.users.maker.apiKey,
          JSON.stringify({ amount: "1.001", currency: "USD", gateway: "WireCard8", state: "paid" }),
        ),
        noParams,
      ),
    );
    expect(error.message).toBe("USD amounts have at most 2 decimal places.");
  });

  it("is refused to a viewer, and absent outside sandbox mode", async () => {
    const body = JSON.stringify({
      amount: "1.000",
      currency: "KWD",
      gateway: "knet",
      state: "paid",
    });
    expect(
      (await errorOf(await createSandbox(post(path, m.users.viewer.apiKey, body), noParams)))
        .status,
    ).toBe(403);
    process.env.SANDBOX_MODE = "false";
    expect(
      (await errorOf(await createSandbox(post(path, m.users.maker.apiKey, body), noParams))).status,
    ).toBe(404);
  });
});

describe("unexpected errors", () => {
  it("never leak their message, and a database outage is a 503 the client may retry", async () => {
    const crash = await errorOf(errorResponse(new Error("secret internals at line 42")));
    expect(crash).toMatchObject({ status: 500, code: "internal_error" });
    expect(crash.message).not.toContain("secret");
    const outage = errorResponse(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
    expect(outage.headers.get("retry-after")).toBe("5");
    expect(await errorOf(outage)).toMatchObject({ status: 503, code: "service_unavailable" });
  });
});

describe("API keys", () => {
  it("are created hashed, audited, capped at 20 active per user even in parallel, and revoked for good", async () => {
    const { createApiKey } = await import("@/lib/services/api-keys/create-api-key");
    const { revokeApiKey } = await import("@/lib/services/api-keys/revoke-api-key");
    const { principalOf } = await import("./helpers");
    const viewer = principalOf(m, "viewer");
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) => createApiKey(viewer, `key ${i}`)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(19); // the seeded test key is the 20th
    const created = results.find((r) => r.status === "fulfilled")!;
    const { id, key } = (created as PromiseFulfilledResult<{ id: string; key: string }>).value;
    expect(await prisma.apiKey.count({ where: { keyHash: key } })).toBe(0);
    expect((await listTransactions(get("/api/v1/transactions", key), noParams)).status).toBe(200);
    await revokeApiKey(viewer, id);
    expect((await listTransactions(get("/api/v1/transactions", key), noParams)).status).toBe(401);
    expect(await prisma.auditEvent.count({ where: { entity: "api_key" } })).toBe(20);
  });
});
