import { beforeEach, describe, expect, it } from "vitest";
import { GET as getAccount } from "@/app/api/v1/accounts/[id]/route";
import { GET as transfersOf } from "@/app/api/v1/accounts/[id]/transfers/route";
import { GET as listAccounts } from "@/app/api/v1/accounts/route";
import { GET as customerAccounts } from "@/app/api/v1/customers/[id]/accounts/route";
import { GET as openApi } from "@/app/api/v1/openapi.json/route";
import { POST as approve } from "@/app/api/v1/processes/[id]/approve/route";
import { POST as confirmOtp } from "@/app/api/v1/processes/[id]/confirm-otp/route";
import { POST as decline } from "@/app/api/v1/processes/[id]/decline/route";
import { POST as reject } from "@/app/api/v1/processes/[id]/reject/route";
import { GET as processDetail } from "@/app/api/v1/processes/[id]/route";
import { GET as listProcesses, POST as runProcessRoute } from "@/app/api/v1/processes/route";
import { POST as view } from "@/app/api/v1/transactions/view/route";
import { prisma } from "@/lib/db";
import { runProcess } from "@/lib/services/ledger/run-process";
import { principalOf, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { get, noParams, withId } from "./requests";

/*
 * The ledger API v1 through its route handlers on the real database: every kind of process run and
 * decided over HTTP, the process-level Idempotency-Key, the viewer scopes, and each ledger error
 * code with nothing written.
 */

function post(
  path: string,
  key: string,
  body?: unknown,
  options: { idempotencyKey?: string } = {},
): Request {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (options.idempotencyKey !== undefined) headers["idempotency-key"] = options.idempotencyKey;
  return new Request(`http://test${path}`, {
    method: "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function errorOf(response: Response) {
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.message).toBe("string");
  return { status: response.status, code: body.error.code as string };
}

type Transfer = { id: string; kind: string; amount: string; debitAccountId: string };
type Process = {
  id: string;
  type: string;
  status: string;
  amount: string;
  statusReason: string | null;
  sourceAccountId: string | null;
  destinationAccountId: string | null;
  transactions: Transfer[];
  steps: { action: string }[];
};
type Balances = { posted: string; pending: string; available: string };

let m: TestMerchant;
let owner: string;
let maker: string;

beforeEach(async () => {
  await resetDatabase();
  m = await seedMerchant("Ledger API");
  owner = m.users.owner.apiKey;
  maker = m.users.maker.apiKey;
});

/** POST /api/v1/processes, expecting `status`; the process detail. */
async function run(
  key: string,
  body: Record<string, unknown>,
  status = 201,
  idempotencyKey?: string,
): Promise<Process> {
  const response = await runProcessRoute(
    post("/api/v1/processes", key, body, { idempotencyKey }),
    noParams,
  );
  const json = await response.json();
  expect([response.status, json]).toEqual([
    status,
    expect.objectContaining({ data: expect.any(Object) }),
  ]);
  return json.data as Process;
}

async function step(
  handler: typeof approve,
  action: string,
  key: string,
  id: string,
  body?: unknown,
): Promise<Response> {
  return handler(post(`/api/v1/processes/${id}/${action}`, key, body), withId(id));
}

async function stepOk(
  handler: typeof approve,
  action: string,
  key: string,
  id: string,
  body?: unknown,
): Promise<Process> {
  const response = await step(handler, action, key, id, body);
  const json = await response.json();
  expect([action, response.status, json.error]).toEqual([action, 200, undefined]);
  return json.data as Process;
}

/** A client coin opened through the API (an account creation process, run by the owner). */
async function openCoin(currency = "KWD", customerId = m.customer.id): Promise<string> {
  const process = await run(owner, {
    type: "client_transaction_issue",
    amount: "0",
    currency,
    customerId,
  });
  expect(process.status).toBe("processed");
  expect(process.destinationAccountId).toEqual(expect.any(String));
  return process.destinationAccountId as string;
}

async function balances(id: string, key = owner): Promise<Balances> {
  const response = await getAccount(get(`/api/v1/accounts/${id}`, key), withId(id));
  expect(response.status).toBe(200);
  return (await response.json()).data.balances as Balances;
}

async function topUp(account: string, amount = "10.000") {
  return run(maker, {
    type: "gate_charge",
    amount,
    currency: "KWD",
    destinationAccountId: account,
    gatewayCode: "knet",
  });
}

async function ledgerCounts() {
  const [processes, transfers, audit, outbox] = await Promise.all([
    prisma.businessProcess.count(),
    prisma.ledgerTransfer.count(),
    prisma.auditEvent.count(),
    prisma.emailOutbox.count(),
  ]);
  return { processes, transfers, audit, outbox };
}

async function secondCustomer(name = "Second") {
  return prisma.customer.create({
    data: { merchantId: m.merchant.id, name, email: `${name}@example.test`, baseCurrency: "KWD" },
  });
}

describe("running each kind of process through the API", () => {
  it("tops up via a provider and transfers between customers, with balances, lists and transfers", async () => {
    const a = await openCoin();
    const b = await openCoin("KWD", (await secondCustomer()).id);
    const top = await topUp(a);
    expect(top).toMatchObject({ type: "gate_charge", status: "processed", amount: "10.000" });
    expect(top.transactions).toEqual([
      expect.objectContaining({ id: expect.any(String), kind: "posted", amount: "10.000" }),
    ]);
    expect(await balances(a)).toMatchObject({
      posted: "10.000",
      pending: "0.000",
      available: "10.000",
    });

    const transfer = await run(maker, {
      type: "client_transaction_transfer",
      amount: "4.000",
      fee: "0.500",
      currency: "KWD",
      sourceAccountId: a,
      destinationAccountId: b,
    });
    expect(transfer.status).toBe("processed");
    expect(transfer.transactions.map((t) => t.amount)).toEqual(["4.000", "0.500"]);
    expect(await balances(a)).toMatchObject({ posted: "5.500", available: "5.500" });
    expect(await balances(b)).toMatchObject({ posted: "4.000" });

    // The detail by id, as the list shows it.
    const detail = await processDetail(
      get(`/api/v1/processes/${transfer.id}`, maker),
      withId(transfer.id),
    );
    expect(detail.status).toBe(200);
    expect((await detail.json()).data).toMatchObject({
      id: transfer.id,
      transactions: transfer.transactions,
      refundProcess: null,
      txIdToRefund: null,
    });
    const list = await listProcesses(
      get("/api/v1/processes?type=gate_charge,client_transaction_transfer", maker),
      noParams,
    );
    expect(list.status).toBe(200);
    const page = await list.json();
    expect(page.data.map((p: Process) => p.id)).toEqual([transfer.id, top.id]);
    expect(page).toMatchObject({ nextCursor: null, total: 2, totalCapped: false });
    // The same list as a JSON body under the source's name; arrays or comma-separated text.
    for (const body of [
      { type: ["gate_charge"] },
      { type: "gate_charge", status: ["processed"] },
    ]) {
      const viewed = await view(post("/api/v1/transactions/view", maker, body), noParams);
      expect(viewed.status).toBe(200);
      expect((await viewed.json()).data.map((p: Process) => p.id)).toEqual([top.id]);
    }
    // No body at all: the first page, unfiltered.
    const unfiltered = await view(post("/api/v1/transactions/view", maker), noParams);
    expect(unfiltered.status).toBe(200);
    // The two account creations are system processes: a maker (client scope) does not see them.
    expect((await unfiltered.json()).total).toBe(2);
    // Paging, both ways.
    const first = await (
      await listProcesses(get("/api/v1/processes?limit=1&dir=asc", owner), noParams)
    ).json();
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listProcesses(
      get(`/api/v1/processes?limit=1&dir=asc&cursor=${first.nextCursor}`, owner),
      noParams,
    );
    expect(second.status).toBe(200);
    expect((await second.json()).data[0].id).not.toBe(first.data[0].id);

    const transfers = await transfersOf(get(`/api/v1/accounts/${a}/transfers`, maker), withId(a));
    expect(transfers.status).toBe(200);
    // Newest first; the transfer and its fee share their process's time, so their order is by id.
    const amounts = (await transfers.json()).data.map((t: Transfer) => t.amount);
    expect([...amounts.slice(0, 2)].sort()).toEqual(["0.500", "4.000"]);
    expect(amounts[2]).toBe("10.000");
    const mine = await customerAccounts(
      get(`/api/v1/customers/${m.customer.id}/accounts`, maker),
      withId(m.customer.id),
    );
    expect(mine.status).toBe(200);
    expect((await mine.json()).data.map((x: { id: string }) => x.id)).toEqual([a]);
    const accounts = await listAccounts(
      get("/api/v1/accounts?kind=client_coin&currency=KWD", maker),
      noParams,
    );
    expect((await accounts.json()).data.map((x: { id: string }) => x.id).sort()).toEqual(
      [a, b].sort(),
    );
  });

  it("holds a distributed withdrawal, captures part of it on approve, releases another on decline", async () => {
    const a = await openCoin();
    await topUp(a);
    const withdrawal = await run(maker, {
      type: "bank_redeem",
      amount: "3.000",
      currency: "KWD",
      sourceAccountId: a,
      requestIdentifier: "req-1",
    });
    expect(withdrawal).toMatchObject({ status: "pending", requestIdentifier: "req-1" });
    expect(withdrawal.transactions.map((t) => t.kind)).toEqual(["pending"]);
    expect(await balances(a)).toMatchObject({
      posted: "10.000",
      pending: "3.000",
      available: "7.000",
    });

    const captured = await stepOk(approve, "approve", maker, withdrawal.id, { amount: "2.000" });
    expect(captured.status).toBe("processed");
    expect(captured.transactions.map((t) => [t.kind, t.amount])).toEqual([
      ["pending", "3.000"],
      ["post_pending", "2.000"],
    ]);
    expect(await balances(a)).toMatchObject({
      posted: "8.000",
      pending: "0.000",
      available: "8.000",
    });
    // A second resolution of the same hold.
    expect(await errorOf(await step(approve, "approve", maker, withdrawal.id, {}))).toEqual({
      status: 409,
      code: "invalid_state",
    });
    expect(await errorOf(await step(decline, "decline", maker, withdrawal.id))).toEqual({
      status: 409,
      code: "invalid_state",
    });

    const viaGate = await run(maker, {
      type: "gate_redeem",
      amount: "2.000",
      currency: "KWD",
      sourceAccountId: a,
      gatewayCode: "knet",
    });
    expect(await balances(a)).toMatchObject({ available: "6.000" });
    const declined = await stepOk(decline, "decline", maker, viaGate.id, {
      reason: "Customer asked",
    });
    expect(declined).toMatchObject({ status: "declined", statusReason: "Customer asked" });
    expect(declined.transactions.map((t) => t.kind)).toEqual(["pending", "void_pending"]);
    expect(await balances(a)).toMatchObject({
      posted: "8.000",
      pending: "0.000",
      available: "8.000",
    });

    // Approve with no body at all captures the whole hold.
    const whole = await run(maker, {
      type: "bank_redeem",
      amount: "1.000",
      currency: "KWD",
      sourceAccountId: a,
    });
    const done = await stepOk(approve, "approve", maker, whole.id);
    expect(done.transactions.map((t) => [t.kind, t.amount])).toEqual([
      ["pending", "1.000"],
      ["post_pending", "1.000"],
    ]);
    expect(await balances(a)).toMatchObject({ posted: "7.000", available: "7.000" });
  });

  it("creates a process over a limit as limited; the reviewer approves one and rejects another with a reason", async () => {
    const a = await openCoin();
    const b = await openCoin("KWD", (await secondCustomer()).id);
    await topUp(a);
    await prisma.limitProfile.create({
      data: {
        merchantId: m.merchant.id,
        processType: "client_transaction_transfer",
        currency: "KWD",
        maxAmount: 1000n,
      },
    });
    const body = {
      type: "client_transaction_transfer",
      amount: "2.000",
      currency: "KWD",
      sourceAccountId: a,
      destinationAccountId: b,
    };
    const limited = await run(maker, body);
    expect(limited).toMatchObject({ status: "limited", transactions: [] });
    expect(await balances(a)).toMatchObject({ available: "10.000" });
    // A maker is not the anti-fraud reviewer.
    expect(await errorOf(await step(approve, "approve", maker, limited.id))).toEqual({
      status: 403,
      code: "forbidden",
    });
    const approved = await stepOk(approve, "approve", owner, limited.id);
    expect(approved.status).toBe("processed");
    expect(await balances(a)).toMatchObject({ available: "8.000" });
    expect(await balances(b)).toMatchObject({ available: "2.000" });

    const other = await run(maker, body);
    expect(other.status).toBe("limited");
    expect(await errorOf(await step(reject, "reject", owner, other.id, {}))).toEqual({
      status: 400,
      code: "validation_error",
    });
    const rejected = await stepOk(reject, "reject", owner, other.id, {
      reason: "Looks like fraud",
    });
    expect(rejected).toMatchObject({
      status: "rejected",
      statusReason: "Looks like fraud",
      transactions: [],
    });
    expect(
      await errorOf(await step(reject, "reject", owner, other.id, { reason: "again" })),
    ).toEqual({
      status: 409,
      code: "invalid_state",
    });
    expect(await balances(a)).toMatchObject({ available: "8.000" });
  });

  it("issues a card after the service role's approval and the customer's code from the email", async () => {
    const a = await openCoin();
    await topUp(a);
    const card = await run(maker, {
      type: "gate_issue_card",
      amount: "1.000",
      currency: "KWD",
      sourceAccountId: a,
      gatewayCode: "knet",
    });
    expect(card).toMatchObject({ status: "waiting_for_approval", transactions: [] });
    const email = await prisma.emailOutbox.findFirstOrThrow({
      where: { entityId: card.id, kind: "business_process.code_sent" },
    });
    expect(email.to).toEqual([m.customer.email]);
    const code = /\b(\d{6})\b/.exec(email.text)?.[1];
    expect(code).toMatch(/^\d{6}$/);

    // Only the service role approves a card issue.
    expect(await errorOf(await step(approve, "approve", maker, card.id))).toEqual({
      status: 403,
      code: "forbidden",
    });
    const approved = await stepOk(approve, "approve", owner, card.id);
    expect(approved.status).toBe("waiting_for_approval");
    const wrong = code === "000000" ? "000001" : "000000";
    expect(
      await errorOf(await step(confirmOtp, "confirm-otp", maker, card.id, { code: wrong })),
    ).toEqual({
      status: 400,
      code: "validation_error",
    });
    const issued = await stepOk(confirmOtp, "confirm-otp", maker, card.id, { code });
    expect(issued.status).toBe("processed");
    expect(issued.transactions.map((t) => [t.kind, t.amount])).toEqual([["posted", "1.000"]]);
    expect(await balances(a)).toMatchObject({ available: "9.000" });
    expect(await errorOf(await step(confirmOtp, "confirm-otp", maker, card.id, { code }))).toEqual({
      status: 409,
      code: "invalid_state",
    });
  });

  it("pays a created merchant payment from the payer's account on approve", async () => {
    const a = await openCoin();
    await topUp(a);
    const payment = await run(maker, {
      type: "merchant_payment",
      amount: "2.500",
      currency: "KWD",
    });
    expect(payment).toMatchObject({ status: "created", transactions: [] });
    expect(await errorOf(await step(approve, "approve", maker, payment.id, {}))).toEqual({
      status: 400,
      code: "validation_error",
    });
    const paid = await stepOk(approve, "approve", maker, payment.id, { sourceAccountId: a });
    expect(paid).toMatchObject({ status: "processed", sourceAccountId: a });
    expect(paid.transactions.map((t) => [t.kind, t.amount, t.debitAccountId])).toEqual([
      ["posted", "2.500", a],
    ]);
    expect(await balances(a)).toMatchObject({ available: "7.500" });

    const declined = await run(maker, {
      type: "merchant_payment",
      amount: "1.000",
      currency: "KWD",
    });
    expect((await stepOk(decline, "decline", maker, declined.id)).status).toBe("declined");
  });
});

describe("the process's Idempotency-Key", () => {
  it("replays the same content with 200 and the header, refuses other content with 422, writes once", async () => {
    const a = await openCoin();
    const body = {
      type: "gate_charge",
      amount: "5.000",
      currency: "KWD",
      destinationAccountId: a,
      gatewayCode: "knet",
      metadata: { order: "A-1" },
    };
    const first = await runProcessRoute(
      post("/api/v1/processes", maker, body, { idempotencyKey: "top-1" }),
      noParams,
    );
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const created = (await first.json()).data as Process;
    const before = await ledgerCounts();

    const again = await runProcessRoute(
      post("/api/v1/processes", maker, body, { idempotencyKey: "top-1" }),
      noParams,
    );
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).data.id).toBe(created.id);

    for (const changed of [
      { ...body, amount: "6.000" },
      { ...body, metadata: { order: "A-2" } },
    ]) {
      const reused = await runProcessRoute(
        post("/api/v1/processes", maker, changed, { idempotencyKey: "top-1" }),
        noParams,
      );
      expect(await errorOf(reused)).toEqual({ status: 422, code: "idempotency_key_reuse" });
    }
    expect(await ledgerCounts()).toEqual(before);
    expect(await balances(a)).toMatchObject({ posted: "5.000" });
  });

  it("answers parallel first requests with one key as one process: one 201, the rest replays", async () => {
    const a = await openCoin();
    const body = {
      type: "gate_charge",
      amount: "1.000",
      currency: "KWD",
      destinationAccountId: a,
      gatewayCode: "knet",
    };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        runProcessRoute(
          post("/api/v1/processes", maker, body, { idempotencyKey: "race-1" }),
          noParams,
        ),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(responses.map(async (r) => (await r.json()).data.id)));
    expect(ids.size).toBe(1);
    expect(await balances(a)).toMatchObject({ posted: "1.000" });
  });
});

describe("viewer scopes", () => {
  async function grant(who: "viewer" | "maker", permissions: string[]) {
    await prisma.membership.update({
      where: { userId_merchantId: { userId: m.users[who].id, merchantId: m.merchant.id } },
      data: { grantedPermissions: permissions },
    });
  }

  it("refuses a member with neither viewer permission: 403", async () => {
    const viewer = m.users.viewer.apiKey;
    for (const response of [
      await listProcesses(get("/api/v1/processes", viewer), noParams),
      await view(post("/api/v1/transactions/view", viewer, {}), noParams),
      await listAccounts(get("/api/v1/accounts", viewer), noParams),
      await customerAccounts(
        get(`/api/v1/customers/${m.customer.id}/accounts`, viewer),
        withId(m.customer.id),
      ),
    ]) {
      expect(await errorOf(response)).toEqual({ status: 403, code: "forbidden" });
    }
  });

  it("shows a system viewer system processes and accounts only; client ones are empty lists and 404s", async () => {
    const a = await openCoin();
    const top = await topUp(a);
    const reserve = await run(owner, {
      type: "exchange_reserve_top_up",
      amount: "100.00",
      currency: "USD",
    });
    await grant("viewer", ["transactions.view_system"]);
    const viewer = m.users.viewer.apiKey;

    const list = await (await listProcesses(get("/api/v1/processes", viewer), noParams)).json();
    expect(list.data.map((p: Process) => p.type).sort()).toEqual([
      "client_transaction_issue",
      "exchange_reserve_top_up",
    ]);
    expect(list.data.map((p: Process) => p.id)).toContain(reserve.id);
    const clientOnly = await listProcesses(get("/api/v1/processes?scope=client", viewer), noParams);
    expect(clientOnly.status).toBe(200);
    expect(await clientOnly.json()).toMatchObject({ data: [], total: 0 });
    const viewed = await view(
      post("/api/v1/transactions/view", viewer, { type: ["gate_charge"] }),
      noParams,
    );
    expect((await viewed.json()).data).toEqual([]);
    expect(
      await errorOf(
        await processDetail(get(`/api/v1/processes/${top.id}`, viewer), withId(top.id)),
      ),
    ).toEqual({
      status: 404,
      code: "not_found",
    });
    const accounts = await (await listAccounts(get("/api/v1/accounts", viewer), noParams)).json();
    expect(accounts.data.length).toBeGreaterThan(0);
    expect(accounts.data.every((x: { kind: string }) => x.kind !== "client_coin")).toBe(true);
    expect(
      await errorOf(await getAccount(get(`/api/v1/accounts/${a}`, viewer), withId(a))),
    ).toEqual({
      status: 404,
      code: "not_found",
    });
    expect(
      await errorOf(await transfersOf(get(`/api/v1/accounts/${a}/transfers`, viewer), withId(a))),
    ).toEqual({
      status: 404,
      code: "not_found",
    });
    expect(
      await errorOf(
        await customerAccounts(
          get(`/api/v1/customers/${m.customer.id}/accounts`, viewer),
          withId(m.customer.id),
        ),
      ),
    ).toEqual({ status: 403, code: "forbidden" });
    // Both scopes: everything.
    await grant("viewer", ["transactions.view_system", "transactions.view_client"]);
    const all = await (await listProcesses(get("/api/v1/processes", viewer), noParams)).json();
    expect(all.total).toBe(3);
  });

  it("keeps a maker (client scope) from system processes: running one is 403, reading one 404", async () => {
    const desk = await prisma.ledgerAccount.count();
    expect(desk).toBe(0);
    const refused = await runProcessRoute(
      post("/api/v1/processes", maker, { type: "cash_collect", amount: "1.000", currency: "KWD" }),
      noParams,
    );
    expect(await errorOf(refused)).toEqual({ status: 403, code: "forbidden" });
    const system = await run(owner, {
      type: "exchange_reserve_top_up",
      amount: "1.000",
      currency: "KWD",
    });
    expect(
      await errorOf(
        await processDetail(get(`/api/v1/processes/${system.id}`, maker), withId(system.id)),
      ),
    ).toEqual({
      status: 404,
      code: "not_found",
    });
    expect(
      (await (await listProcesses(get("/api/v1/processes?scope=system", maker), noParams)).json())
        .data,
    ).toEqual([]);
    // Granting the system scope on the membership lets the same maker run it.
    await grant("maker", ["transactions.view_system"]);
    const allowed = await runProcessRoute(
      post("/api/v1/processes", maker, {
        type: "exchange_reserve_top_up",
        amount: "1.000",
        currency: "KWD",
      }),
      noParams,
    );
    expect(allowed.status).toBe(201);
  });
});

describe("ledger errors answer 4xx and write nothing", () => {
  async function refused(key: string, body: Record<string, unknown>, status: number, code: string) {
    const before = await ledgerCounts();
    const response = await runProcessRoute(post("/api/v1/processes", key, body), noParams);
    expect([JSON.stringify(body), await errorOf(response)]).toEqual([
      JSON.stringify(body),
      { status, code },
    ]);
    expect(await ledgerCounts()).toEqual(before);
  }

  it("insufficient funds, currency mismatch, a closed account, bad types and amounts, another merchant's account", async () => {
    const a = await openCoin();
    const b = await openCoin("KWD", (await secondCustomer()).id);
    const usd = await openCoin("USD");
    await topUp(a, "5.000");
    const transfer = {
      type: "client_transaction_transfer",
      currency: "KWD",
      sourceAccountId: a,
      destinationAccountId: b,
    };
    await refused(maker, { ...transfer, amount: "5.001" }, 422, "insufficient_funds");
    await refused(maker, { ...transfer, amount: "4.000", fee: "1.001" }, 422, "insufficient_funds");
    await refused(
      maker,
      { type: "bank_redeem", amount: "6.000", currency: "KWD", sourceAccountId: a },
      422,
      "insufficient_funds",
    );
    await refused(
      maker,
      { ...transfer, destinationAccountId: usd, amount: "1.000" },
      422,
      "currency_mismatch",
    );
    await refused(
      maker,
      { ...transfer, currency: "USD", amount: "1.001" },
      400,
      "validation_error",
    );
    await refused(
      maker,
      { ...transfer, currency: "USD", amount: "1.00" },
      422,
      "currency_mismatch",
    );
    await refused(
      maker,
      {
        type: "gate_charge",
        amount: "1.00",
        currency: "USD",
        destinationAccountId: usd,
        gatewayCode: "knet",
      },
      422,
      "currency_mismatch",
    );
    await refused(
      maker,
      { ...transfer, type: "no_such_type", amount: "1.000" },
      400,
      "validation_error",
    );
    // The precision rule is the project's parseMoney: more significant decimals than the currency
    // has are refused ("1.0001" KWD, "1.001" USD); fewer are read as written ("1.5" is 1.500).
    for (const amount of ["1.0001", "0.0005", "0.000", "0", "-1.000", "1e3", "abc", 1.0001, ""]) {
      await refused(maker, { ...transfer, amount }, 400, "validation_error");
    }
    await refused(
      maker,
      { type: "gate_card_refund", amount: "1.000", currency: "KWD" },
      422,
      "operation_not_allowed",
    );
    const other = await seedMerchant("Other");
    const { processId: theirId } = await runProcess(principalOf(other, "owner"), {
      type: "client_transaction_issue",
      amount: "0",
      currency: "KWD",
      customerId: other.customer.id,
    });
    const theirs = await prisma.businessProcess.findUniqueOrThrow({ where: { id: theirId } });
    const theirCoin = theirs.destinationAccountId as string;
    await refused(
      maker,
      { ...transfer, destinationAccountId: theirCoin, amount: "1.000" },
      404,
      "not_found",
    );
    await refused(
      maker,
      { ...transfer, sourceAccountId: theirCoin, amount: "1.000" },
      404,
      "not_found",
    );
    await refused(
      owner,
      {
        type: "client_transaction_issue",
        amount: "0",
        currency: "KWD",
        customerId: other.customer.id,
      },
      404,
      "not_found",
    );
    // Their process, account and customer by id are 404 here.
    expect(
      await errorOf(
        await processDetail(get(`/api/v1/processes/${theirs.id}`, owner), withId(theirs.id)),
      ),
    ).toEqual({ status: 404, code: "not_found" });
    expect(
      await errorOf(
        await getAccount(get(`/api/v1/accounts/${theirCoin}`, owner), withId(theirCoin)),
      ),
    ).toEqual({ status: 404, code: "not_found" });
    expect(
      await errorOf(
        await customerAccounts(
          get(`/api/v1/customers/${other.customer.id}/accounts`, owner),
          withId(other.customer.id),
        ),
      ),
    ).toEqual({ status: 404, code: "not_found" });
    expect(await errorOf(await step(approve, "approve", owner, theirs.id))).toEqual({
      status: 404,
      code: "not_found",
    });

    // A closed account: closing is a plain update while it holds nothing pending.
    await prisma.$executeRaw`UPDATE ledger_account SET status = 'closed', closed_at = now() WHERE id = ${b}::uuid`;
    await refused(maker, { ...transfer, amount: "1.000" }, 422, "account_closed");
    expect(await balances(a)).toMatchObject({ posted: "5.000", pending: "0.000" });
    // Too many transfers (more than 8 in a process) cannot be asked for through the API: every
    // type's recipe has at most two legs plus a fee.
  });

  it("an expired hold can be neither captured nor released by hand: 409 hold_expired", async () => {
    const a = await openCoin();
    await topUp(a);
    // The API's shortest hold is 60 s; the service takes a shorter one, so the hold really expires.
    const { processId } = await runProcess(principalOf(m, "maker"), {
      type: "bank_redeem",
      amount: "1.000",
      currency: "KWD",
      sourceAccountId: a,
      holdExpiresInSeconds: 1,
    });
    for (;;) {
      const [row] = await prisma.$queryRaw<{ expired: boolean }[]>`
        SELECT hold_expires_at <= now() AS expired FROM business_process WHERE id = ${processId}::uuid`;
      if (row?.expired) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const before = await ledgerCounts();
    expect(await errorOf(await step(approve, "approve", maker, processId))).toEqual({
      status: 409,
      code: "hold_expired",
    });
    expect(await errorOf(await step(decline, "decline", maker, processId))).toEqual({
      status: 409,
      code: "hold_expired",
    });
    expect(await ledgerCounts()).toEqual(before);
    expect(await balances(a)).toMatchObject({ pending: "1.000" });
  });

  it("a hold of less than 60 s is refused at the API", async () => {
    const a = await openCoin();
    await refused(
      maker,
      {
        type: "bank_redeem",
        amount: "1.000",
        currency: "KWD",
        sourceAccountId: a,
        holdExpiresInSeconds: 1,
      },
      400,
      "validation_error",
    );
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("describes the ledger's paths with their error codes", async () => {
    const document = await (
      await openApi(new Request("http://test/api/v1/openapi.json"), noParams)
    ).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/processes",
        "/api/v1/processes/{id}",
        "/api/v1/processes/{id}/approve",
        "/api/v1/processes/{id}/decline",
        "/api/v1/processes/{id}/reject",
        "/api/v1/processes/{id}/confirm-otp",
        "/api/v1/transactions/view",
        "/api/v1/accounts",
        "/api/v1/accounts/{id}",
        "/api/v1/accounts/{id}/transfers",
        "/api/v1/customers/{id}/accounts",
      ]),
    );
    const codes = (path: string, method: string, status: string) =>
      document.paths[path][method].responses[status].content["application/json"].schema.properties
        .error.properties.code.enum;
    expect(codes("/api/v1/processes", "post", "422")).toEqual(
      expect.arrayContaining([
        "insufficient_funds",
        "currency_mismatch",
        "account_closed",
        "idempotency_key_reuse",
      ]),
    );
    expect(codes("/api/v1/processes/{id}/approve", "post", "409")).toEqual(
      expect.arrayContaining(["invalid_state", "hold_expired"]),
    );
    expect(document.paths["/api/v1/processes"].post.responses["200"].headers).toBeDefined();
  });
});
