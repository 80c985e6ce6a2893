import { beforeEach, describe, expect, it } from "vitest";
import { GET as getAccount } from "@/app/api/v1/accounts/[id]/route";
import { GET as accountTransfers } from "@/app/api/v1/accounts/[id]/transfers/route";
import { GET as listAccounts } from "@/app/api/v1/accounts/route";
import { GET as customerAccounts } from "@/app/api/v1/customers/[id]/accounts/route";
import { POST as approve } from "@/app/api/v1/processes/[id]/approve/route";
import { POST as confirmOtp } from "@/app/api/v1/processes/[id]/confirm-otp/route";
import { POST as decline } from "@/app/api/v1/processes/[id]/decline/route";
import { POST as reject } from "@/app/api/v1/processes/[id]/reject/route";
import { GET as processDetail } from "@/app/api/v1/processes/[id]/route";
import * as processesRoute from "@/app/api/v1/processes/route";
import * as viewRoute from "@/app/api/v1/transactions/view/route";
import { prisma } from "@/lib/db";
import { runProcess } from "@/lib/services/ledger/run-process";
import { principalOf, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { errorOf, rowCounts } from "./refusals";
import { get, noParams, withId } from "./requests";

/*
 * Hostile input on the ledger API (issue 7, "Bad input"), as tests/integration/hostile-input.test.ts
 * does for the payments API: every case goes through the real route handler on the real database,
 * answers a 4xx in the one error shape, and no table gains or loses a row.
 */

const NUL = "\u0000";
const ZERO_ID = "00000000-0000-0000-0000-000000000000";

function post(
  path: string,
  key: string,
  body: unknown,
  headers: Record<string, string> = {},
): Request {
  return new Request(`http://test${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Calls `send`, expects `status` and `code` in the error shape, and that no table changed size. */
async function expectRefused(
  send: () => Promise<Response>,
  label: string,
  status = 400,
  code = "validation_error",
) {
  const before = await rowCounts();
  const outcome = await errorOf(await send());
  expect([label, outcome]).toEqual([label, { status, code }]);
  expect(await rowCounts()).toEqual(before);
}

function editCursor(cursor: string, edit: (json: string) => string): string {
  const json = Buffer.from(cursor, "base64url").toString("utf8");
  const edited = edit(json);
  expect(edited).not.toBe(json);
  return Buffer.from(edited, "utf8").toString("base64url");
}

let m: TestMerchant;
let owner: string;
let coin: string;
let pending: string;
let limited: string;

beforeEach(async () => {
  await resetDatabase();
  m = await seedMerchant("Hostile Ledger");
  owner = m.users.owner.apiKey;
  const principal = principalOf(m, "owner");
  const issue = await runProcess(principal, {
    type: "client_transaction_issue",
    amount: "0",
    currency: "KWD",
    customerId: m.customer.id,
  });
  coin = (await prisma.businessProcess.findUniqueOrThrow({ where: { id: issue.processId } }))
    .destinationAccountId as string;
  await runProcess(principal, {
    type: "gate_charge",
    amount: "10.000",
    currency: "KWD",
    destinationAccountId: coin,
    gatewayCode: "knet",
  });
  pending = (
    await runProcess(principal, {
      type: "bank_redeem",
      amount: "1.000",
      currency: "KWD",
      sourceAccountId: coin,
    })
  ).processId;
  await prisma.limitProfile.create({
    data: {
      merchantId: m.merchant.id,
      processType: "gate_purchase",
      currency: "KWD",
      maxAmount: 1n,
    },
  });
  limited = (
    await runProcess(principal, {
      type: "gate_purchase",
      amount: "1.000",
      currency: "KWD",
      sourceAccountId: coin,
      gatewayCode: "knet",
    })
  ).processId;
});

const runBody = () => ({
  type: "client_transaction_transfer",
  amount: "1.000",
  currency: "KWD",
  sourceAccountId: coin,
  destinationAccountId: coin,
  requestIdentifier: "r-1",
  externalProcessId: "e-1",
  metadata: { note: "n" },
});

describe("NUL bytes in every query parameter", () => {
  const processParams: [string, string][] = [
    ["type", `gate_charge${NUL}`],
    ["status", `pend${NUL}ing`],
    ["scope", `client${NUL}`],
    ["currency", `KW${NUL}`],
    ["customer", `${ZERO_ID.slice(0, -1)}${NUL}`],
    ["account", `${NUL}`],
    ["minAmount", `1${NUL}`],
    ["maxAmount", `1${NUL}`],
    ["from", `2026-01-0${NUL}`],
    ["to", `2026-01-0${NUL}`],
    ["dir", `asc${NUL}`],
    ["limit", `1${NUL}`],
    ["cursor", `abc${NUL}`],
  ];
  it.each(processParams)("GET /api/v1/processes?%s=<NUL>", async (param, value) => {
    const extra = param.endsWith("Amount") ? "&currency=KWD" : "";
    await expectRefused(
      () =>
        processesRoute.GET(
          get(`/api/v1/processes?${param}=${encodeURIComponent(value)}${extra}`, owner),
          noParams,
        ),
      param,
    );
  });

  it.each([
    ["kind", `client_coin${NUL}`],
    ["currency", `KW${NUL}`],
    ["customer", NUL],
    ["limit", `1${NUL}`],
    ["cursor", NUL],
  ])("GET /api/v1/accounts?%s=<NUL>", async (param, value) => {
    await expectRefused(
      () =>
        listAccounts(
          get(`/api/v1/accounts?${param}=${encodeURIComponent(value)}`, owner),
          noParams,
        ),
      param,
    );
  });

  it.each([
    ["limit", `1${NUL}`],
    ["cursor", NUL],
  ])("GET /api/v1/accounts/{id}/transfers?%s=<NUL>", async (param, value) => {
    await expectRefused(
      () =>
        accountTransfers(
          get(`/api/v1/accounts/${coin}/transfers?${param}=${encodeURIComponent(value)}`, owner),
          withId(coin),
        ),
      param,
    );
    await expectRefused(
      () =>
        customerAccounts(
          get(
            `/api/v1/customers/${m.customer.id}/accounts?${param}=${encodeURIComponent(value)}`,
            owner,
          ),
          withId(m.customer.id),
        ),
      `customer ${param}`,
    );
  });

  it("a NUL in any path id is a 400", async () => {
    const id = `${ZERO_ID.slice(0, -1)}${NUL}`;
    const calls: [string, () => Promise<Response>][] = [
      ["detail", () => processDetail(get("/api/v1/processes/x", owner), withId(id))],
      ["account", () => getAccount(get("/api/v1/accounts/x", owner), withId(id))],
      ["transfers", () => accountTransfers(get("/api/v1/accounts/x/transfers", owner), withId(id))],
      ["customer", () => customerAccounts(get("/api/v1/customers/x/accounts", owner), withId(id))],
      ["approve", () => approve(post("/api/v1/processes/x/approve", owner, {}), withId(id))],
      ["decline", () => decline(post("/api/v1/processes/x/decline", owner, {}), withId(id))],
      [
        "reject",
        () => reject(post("/api/v1/processes/x/reject", owner, { reason: "r" }), withId(id)),
      ],
      [
        "confirm",
        () =>
          confirmOtp(
            post("/api/v1/processes/x/confirm-otp", owner, { code: "123456" }),
            withId(id),
          ),
      ],
    ];
    for (const [label, call] of calls) await expectRefused(call, label);
  });
});

describe("NUL bytes in every body string", () => {
  const fields = [
    "type",
    "amount",
    "currency",
    "fee",
    "customerId",
    "sourceAccountId",
    "destinationAccountId",
    "gatewayCode",
    "exchangeRate",
    "refundOf",
    "requestIdentifier",
    "externalProcessId",
  ];
  it.each(fields)("POST /api/v1/processes with %s holding a NUL", async (field) => {
    const body: Record<string, unknown> = { ...runBody(), [field]: `1${NUL}` };
    await expectRefused(
      () => processesRoute.POST(post("/api/v1/processes", owner, body), noParams),
      field,
    );
  });

  it("metadata keys and values holding a NUL", async () => {
    for (const metadata of [{ [`k${NUL}`]: "v" }, { k: `v${NUL}` }]) {
      await expectRefused(
        () =>
          processesRoute.POST(
            post("/api/v1/processes", owner, { ...runBody(), metadata }),
            noParams,
          ),
        JSON.stringify(metadata),
      );
    }
  });

  it("the step bodies", async () => {
    await expectRefused(
      () =>
        approve(
          post(`/api/v1/processes/${pending}/approve`, owner, { amount: `1${NUL}` }),
          withId(pending),
        ),
      "approve amount",
    );
    await expectRefused(
      () =>
        approve(
          post(`/api/v1/processes/${pending}/approve`, owner, {
            sourceAccountId: `${coin.slice(0, -1)}${NUL}`,
          }),
          withId(pending),
        ),
      "approve source",
    );
    await expectRefused(
      () =>
        decline(
          post(`/api/v1/processes/${pending}/decline`, owner, { reason: `no${NUL}` }),
          withId(pending),
        ),
      "decline reason",
    );
    await expectRefused(
      () =>
        reject(
          post(`/api/v1/processes/${limited}/reject`, owner, { reason: `no${NUL}` }),
          withId(limited),
        ),
      "reject reason",
    );
    await expectRefused(
      () =>
        confirmOtp(
          post(`/api/v1/processes/${limited}/confirm-otp`, owner, { code: `12345${NUL}` }),
          withId(limited),
        ),
      "code",
    );
    for (const field of [
      "type",
      "status",
      "scope",
      "currency",
      "customer",
      "account",
      "from",
      "to",
      "dir",
      "cursor",
    ]) {
      await expectRefused(
        () =>
          viewRoute.POST(
            post("/api/v1/transactions/view", owner, { [field]: `x${NUL}` }),
            noParams,
          ),
        `view ${field}`,
      );
    }
    await expectRefused(
      () =>
        viewRoute.POST(
          post("/api/v1/transactions/view", owner, { type: [`gate_charge${NUL}`] }),
          noParams,
        ),
      "view type array",
    );
  });

  it("an Idempotency-Key with a control character", async () => {
    // Headers cannot carry a NUL (or DEL); a tab or a non-ASCII letter is as much outside printable ASCII.
    const topUp = {
      type: "gate_charge",
      amount: "1.000",
      currency: "KWD",
      destinationAccountId: coin,
      gatewayCode: "knet",
    };
    for (const key of ["a\tb", "cl\u00e9", "x".repeat(256)]) {
      await expectRefused(
        () =>
          processesRoute.POST(
            post("/api/v1/processes", owner, topUp, { "idempotency-key": key }),
            noParams,
          ),
        `key ${JSON.stringify(key).slice(0, 12)}`,
      );
    }
  });
});

describe("dates are bounded to 1970-01-01..9999-12-30", () => {
  it.each([
    "from=0000-01-01",
    "to=9999-12-31",
    "from=1969-12-31",
    "from=2026-02-30",
    "from=2026-13-01",
  ])("GET /api/v1/processes?%s", async (query) => {
    await expectRefused(
      () => processesRoute.GET(get(`/api/v1/processes?${query}`, owner), noParams),
      query,
    );
    const [field, value] = query.split("=");
    await expectRefused(
      () => viewRoute.POST(post("/api/v1/transactions/view", owner, { [field]: value }), noParams),
      `view ${query}`,
    );
  });

  it("accepts the bounds themselves", async () => {
    const response = await processesRoute.GET(
      get("/api/v1/processes?from=1970-01-01&to=9999-12-30", owner),
      noParams,
    );
    expect(response.status).toBe(200);
  });
});

describe("crafted cursors", () => {
  async function nextCursor(
    path: string,
    handler: (r: Request, c: typeof noParams) => Promise<Response>,
  ) {
    const response = await handler(get(path, owner), noParams);
    expect(response.status).toBe(200);
    const { nextCursor } = await response.json();
    expect(nextCursor).toEqual(expect.any(String));
    return nextCursor as string;
  }

  it.each([
    ["not base64url", "!!!"],
    ["not JSON", Buffer.from("{nope").toString("base64url")],
    ["an array", Buffer.from("[1]").toString("base64url")],
    [
      "a forged id",
      Buffer.from(
        `{"s":"process_created","d":"desc","v":"2026-01-01T00:00:00.000Z","id":"x"}`,
      ).toString("base64url"),
    ],
    [
      "a NUL in the sort",
      Buffer.from(
        `{"s":"process\\u0000created","d":"desc","v":"2026-01-01T00:00:00.000Z","id":"${ZERO_ID}"}`,
      ).toString("base64url"),
    ],
    [
      "an extra key",
      Buffer.from(
        `{"s":"process_created","d":"desc","v":"2026-01-01T00:00:00.000Z","id":"${ZERO_ID}","x":1}`,
      ).toString("base64url"),
    ],
  ])("a process cursor that is %s", async (label, cursor) => {
    await expectRefused(
      () => processesRoute.GET(get(`/api/v1/processes?cursor=${cursor}`, owner), noParams),
      label,
    );
    await expectRefused(
      () => viewRoute.POST(post("/api/v1/transactions/view", owner, { cursor }), noParams),
      `view ${label}`,
    );
  });

  it("a cursor of the other direction, or of another list, is refused", async () => {
    const desc = await nextCursor("/api/v1/processes?limit=1", processesRoute.GET);
    await expectRefused(
      () =>
        processesRoute.GET(
          get(`/api/v1/processes?limit=1&dir=asc&cursor=${desc}`, owner),
          noParams,
        ),
      "direction",
    );
    const accounts = await nextCursor("/api/v1/accounts?limit=1", listAccounts);
    await expectRefused(
      () =>
        processesRoute.GET(
          get(`/api/v1/processes?limit=1&dir=asc&cursor=${accounts}`, owner),
          noParams,
        ),
      "account cursor on processes",
    );
    await expectRefused(
      () =>
        accountTransfers(
          get(`/api/v1/accounts/${coin}/transfers?cursor=${accounts}`, owner),
          withId(coin),
        ),
      "account cursor on transfers",
    );
    await expectRefused(
      () => listAccounts(get(`/api/v1/accounts?cursor=${desc}`, owner), noParams),
      "process cursor on accounts",
    );
  });

  it.each([
    "0000-01-01T00:00:00.000Z",
    "+275760-09-13T00:00:00.000Z",
    "2026-01-01T00:00:00Z",
    null,
  ])("a cursor whose position is %s", async (at) => {
    for (const [path, handler] of [
      ["/api/v1/processes?limit=1", processesRoute.GET],
      ["/api/v1/accounts?limit=1", listAccounts],
    ] as const) {
      const cursor = await nextCursor(path, handler);
      const crafted = editCursor(cursor, (json) =>
        json.replace(/"v":"[^"]+"/, `"v":${JSON.stringify(at)}`),
      );
      await expectRefused(
        () => handler(get(`${path}&cursor=${crafted}`, owner), noParams),
        `${path} ${at}`,
      );
    }
  });

  it("a forged id in an issued cursor only moves within the caller's merchant", async () => {
    const cursor = await nextCursor("/api/v1/processes?limit=1", processesRoute.GET);
    const other = await seedMerchant("Other");
    const theirs = await runProcess(principalOf(other, "owner"), {
      type: "client_transaction_issue",
      amount: "0",
      currency: "KWD",
      customerId: other.customer.id,
    });
    const forged = editCursor(cursor, (json) =>
      json.replace(/"id":"[^"]+"/, `"id":"${theirs.processId}"`),
    );
    const response = await processesRoute.GET(
      get(`/api/v1/processes?cursor=${forged}`, owner),
      noParams,
    );
    expect(response.status).toBe(200);
    const ids: string[] = (await response.json()).data.map((p: { id: string }) => p.id);
    expect(ids).not.toContain(theirs.processId);
  });
});

describe("wrong methods, malformed ids, unknown parameters, bodies", () => {
  it("405 with Allow for the methods a route does not serve", async () => {
    const cases: [string, (r: Request, c: unknown) => Promise<Response>, string][] = [
      ["PUT", processesRoute.PUT, "GET, POST, HEAD, OPTIONS"],
      ["DELETE", processesRoute.DELETE, "GET, POST, HEAD, OPTIONS"],
      // GET /api/v1/transactions/view: the static segment wins over the payments' [id].
      ["GET", viewRoute.GET, "POST, OPTIONS"],
      ["PATCH", viewRoute.PATCH, "POST, OPTIONS"],
    ];
    for (const [method, handler, allow] of cases) {
      const before = await rowCounts();
      const response = await handler(
        new Request("http://test/api/v1/x", {
          method,
          headers: { authorization: `Bearer ${owner}` },
        }),
        noParams,
      );
      expect(await errorOf(response)).toEqual({ status: 405, code: "method_not_allowed" });
      expect(response.headers.get("allow")).toBe(allow);
      expect(await rowCounts()).toEqual(before);
    }
  });

  it.each(["x", "123", `${ZERO_ID}0`, "../accounts", ZERO_ID])(
    "a malformed or unknown id %s is 404",
    async (id) => {
      const calls: [string, () => Promise<Response>][] = [
        ["detail", () => processDetail(get("/api/v1/processes/x", owner), withId(id))],
        ["account", () => getAccount(get("/api/v1/accounts/x", owner), withId(id))],
        [
          "transfers",
          () => accountTransfers(get("/api/v1/accounts/x/transfers", owner), withId(id)),
        ],
        [
          "customer",
          () => customerAccounts(get("/api/v1/customers/x/accounts", owner), withId(id)),
        ],
        ["approve", () => approve(post("/api/v1/processes/x/approve", owner, {}), withId(id))],
        ["decline", () => decline(post("/api/v1/processes/x/decline", owner, {}), withId(id))],
        [
          "reject",
          () => reject(post("/api/v1/processes/x/reject", owner, { reason: "r" }), withId(id)),
        ],
        [
          "confirm",
          () =>
            confirmOtp(
              post("/api/v1/processes/x/confirm-otp", owner, { code: "123456" }),
              withId(id),
            ),
        ],
      ];
      for (const [label, call] of calls)
        await expectRefused(call, `${label} ${id}`, 404, "not_found");
    },
  );

  it("unknown parameters, __proto__ included, are a 400", async () => {
    for (const query of ["colour=red", "__proto__=x", "constructor=x", "sort=amount"]) {
      await expectRefused(
        () => processesRoute.GET(get(`/api/v1/processes?${query}`, owner), noParams),
        query,
      );
      await expectRefused(
        () => listAccounts(get(`/api/v1/accounts?${query}`, owner), noParams),
        `accounts ${query}`,
      );
      await expectRefused(
        () =>
          accountTransfers(get(`/api/v1/accounts/${coin}/transfers?${query}`, owner), withId(coin)),
        `transfers ${query}`,
      );
    }
    await expectRefused(
      () =>
        customerAccounts(
          get(`/api/v1/customers/${m.customer.id}/accounts?customer=${m.customer.id}`, owner),
          withId(m.customer.id),
        ),
      "customer in the query",
    );
    const bodies: [string, () => Promise<Response>][] = [
      [
        "run",
        () =>
          processesRoute.POST(
            post("/api/v1/processes", owner, { ...runBody(), colour: "red" }),
            noParams,
          ),
      ],
      [
        "run __proto__",
        () =>
          processesRoute.POST(
            post(
              "/api/v1/processes",
              owner,
              `{"type":"gate_charge","amount":"1.000","currency":"KWD","__proto__":{"x":1}}`,
            ),
            noParams,
          ),
      ],
      [
        "view",
        () => viewRoute.POST(post("/api/v1/transactions/view", owner, { colour: "red" }), noParams),
      ],
      [
        "approve",
        () =>
          approve(
            post(`/api/v1/processes/${pending}/approve`, owner, { colour: "red" }),
            withId(pending),
          ),
      ],
      [
        "decline",
        () =>
          decline(
            post(`/api/v1/processes/${pending}/decline`, owner, { colour: "red" }),
            withId(pending),
          ),
      ],
      [
        "reject",
        () =>
          reject(
            post(`/api/v1/processes/${limited}/reject`, owner, { reason: "r", x: 1 }),
            withId(limited),
          ),
      ],
      [
        "confirm",
        () =>
          confirmOtp(
            post(`/api/v1/processes/${limited}/confirm-otp`, owner, { code: "123456", x: 1 }),
            withId(limited),
          ),
      ],
    ];
    for (const [label, call] of bodies) await expectRefused(call, label);
  });

  it("a non-JSON body is 400 invalid_json; another content type 415", async () => {
    for (const text of ["{", "not json", "", "\u0000"]) {
      await expectRefused(
        () => processesRoute.POST(post("/api/v1/processes", owner, text), noParams),
        `run ${JSON.stringify(text)}`,
        400,
        "invalid_json",
      );
      await expectRefused(
        () => viewRoute.POST(post("/api/v1/transactions/view", owner, text), noParams),
        `view ${JSON.stringify(text)}`,
        400,
        "invalid_json",
      );
      await expectRefused(
        () => reject(post(`/api/v1/processes/${limited}/reject`, owner, text), withId(limited)),
        `reject ${JSON.stringify(text)}`,
        400,
        "invalid_json",
      );
    }
    // A body that is sent with an optional-body step must still be JSON.
    await expectRefused(
      () => approve(post(`/api/v1/processes/${pending}/approve`, owner, "{"), withId(pending)),
      "approve {",
      400,
      "invalid_json",
    );
    await expectRefused(
      () =>
        approve(
          new Request(`http://test/api/v1/processes/${pending}/approve`, {
            method: "POST",
            headers: { authorization: `Bearer ${owner}` },
            body: "amount=1",
          }),
          withId(pending),
        ),
      "approve form text without a type",
      415,
      "unsupported_media_type",
    );
    await expectRefused(
      () =>
        processesRoute.POST(
          post("/api/v1/processes", owner, runBody(), { "content-type": "text/plain" }),
          noParams,
        ),
      "text/plain",
      415,
      "unsupported_media_type",
    );
  });

  it("JSON that is not an object, and arrays or objects where strings are expected, are 400", async () => {
    for (const body of ["[]", "null", "1", '"x"']) {
      await expectRefused(
        () => processesRoute.POST(post("/api/v1/processes", owner, body), noParams),
        `run ${body}`,
      );
      await expectRefused(
        () => viewRoute.POST(post("/api/v1/transactions/view", owner, body), noParams),
        `view ${body}`,
      );
    }
    for (const field of [
      "type",
      "amount",
      "currency",
      "sourceAccountId",
      "gatewayCode",
      "requestIdentifier",
    ]) {
      for (const value of [["x"], { x: 1 }, true]) {
        await expectRefused(
          () =>
            processesRoute.POST(
              post("/api/v1/processes", owner, { ...runBody(), [field]: value }),
              noParams,
            ),
          `${field} ${JSON.stringify(value)}`,
        );
      }
    }
    await expectRefused(
      () =>
        processesRoute.POST(
          post("/api/v1/processes", owner, { ...runBody(), metadata: { k: ["a"] } }),
          noParams,
        ),
      "metadata array value",
    );
    await expectRefused(
      () =>
        reject(
          post(`/api/v1/processes/${limited}/reject`, owner, { reason: ["a"] }),
          withId(limited),
        ),
      "reason array",
    );
    await expectRefused(
      () =>
        confirmOtp(
          post(`/api/v1/processes/${limited}/confirm-otp`, owner, { code: 123456 }),
          withId(limited),
        ),
      "code number",
    );
    await expectRefused(
      () =>
        viewRoute.POST(post("/api/v1/transactions/view", owner, { currency: ["KWD"] }), noParams),
      "view currency array",
    );
    await expectRefused(
      () => viewRoute.POST(post("/api/v1/transactions/view", owner, { type: [] }), noParams),
      "view empty type array",
    );
    await expectRefused(
      () => viewRoute.POST(post("/api/v1/transactions/view", owner, { limit: 1000 }), noParams),
      "view limit",
    );
  });

  it("a huge body is 413, whatever it holds", async () => {
    const huge = JSON.stringify({ ...runBody(), metadata: { note: "x".repeat(70 * 1024) } });
    await expectRefused(
      () => processesRoute.POST(post("/api/v1/processes", owner, huge), noParams),
      "run",
      413,
      "payload_too_large",
    );
    await expectRefused(
      () =>
        viewRoute.POST(
          post("/api/v1/transactions/view", owner, { cursor: "x".repeat(70 * 1024) }),
          noParams,
        ),
      "view",
      413,
      "payload_too_large",
    );
    await expectRefused(
      () =>
        reject(
          post(`/api/v1/processes/${limited}/reject`, owner, { reason: "x".repeat(70 * 1024) }),
          withId(limited),
        ),
      "reject",
      413,
      "payload_too_large",
    );
    // Long but under the limit: the field's own maximum answers.
    await expectRefused(
      () =>
        reject(
          post(`/api/v1/processes/${limited}/reject`, owner, { reason: "x".repeat(501) }),
          withId(limited),
        ),
      "long reason",
    );
  });

  it("out-of-range numbers: limits, hold times, amounts", async () => {
    for (const query of [
      "limit=0",
      "limit=101",
      "limit=-1",
      "limit=1.5",
      "limit=1e400",
      "minAmount=1&maxAmount=0&currency=KWD",
      "minAmount=1",
      "minAmount=1.0001&currency=KWD",
    ]) {
      await expectRefused(
        () => processesRoute.GET(get(`/api/v1/processes?${query}`, owner), noParams),
        query,
      );
    }
    for (const holdExpiresInSeconds of [59, 90 * 24 * 3600 + 1, 1.5, "60", -1]) {
      await expectRefused(
        () =>
          processesRoute.POST(
            post("/api/v1/processes", owner, {
              type: "bank_redeem",
              amount: "1.000",
              currency: "KWD",
              sourceAccountId: coin,
              holdExpiresInSeconds,
            }),
            noParams,
          ),
        `hold ${holdExpiresInSeconds}`,
      );
    }
    for (const amount of ["99999999999999999999.000", "1".repeat(41), "1e400", "Infinity", "NaN"]) {
      await expectRefused(
        () =>
          processesRoute.POST(post("/api/v1/processes", owner, { ...runBody(), amount }), noParams),
        `amount ${amount.slice(0, 12)}`,
      );
    }
    await expectRefused(
      () =>
        approve(
          post(`/api/v1/processes/${pending}/approve`, owner, { amount: "1.0001" }),
          withId(pending),
        ),
      "capture precision",
    );
  });
});
