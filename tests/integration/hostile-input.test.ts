import { readdirSync } from "node:fs";
import path from "node:path";
import type { PaymentTransaction } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as mailbox } from "@/app/api/dev/mailbox/route";
import { POST as sandboxGateway } from "@/app/api/sandbox-gateway/[code]/[operation]/route";
import { POST as reject } from "@/app/api/v1/operation-requests/[id]/reject/route";
import { GET as listRequests } from "@/app/api/v1/operation-requests/route";
import { POST as submit } from "@/app/api/v1/operations/route";
import { POST as createSandbox } from "@/app/api/v1/sandbox/transactions/route";
import { GET as listTransactions } from "@/app/api/v1/transactions/route";
import { prisma } from "@/lib/db";
import {
  createPayment,
  enableApprovals,
  resetDatabase,
  seedMerchant,
  startSandboxGateway,
  type TestMerchant,
} from "./helpers";
import { get, noParams, withId } from "./requests";

/*
 * Hostile input (issue 6, section 2): every class of bad input found answering 500 must get a 4xx
 * in the one error shape and write nothing. Each case runs through the real route handler on the
 * real database.
 */

function post(path: string, key: string, body: unknown, headers: Record<string, string> = {}) {
  return new Request(`http://test${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** The one error shape: `{ error: { code, message, details? } }` and nothing else. */
async function errorOf(response: Response) {
  const text = await response.text();
  expect(text, `status ${response.status} with an empty body`).not.toBe("");
  const body = JSON.parse(text);
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return {
    status: response.status,
    code: body.error.code as string,
    message: body.error.message as string,
  };
}

/** Rows in every table, so "nothing was written" covers tables a future change may add. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${tablename}"`,
    );
    counts[tablename] = Number(row.n);
  }
  return counts;
}

/** Calls `send`, expects a 400 validation_error, and that no table gained or lost a row. */
async function expectRefused(send: () => Promise<Response>, label: string) {
  const before = await rowCounts();
  const { status, code, message } = await errorOf(await send());
  expect([label, status, code]).toEqual([label, 400, "validation_error"]);
  expect(await rowCounts()).toEqual(before);
  return message;
}

/** Re-encodes a cursor the API issued with `edit` applied to its decoded JSON text. */
function editCursor(cursor: string, edit: (json: string) => string): string {
  const json = Buffer.from(cursor, "base64url").toString("utf8");
  const edited = edit(json);
  expect(edited).not.toBe(json);
  return Buffer.from(edited, "utf8").toString("base64url");
}

let m: TestMerchant;
let payment: PaymentTransaction;
let gateway: Awaited<ReturnType<typeof startSandboxGateway>>;

beforeAll(async () => {
  gateway = await startSandboxGateway();
});

afterAll(async () => {
  await gateway.close();
});

beforeEach(async () => {
  await resetDatabase();
  m = await seedMerchant("Hostile Merchant");
  process.env.SANDBOX_MODE = "true";
  payment = await createPayment(m, { orderNo: "HOSTILE-1", amount: "10.000" });
  await createPayment(m, { orderNo: "HOSTILE-2", amount: "20.000" });
});

describe("control characters are refused at the schema, once, for every input", () => {
  const NUL = "\u0000";

  it.each([
    ["q", `a${NUL}b`],
    ["gateway", `kn${NUL}et`],
    ["to", `2026-01-0${NUL}`],
    ["q", "a\u0007b"],
    ["q", "a\u007fb"],
  ])("GET /api/v1/transactions?%s=<control>", async (param, value) => {
    const message = await expectRefused(
      () =>
        listTransactions(
          get(`/api/v1/transactions?${param}=${encodeURIComponent(value)}`, m.users.viewer.apiKey),
          noParams,
        ),
      param,
    );
    expect(message).toMatch(param);
  });

  it.each([
    ["pg", `kn${NUL}et`],
    ["to", `2026-01-0${NUL}`],
    ["state", `pend${NUL}ing`],
  ])("GET /api/v1/operation-requests?%s=<control>", async (param, value) => {
    await expectRefused(
      () =>
        listRequests(
          get(
            `/api/v1/operation-requests?${param}=${encodeURIComponent(value)}`,
            m.users.viewer.apiKey,
          ),
          noParams,
        ),
      param,
    );
  });

  it("GET /api/dev/mailbox?to=<NUL>", async () => {
    const message = await expectRefused(
      () =>
        mailbox(
          get(`/api/dev/mailbox?to=${encodeURIComponent(`a${NUL}@b.test`)}`, m.users.admin.apiKey),
          noParams,
        ),
      "to",
    );
    expect(message).toMatch(/control characters/);
  });

  it("a sandbox payment's gateway", async () => {
    await expectRefused(
      () =>
        createSandbox(
          post("/api/v1/sandbox/transactions", m.users.admin.apiKey, {
            amount: "1.000",
            currency: "KWD",
            gateway: `kn${NUL}et`,
            state: "paid",
          }),
          noParams,
        ),
      "gateway",
    );
  });

  it("a refund's reason, with or without approvals", async () => {
    for (const approvals of [false, true]) {
      if (approvals) await enableApprovals(m);
      const message = await expectRefused(
        () =>
          submit(
            post("/api/v1/operations", m.users.maker.apiKey, {
              transactionId: payment.id,
              operation: "refund",
              amount: "1.000",
              reason: `because${NUL}`,
            }),
            noParams,
          ),
        `reason (approvals ${approvals})`,
      );
      expect(message).toMatch(/reason/);
    }
  });

  it("free text keeps tab and line breaks", async () => {
    await enableApprovals(m);
    const response = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, {
        transactionId: payment.id,
        operation: "refund",
        amount: "1.000",
        reason: "line one\r\nline two\tend",
      }),
      noParams,
    );
    expect(response.status).toBe(201);
    expect((await response.json()).data.reason).toBe("line one\r\nline two\tend");
  });

  it("a rejection's reason", async () => {
    await enableApprovals(m);
    const submitted = await submit(
      post("/api/v1/operations", m.users.maker.apiKey, {
        transactionId: payment.id,
        operation: "refund",
        amount: "1.000",
      }),
      noParams,
    );
    expect(submitted.status).toBe(201);
    const { id } = (await submitted.json()).data;
    await expectRefused(
      () =>
        reject(
          post(`/api/v1/operation-requests/${id}/reject`, m.users.checker.apiKey, {
            reason: `no${NUL}`,
          }),
          withId(id),
        ),
      "reject reason",
    );
    const row = await prisma.operationRequest.findUniqueOrThrow({ where: { id } });
    expect(row.state).toBe("pending");
  });

  it("an id path parameter", async () => {
    // Only the checker may reject: without it the route answers 403 before it reads the path.
    await enableApprovals(m);
    await expectRefused(
      () =>
        reject(
          post(`/api/v1/operation-requests/x/reject`, m.users.checker.apiKey, { reason: "no" }),
          withId(`00000000-0000-0000-0000-00000000000${NUL}`),
        ),
      "id",
    );
  });

  it("a path parameter of the sandbox gateway", async () => {
    await expectRefused(
      () =>
        sandboxGateway(
          post(
            "/api/sandbox-gateway/x/refund",
            "none",
            {
              merchantId: m.merchant.id,
              paymentId: payment.id,
              amount: "1.000",
              currency: "KWD",
            },
            { "idempotency-key": "hostile-1" },
          ),
          { params: Promise.resolve({ code: `kn${NUL}et`, operation: "refund" }) },
        ),
      "code",
    );
  });

  it("a value inside a cursor", async () => {
    const first = await listTransactions(
      get("/api/v1/transactions?sort=order_no&dir=asc&limit=1", m.users.viewer.apiKey),
      noParams,
    );
    expect(first.status).toBe(200);
    const { nextCursor } = await first.json();
    expect(nextCursor).toEqual(expect.any(String));
    const crafted = editCursor(nextCursor, (json) => json.replace("HOSTILE-1", "HOST\\u0000ILE"));
    await expectRefused(
      () =>
        listTransactions(
          get(
            `/api/v1/transactions?sort=order_no&dir=asc&limit=1&cursor=${crafted}`,
            m.users.viewer.apiKey,
          ),
          noParams,
        ),
      "cursor",
    );
  });
});

describe("dates are bounded to 1970-01-01..9999-12-30", () => {
  it.each(["from=0000-01-01", "to=9999-12-31", "from=1969-12-31"])(
    "GET /api/v1/transactions?%s",
    async (query) => {
      await expectRefused(
        () =>
          listTransactions(get(`/api/v1/transactions?${query}`, m.users.viewer.apiKey), noParams),
        query,
      );
    },
  );

  it.each(["from=0000-01-01", "to=9999-12-31"])(
    "GET /api/v1/operation-requests?%s",
    async (query) => {
      await expectRefused(
        () =>
          listRequests(get(`/api/v1/operation-requests?${query}`, m.users.viewer.apiKey), noParams),
        query,
      );
    },
  );

  it("accepts the last day", async () => {
    for (const response of [
      await listTransactions(
        get("/api/v1/transactions?from=1970-01-01&to=9999-12-30", m.users.viewer.apiKey),
        noParams,
      ),
      await listRequests(
        get("/api/v1/operation-requests?from=1970-01-01&to=9999-12-30", m.users.viewer.apiKey),
        noParams,
      ),
    ]) {
      expect(response.status).toBe(200);
    }
  });

  it.each([
    "0000-01-01T00:00:00.000Z",
    "-271821-04-20T00:00:00.000Z",
    "+275760-09-13T00:00:00.000Z",
  ])("a cursor whose timestamp is %s", async (at) => {
    const lists = [
      { path: "/api/v1/transactions?limit=1", handler: listTransactions },
      { path: "/api/v1/operation-requests?limit=1", handler: listRequests },
    ];
    // Two requests, so that the ticket list has a second page too.
    await prisma.operationRequest.createMany({
      data: [payment, await createPayment(m)].map((p) => ({
        merchantId: m.merchant.id,
        transactionId: p.id,
        gatewayId: p.gatewayId,
        operation: "refund" as const,
        amount: "1.000",
        currency: "KWD",
        state: "canceled" as const,
        submittedById: m.users.maker.id,
      })),
    });
    for (const { path, handler } of lists) {
      const first = await handler(get(path, m.users.viewer.apiKey), noParams);
      const { nextCursor } = await first.json();
      expect(nextCursor).toEqual(expect.any(String));
      const crafted = editCursor(nextCursor, (json) =>
        json.replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/, JSON.stringify(at)),
      );
      await expectRefused(
        () => handler(get(`${path}&cursor=${crafted}`, m.users.viewer.apiKey), noParams),
        `${path} ${at}`,
      );
    }
  });
});

describe("every route file answers every method in the one error shape", () => {
  const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
  const root = path.resolve(import.meta.dirname, "../../app/api");
  const routeFiles = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith("route.ts"))
    .sort();

  /** A value for each dynamic segment, so the handler gets past routing into its own checks. */
  function paramsOf(file: string): Record<string, string | string[]> {
    const params: Record<string, string | string[]> = {};
    for (const [, dots, name] of file.matchAll(/\[(\.\.\.)?([^\]]+)\]/g)) {
      params[name] = dots
        ? ["session"]
        : name === "operation"
          ? "refund"
          : name === "code"
            ? "knet"
            : "00000000-0000-0000-0000-000000000000";
    }
    return params;
  }

  it("finds the route files", () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(17);
    expect(routeFiles).toContain(path.join("v1", "[...path]", "route.ts"));
  });

  it.each(routeFiles)("app/api/%s", async (file) => {
    const module = (await import(path.join(root, file))) as Record<string, unknown>;
    const call = (method: string) => {
      const handler = module[method] as (request: Request, context: unknown) => Promise<Response>;
      const request = new Request(`http://test/api/${file.replace(/route\.ts$/, "")}`, {
        method,
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${m.users.admin.apiKey}`,
        },
        ...(method === "GET" || method === "OPTIONS" ? {} : { body: "{" }),
      });
      return handler(request, { params: Promise.resolve(paramsOf(file)) });
    };
    // Without an export, Next.js answers 405 with an empty body and OPTIONS lists every export.
    for (const method of METHODS)
      expect([method, typeof module[method]]).toEqual([method, "function"]);
    const options = await call("OPTIONS");
    const allow = options.headers.get("allow")?.split(", ") ?? [];
    const served = METHODS.filter((method) => allow.includes(method) && method !== "OPTIONS");
    if (!file.startsWith(path.join("v1", "[...path]"))) {
      expect(options.status).toBe(204);
      expect(served.length).toBeGreaterThan(0);
    }
    for (const method of METHODS.filter((name) => name !== "OPTIONS")) {
      // next-auth's own handler needs Next.js's request scope (helper D wraps it); not called here.
      if (file.includes("[...nextauth]") && served.includes(method)) continue;
      const response = await call(method);
      const label = `${method} ${file} -> ${response.status}`;
      expect(response.status, label).toBeLessThan(500);
      if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
        await response.body?.cancel();
        continue;
      }
      const text = await response.text();
      expect(text, label).not.toBe("");
      const body = JSON.parse(text);
      if (response.status >= 400) {
        expect(Object.keys(body), label).toEqual(["error"]);
        expect(typeof body.error.message, label).toBe("string");
      }
      if (!served.includes(method) && !file.startsWith(path.join("v1", "[...path]"))) {
        expect([label, body.error.code]).toEqual([label, "method_not_allowed"]);
        expect(response.status, label).toBe(405);
        expect(response.headers.get("allow"), label).toBe(allow.join(", "));
      }
    }
  });

  it("an unknown /api/v1 path is the JSON 404", async () => {
    const { GET, DELETE } = await import("@/app/api/v1/[...path]/route");
    for (const handler of [GET, DELETE]) {
      const response = await handler(new Request("http://test/api/v1/nope"));
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
  });
});

describe("query parameters named like Object.prototype members", () => {
  it.each(["__proto__=x", "constructor=x", "toString=x", "hasOwnProperty=x"])(
    "GET /api/v1/transactions?%s is an unknown parameter",
    async (query) => {
      const message = await expectRefused(
        () =>
          listTransactions(get(`/api/v1/transactions?${query}`, m.users.viewer.apiKey), noParams),
        query,
      );
      expect(message).toContain(`'${query.split("=")[0]}'`);
    },
  );

  it("GET /api/dev/mailbox?__proto__=x is an unknown parameter, as any other is", async () => {
    for (const query of ["__proto__=x", "colour=red"]) {
      await expectRefused(
        () => mailbox(get(`/api/dev/mailbox?to=a@b.test&${query}`, m.users.admin.apiKey), noParams),
        query,
      );
    }
  });

  it("GET /api/v1/operation-requests?__proto__=x is an unknown parameter", async () => {
    await expectRefused(
      () =>
        listRequests(
          get("/api/v1/operation-requests?__proto__=x", m.users.viewer.apiKey),
          noParams,
        ),
      "__proto__",
    );
  });
});

describe("one keyset cursor codec for both lists", () => {
  async function secondPageCursor(handler: typeof listTransactions, path: string): Promise<string> {
    const response = await handler(get(path, m.users.viewer.apiKey), noParams);
    expect(response.status).toBe(200);
    const { nextCursor } = await response.json();
    expect(nextCursor).toEqual(expect.any(String));
    return nextCursor;
  }

  beforeEach(async () => {
    await prisma.operationRequest.createMany({
      data: [payment, await createPayment(m)].map((p, index) => ({
        merchantId: m.merchant.id,
        transactionId: p.id,
        gatewayId: p.gatewayId,
        operation: "refund" as const,
        amount: index ? "2.000" : "1.000",
        currency: "KWD",
        state: "canceled" as const,
        submittedById: m.users.maker.id,
      })),
    });
  });

  it.each([
    ["not base64url", "!!!"],
    ["not JSON", Buffer.from("{nope").toString("base64url")],
    ["an array", Buffer.from("[1]").toString("base64url")],
    [
      "a bad id",
      Buffer.from('{"s":"created","d":"desc","v":"2026-01-01T00:00:00.000Z","id":"x"}').toString(
        "base64url",
      ),
    ],
    [
      "an extra key",
      Buffer.from(
        '{"s":"created","d":"desc","v":"2026-01-01T00:00:00.000Z","id":"00000000-0000-0000-0000-000000000000","x":1}',
      ).toString("base64url"),
    ],
    [
      "a NUL in the sort",
      Buffer.from(
        '{"s":"crea\\u0000ted","d":"desc","v":"2026-01-01T00:00:00.000Z","id":"00000000-0000-0000-0000-000000000000"}',
      ).toString("base64url"),
    ],
  ])("a ticket cursor that is %s is a validation_error", async (_label, cursor) => {
    await expectRefused(
      () =>
        listRequests(
          get(`/api/v1/operation-requests?cursor=${cursor}`, m.users.viewer.apiKey),
          noParams,
        ),
      _label,
    );
  });

  it("a cursor from another sort is a validation_error, on both lists", async () => {
    const byCreated = await secondPageCursor(listRequests, "/api/v1/operation-requests?limit=1");
    const message = await expectRefused(
      () =>
        listRequests(
          get(
            `/api/v1/operation-requests?limit=1&sort=deadline&cursor=${byCreated}`,
            m.users.viewer.apiKey,
          ),
          noParams,
        ),
      "ticket sort",
    );
    expect(message).toMatch(/another sort order/);
    const byAmount = await secondPageCursor(
      listTransactions,
      "/api/v1/transactions?limit=1&sort=amount",
    );
    await expectRefused(
      () =>
        listTransactions(
          get(
            `/api/v1/transactions?limit=1&sort=order_no&cursor=${byAmount}`,
            m.users.viewer.apiKey,
          ),
          noParams,
        ),
      "transaction sort",
    );
  });

  it("a null position where the sort has none is a validation_error", async () => {
    const cursor = await secondPageCursor(listRequests, "/api/v1/operation-requests?limit=1");
    const crafted = editCursor(cursor, (json) => json.replace(/"v":"[^"]+"/, '"v":null'));
    await expectRefused(
      () =>
        listRequests(
          get(`/api/v1/operation-requests?limit=1&cursor=${crafted}`, m.users.viewer.apiKey),
          noParams,
        ),
      "null created",
    );
  });
});
