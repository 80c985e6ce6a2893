import { randomUUID } from "node:crypto";
import { fc, it } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db";
import {
  PROCESS_TYPE_DEFINITIONS,
  type ProcessType,
  processTypeDefinition,
} from "@/lib/domain/ledger/catalogue";
import { openCashDesk, openClientAccount, providerAccountId } from "@/lib/services/ledger/accounts";
import {
  approveProcess,
  confirmProcessCode,
  declineProcess,
  expireHolds,
  reviewApproveProcess,
  reviewRejectProcess,
  serviceApproveProcess,
} from "@/lib/services/ledger/decide-process";
import { type RunProcessInput, runProcess } from "@/lib/services/ledger/run-process";
import { principalOf, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { accountBalances, checkLedgerInvariants, outcomeOf } from "./ledger-invariants";

/**
 * Property-based tests of the ledger on the real PostgreSQL: random sequences of processes of every
 * runnable type, their second sessions, reviews, card-issue approvals and codes, expiries, retries
 * and parallel groups, then the ledger's invariants (tests/integration/ledger-invariants.ts). Where
 * the outcome of a sequential command is determined by the state before it (funds of a client coin,
 * a limit profile, the status of the process it targets), the exact outcome is asserted too.
 */

type Cur = "KWD" | "USD";
const CURRENCIES: Cur[] = ["KWD", "USD"];
const EXPONENT: Record<Cur, number> = { KWD: 3, USD: 2 };
const GATEWAY: Record<Cur, string> = { KWD: "knet", USD: "WireCard8" };
const RATE: Record<Cur, string> = { KWD: "3.25", USD: "0.3077" };
const CUSTOMERS = 3;

function decimal(minor: number | bigint, cur: string): string {
  const e = EXPONENT[cur as Cur];
  const s = minor.toString().padStart(e + 1, "0");
  return `${s.slice(0, -e)}.${s.slice(-e)}`;
}

const RUNNABLE = PROCESS_TYPE_DEFINITIONS.filter((d) => !("systemMade" in d && d.systemMade)).map(
  (d) => d.code,
) as ProcessType[];

/** Limit profiles of every world: some processes are created `limited`. */
const LIMITS: {
  type: ProcessType;
  currency: Cur;
  maxAmount?: bigint;
  maxDailyCount?: number;
  maxDailyTotal?: bigint;
}[] = [
  { type: "bank_redeem", currency: "KWD", maxAmount: 8000n },
  { type: "client_transaction_transfer", currency: "USD", maxAmount: 5000n },
  { type: "gate_purchase", currency: "KWD", maxDailyCount: 3 },
  { type: "merchant_invoice", currency: "USD", maxDailyTotal: 10000n },
  { type: "gate_redeem", currency: "USD", maxAmount: 9000n },
];

type World = {
  m: TestMerchant;
  /** When the run began: its commands pick among the processes made since. */
  since: Date;
  owner: Principal;
  customers: string[];
  coins: Record<Cur, string[]>;
  desks: Record<Cur, string[]>;
  clearing: Record<Cur, string>;
  vouchers: Record<Cur, string[]>;
  purchases: { id: string; cur: Cur }[];
  lastRefused: RunProcessInput | null;
  lastKeyed: { input: RunProcessInput; processId: string } | null;
  stats: Map<string, number>;
};

/** Customers, coins and cash desks of one run, in the shared merchant (its limits and gateways). */
async function makeWorld(m: TestMerchant): Promise<World> {
  const since = new Date();
  const owner = principalOf(m, "owner");
  const merchantId = m.merchant.id;
  const customers: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const c = await prisma.customer.create({
      data: {
        merchantId,
        name: `Customer ${i}`,
        email: `c${i}-${randomUUID().slice(0, 8)}@example.test`,
        baseCurrency: "KWD",
      },
    });
    customers.push(c.id);
  }
  const world = await prisma.$transaction(async (tx) => {
    const coins = { KWD: [] as string[], USD: [] as string[] };
    for (const customerId of customers) {
      for (const currency of CURRENCIES) {
        coins[currency].push(
          await openClientAccount(tx, { merchantId, customerId, kind: "client_coin", currency }),
        );
      }
    }
    const desks = { KWD: [] as string[], USD: [] as string[] };
    for (const currency of CURRENCIES) {
      for (const n of [1, 2]) {
        desks[currency].push(await openCashDesk(tx, { merchantId, currency, name: `Desk ${n}` }));
      }
    }
    const clearing = {
      KWD: (await providerAccountId(tx, merchantId, GATEWAY.KWD)).accountId,
      USD: (await providerAccountId(tx, merchantId, GATEWAY.USD)).accountId,
    };
    return { coins, desks, clearing };
  });
  // Opening funds: every coin, the exchange reserves and the first cash desk of each currency.
  await Promise.all(
    CURRENCIES.flatMap((currency) => [
      ...world.coins[currency].map((coin) =>
        runProcess(owner, {
          type: "bank_topup",
          amount: decimal(30000, currency),
          currency,
          destinationAccountId: coin,
        }),
      ),
      runProcess(owner, {
        type: "exchange_reserve_top_up",
        amount: decimal(200000, currency),
        currency,
      }),
      runProcess(owner, {
        type: "cash_investment",
        amount: decimal(20000, currency),
        currency,
        destinationAccountId: world.desks[currency][0],
      }),
    ]),
  );
  return {
    m,
    since,
    owner,
    customers,
    ...world,
    vouchers: { KWD: [], USD: [] },
    purchases: [],
    lastRefused: null,
    lastKeyed: null,
    stats: new Map(),
  };
}

// ---- commands -------------------------------------------------------------------------------

type RunCmd = {
  kind: "run";
  type: ProcessType;
  cust: number;
  other: number;
  cur: Cur;
  amount: number;
  fee: number;
  short: boolean;
  variant: number;
  keyed: boolean;
};
type Pick = { p: number; relevant: boolean };
type StepCmd =
  | ({ kind: "approve"; partial: boolean; cust: number } & Pick)
  | ({ kind: "decline" } & Pick)
  | ({ kind: "review_approve" } & Pick)
  | ({ kind: "review_reject" } & Pick)
  | ({ kind: "service_approve" } & Pick)
  | ({ kind: "confirm"; wrong: boolean } & Pick);
type Cmd =
  | RunCmd
  | StepCmd
  | { kind: "expire" }
  | { kind: "retry" }
  | { kind: "replay" }
  | { kind: "parallel"; cmds: (RunCmd | StepCmd | { kind: "expire" } | { kind: "dup" })[] }
  | { kind: "dup"; n?: number }
  | { kind: "inject"; shape: "exchange" | "transfer_fee" | "redeem_fee_open" | "redeem_fee_post" };

const amountArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 4000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 40000 }) },
);
const runArb: fc.Arbitrary<RunCmd> = fc.record({
  kind: fc.constant("run" as const),
  type: fc.constantFrom(...RUNNABLE),
  cust: fc.nat(CUSTOMERS - 1),
  other: fc.nat(CUSTOMERS - 1),
  cur: fc.constantFrom<Cur>(...CURRENCIES),
  amount: amountArb,
  fee: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 300 })),
  short: fc.boolean(),
  variant: fc.nat(11),
  keyed: fc.boolean(),
});
const pickArb = { p: fc.nat(60), relevant: fc.nat(4).map((n) => n > 0) };
const stepArb: fc.Arbitrary<StepCmd> = fc.oneof(
  fc.record({
    kind: fc.constant("approve" as const),
    partial: fc.boolean(),
    cust: fc.nat(CUSTOMERS - 1),
    ...pickArb,
  }),
  fc.record({ kind: fc.constant("decline" as const), ...pickArb }),
  fc.record({ kind: fc.constant("review_approve" as const), ...pickArb }),
  fc.record({ kind: fc.constant("review_reject" as const), ...pickArb }),
  fc.record({ kind: fc.constant("service_approve" as const), ...pickArb }),
  fc.record({ kind: fc.constant("confirm" as const), wrong: fc.boolean(), ...pickArb }),
);
const dupArb = fc.record({ kind: fc.constant("dup" as const), n: fc.integer({ min: 2, max: 4 }) });
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 10, arbitrary: runArb },
  { weight: 8, arbitrary: stepArb },
  { weight: 1, arbitrary: fc.constant({ kind: "expire" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "retry" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "replay" as const }) },
  { weight: 1, arbitrary: dupArb },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("parallel" as const),
      cmds: fc.array(
        fc.oneof(
          { weight: 4, arbitrary: runArb },
          { weight: 4, arbitrary: stepArb },
          { weight: 1, arbitrary: fc.constant({ kind: "expire" as const }) },
          { weight: 1, arbitrary: fc.constant({ kind: "dup" as const }) },
        ),
        { minLength: 2, maxLength: 5 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("inject" as const),
      shape: fc.constantFrom(
        "exchange" as const,
        "transfer_fee" as const,
        "redeem_fee_open" as const,
        "redeem_fee_post" as const,
      ),
    }),
  },
);

/**
 * A hand-written first run (fast-check `examples`) that reaches every runnable type and every step
 * with an outcome fixed in advance, so the coverage check below does not depend on chance.
 */
function tourRun(type: ProcessType, over: Partial<RunCmd> = {}): RunCmd {
  return {
    kind: "run",
    type,
    cust: 0,
    other: 1,
    cur: "KWD",
    amount: 100,
    fee: 0,
    short: false,
    variant: 0,
    keyed: false,
    ...over,
  };
}
const TOUR: Cmd[] = [
  tourRun("gate_redeem", { fee: 10 }),
  tourRun("bank_redeem", { keyed: true }),
  tourRun("client_create_prepaid", { amount: 1000 }),
  tourRun("client_charge_prepaid", { cust: 1, amount: 500 }),
  tourRun("gate_purchase", { amount: 500 }),
  tourRun("gate_refund", { amount: 400 }),
  tourRun("client_transaction_transfer", { fee: 5 }),
  tourRun("client_transaction_issue", { cur: "USD" }),
  tourRun("merchant_payment"),
  tourRun("merchant_invoice"),
  tourRun("gate_charge"),
  tourRun("exchange_transaction"),
  tourRun("exchange_reserve_top_up"),
  tourRun("exchange_reserve_withdraw"),
  tourRun("cash_desk_charge"),
  tourRun("cash_investment"),
  tourRun("cash_collect"),
  tourRun("cash_input"),
  tourRun("contract_transit"),
  tourRun("bank_topup"),
  { kind: "replay" },
  { kind: "approve", partial: false, cust: 0, p: 0, relevant: true },
  { kind: "decline", p: 0, relevant: true },
  tourRun("cash_desk_redeem", { short: true }),
  tourRun("bank_redeem", { amount: 9000 }),
  { kind: "review_approve", p: 0, relevant: true },
  tourRun("bank_redeem", { amount: 9000, cust: 1 }),
  { kind: "review_reject", p: 0, relevant: true },
  tourRun("gate_issue_card"),
  { kind: "service_approve", p: 0, relevant: true },
  { kind: "confirm", wrong: true, p: 0, relevant: true },
  { kind: "confirm", wrong: false, p: 0, relevant: true },
  { kind: "inject", shape: "exchange" },
  { kind: "inject", shape: "redeem_fee_post" },
  { kind: "parallel", cmds: [{ kind: "dup" }, tourRun("gate_charge"), { kind: "expire" }] },
];

// ---- building inputs ------------------------------------------------------------------------

/** The input a run command stands for in this world, or null when the world has nothing for it. */
function inputOf(w: World, c: RunCmd): RunProcessInput | null {
  const definition = processTypeDefinition(c.type);
  const cur = c.cur;
  const other = (c.other === c.cust ? c.other + 1 : c.other) % CUSTOMERS;
  const coin = w.coins[cur][c.cust] as string;
  const base: RunProcessInput = {
    type: c.type,
    amount: decimal(c.amount, cur),
    currency: cur,
    ...(definition.feeAllowed && c.fee > 0 ? { fee: decimal(c.fee, cur) } : {}),
    ...(definition.mode === "distributed" && c.short ? { holdExpiresInSeconds: 1 } : {}),
    ...(c.keyed ? { idempotencyKey: randomUUID() } : {}),
  };
  const desks = w.desks[cur];
  switch (c.type) {
    case "gate_redeem":
    case "gate_purchase":
    case "gate_issue_card":
      return { ...base, sourceAccountId: coin, gatewayCode: GATEWAY[cur] };
    case "gate_charge":
      return { ...base, destinationAccountId: coin, gatewayCode: GATEWAY[cur] };
    case "client_transaction_transfer":
      return { ...base, sourceAccountId: coin, destinationAccountId: w.coins[cur][other] };
    case "client_transaction_issue":
      return { ...base, amount: "0", customerId: w.customers[c.cust] };
    case "client_create_prepaid":
    case "merchant_invoice":
    case "contract_transit":
    case "bank_redeem":
      return { ...base, sourceAccountId: coin };
    case "client_charge_prepaid": {
      const vouchers = w.vouchers[cur];
      if (vouchers.length === 0) return null;
      return {
        ...base,
        sourceAccountId: vouchers[c.variant % vouchers.length],
        destinationAccountId: coin,
      };
    }
    case "merchant_payment":
      if (c.variant % 3 === 0) return { ...base, sourceAccountId: coin };
      if (c.variant % 3 === 1) return { ...base, sourceAccountId: w.clearing[cur] };
      return { ...base, customerId: w.customers[c.cust] };
    case "exchange_transaction": {
      const to: Cur = cur === "KWD" ? "USD" : "KWD";
      return {
        ...base,
        sourceAccountId: coin,
        destinationAccountId: w.coins[to][c.variant % 2 === 0 ? c.cust : other],
        exchangeRate: RATE[cur],
      };
    }
    case "exchange_reserve_top_up":
    case "exchange_reserve_withdraw":
      return base;
    case "cash_desk_redeem":
      return { ...base, sourceAccountId: coin, destinationAccountId: desks[c.variant % 2] };
    case "cash_desk_charge":
      return { ...base, sourceAccountId: desks[c.variant % 2], destinationAccountId: coin };
    case "cash_investment":
      return {
        ...base,
        destinationAccountId: c.variant % 3 === 2 ? w.clearing[cur] : desks[c.variant % 2],
      };
    case "cash_collect":
    case "cash_input":
      // Now and then the same desk on both sides: a validation error.
      return {
        ...base,
        sourceAccountId: desks[c.variant % 2],
        destinationAccountId: c.variant === 11 ? desks[c.variant % 2] : desks[(c.variant + 1) % 2],
      };
    case "bank_topup":
      return { ...base, destinationAccountId: coin };
    case "gate_refund": {
      if (w.purchases.length === 0) return null;
      const purchase = w.purchases[c.variant % w.purchases.length] as { id: string; cur: Cur };
      return {
        type: "gate_refund",
        amount: decimal(Math.max(1, Math.floor(c.amount / 4)), purchase.cur),
        currency: purchase.cur,
        refundOf: purchase.id,
      };
    }
    default:
      throw new Error(`no input for ${c.type}`);
  }
}

// ---- the oracle -----------------------------------------------------------------------------

/** Types whose only limited account is the client coin they take amount + fee from. */
const FROM_COIN = new Set<ProcessType>([
  "client_transaction_transfer",
  "gate_purchase",
  "gate_redeem",
  "bank_redeem",
  "contract_transit",
  "merchant_invoice",
  "client_create_prepaid",
]);

async function available(accountId: string): Promise<bigint> {
  const a = await prisma.ledgerAccount.findUniqueOrThrow({ where: { id: accountId } });
  return a.creditsPosted - a.debitsPosted - a.debitsPending;
}

async function wouldBeLimited(w: World, input: RunProcessInput, customerId: string) {
  const profile = LIMITS.find((l) => l.type === input.type && l.currency === input.currency);
  if (!profile) return false;
  const amount = BigInt(input.amount.replace(".", ""));
  if (profile.maxAmount !== undefined && amount > profile.maxAmount) return true;
  const [usage] = await prisma.$queryRaw<{ total: bigint | null; count: bigint }[]>`
    SELECT sum(amount) AS total, count(*) AS count FROM business_process
    WHERE merchant_id = ${w.m.merchant.id}::uuid AND customer_id = ${customerId}::uuid
      AND type = ${input.type}::"ProcessType" AND currency = ${input.currency}
      AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
      AND status NOT IN ('declined', 'rejected', 'error')`;
  const total = BigInt(usage?.total ?? 0);
  const count = Number(usage?.count ?? 0);
  if (profile.maxDailyTotal !== undefined && total + amount > profile.maxDailyTotal) return true;
  if (profile.maxDailyCount !== undefined && count + 1 > profile.maxDailyCount) return true;
  return false;
}

/** The outcome (and the status the process must then have) a sequential run must have, or null when the test does not predict it. */
async function expectedRun(
  w: World,
  input: RunProcessInput,
): Promise<{ outcome: string; status?: string } | null> {
  const definition = processTypeDefinition(input.type);
  if (definition.mode === "account_creation") return { outcome: "ok", status: "processed" };
  if (input.type === "merchant_payment" && !input.sourceAccountId)
    return { outcome: "ok", status: "created" };
  if (definition.initialStatus === "waiting_for_approval")
    return { outcome: "ok", status: "waiting_for_approval" };
  if (!FROM_COIN.has(input.type) || !input.sourceAccountId) return null;
  const source = await prisma.ledgerAccount.findUniqueOrThrow({
    where: { id: input.sourceAccountId },
  });
  if (source.customerId && (await wouldBeLimited(w, input, source.customerId)))
    return { outcome: "ok", status: "limited" };
  const need = BigInt(input.amount.replace(".", "")) + BigInt((input.fee ?? "0").replace(".", ""));
  if ((await available(source.id)) < need) return { outcome: "insufficient_funds" };
  return { outcome: "ok", status: definition.mode === "distributed" ? "pending" : "processed" };
}

// ---- running commands -----------------------------------------------------------------------

type ProcessInfo = {
  id: string;
  type: ProcessType;
  status: string;
  currency: Cur;
  amount: bigint;
  fee: bigint;
  source_account_id: string | null;
  hold_expires_at: Date | null;
  approved_at: Date | null;
  otp_confirmed_at: Date | null;
  metadata: Record<string, unknown>;
};

async function processesOf(w: World): Promise<ProcessInfo[]> {
  return prisma.$queryRaw<ProcessInfo[]>`
    SELECT id, type::text AS type, status::text AS status, currency, amount, fee, source_account_id,
           hold_expires_at, approved_at, otp_confirmed_at, metadata
    FROM business_process WHERE merchant_id = ${w.m.merchant.id}::uuid AND created_at >= ${w.since}
    ORDER BY created_at, id`;
}

const RELEVANT: Record<StepCmd["kind"], (p: ProcessInfo) => boolean> = {
  approve: (p) => p.status === "pending" || p.status === "created",
  decline: (p) => ["pending", "created", "waiting_for_approval"].includes(p.status),
  review_approve: (p) => p.status === "limited",
  review_reject: (p) => p.status === "limited",
  service_approve: (p) => p.status === "waiting_for_approval" && !p.approved_at,
  confirm: (p) => p.status === "waiting_for_approval" && !p.otp_confirmed_at,
};

async function pick(w: World, c: StepCmd): Promise<ProcessInfo | null> {
  const all = await processesOf(w);
  const pool = c.relevant ? all.filter(RELEVANT[c.kind]) : all;
  return pool.length === 0 ? null : (pool[c.p % pool.length] as ProcessInfo);
}

async function codeOf(processId: string, wrong: boolean): Promise<string> {
  const email = await prisma.emailOutbox.findFirst({
    where: { entityId: processId, kind: "business_process.code_sent" },
    orderBy: { createdAt: "desc" },
  });
  const code = /for: (\d{6})/.exec(email?.text ?? "")?.[1];
  if (!code) throw new Error(`no code email for ${processId}`);
  return wrong ? String((Number(code) + 1) % 1_000_000).padStart(6, "0") : code;
}

/** Holds whose expiry is this close to now may go either way. */
const EXPIRY_MARGIN_MS = 300;

function expiryState(p: ProcessInfo): "live" | "expired" | "edge" {
  if (!p.hold_expires_at) return "live";
  const left = p.hold_expires_at.getTime() - Date.now();
  if (left > EXPIRY_MARGIN_MS) return "live";
  if (left < -EXPIRY_MARGIN_MS) return "expired";
  return "edge";
}

function count(w: World, key: string) {
  w.stats.set(key, (w.stats.get(key) ?? 0) + 1);
}

/** Remembers what a successful run made that later commands use. */
async function remember(w: World, input: RunProcessInput, processId: string) {
  if (input.type === "client_create_prepaid") {
    const p = await prisma.businessProcess.findUniqueOrThrow({ where: { id: processId } });
    if (
      p.destinationAccountId &&
      !w.vouchers[input.currency as Cur].includes(p.destinationAccountId)
    )
      w.vouchers[input.currency as Cur].push(p.destinationAccountId);
  }
  if (input.type === "gate_purchase" && !w.purchases.some((x) => x.id === processId))
    w.purchases.push({ id: processId, cur: input.currency as Cur });
  if (input.idempotencyKey) w.lastKeyed = { input, processId };
}

async function statusOf(processId: string): Promise<string> {
  return (await prisma.businessProcess.findUniqueOrThrow({ where: { id: processId } })).status;
}

/** Broad outcomes any command may have when run beside others. */
const PARALLEL_OK = new Set([
  "ok",
  "insufficient_funds",
  "invalid_state",
  "hold_expired",
  "validation_error",
  "amount_exceeds_remaining",
  "currency_mismatch",
  "idempotency_in_progress",
]);

async function runCmd(w: World, c: RunCmd, sequential: boolean): Promise<string> {
  const input = inputOf(w, c);
  if (!input) return "skipped";
  return runInput(w, input, sequential);
}

async function runInput(w: World, input: RunProcessInput, sequential: boolean): Promise<string> {
  const expected = sequential ? await expectedRun(w, input) : null;
  const merchantId = w.m.merchant.id;
  const before = sequential
    ? {
        balances: await accountBalances(merchantId),
        processes: await prisma.businessProcess.count({ where: { merchantId } }),
      }
    : null;
  const { outcome, value } = await outcomeOf(runProcess(w.owner, input));
  count(w, `run ${input.type} ${outcome}`);
  const label = `run ${JSON.stringify(input)}`;
  if (expected) {
    expect(outcome, label).toBe(expected.outcome);
    if (value && expected.status)
      expect(await statusOf(value.processId), label).toBe(expected.status);
  } else {
    expect(PARALLEL_OK, `${label} -> ${outcome}`).toContain(outcome);
  }
  if (before && !value) {
    // A refused process leaves nothing: no process row, no account, no balance moved.
    expect(
      {
        balances: await accountBalances(merchantId),
        processes: await prisma.businessProcess.count({ where: { merchantId } }),
      },
      label,
    ).toEqual(before);
  }
  if (value) await remember(w, input, value.processId);
  else if (sequential) w.lastRefused = input;
  return outcome;
}

async function stepCmd(w: World, c: StepCmd, sequential: boolean): Promise<string> {
  const p = await pick(w, c);
  if (!p) return "skipped";
  const definition = processTypeDefinition(p.type);
  let expected: string[] | null = null;
  let after: string | null = null;
  let action: () => Promise<void>;
  const expiry = expiryState(p);
  const onHold = (ok: string[]) =>
    expiry === "live" ? ok : expiry === "expired" ? ["hold_expired"] : [...ok, "hold_expired"];
  switch (c.kind) {
    case "approve": {
      if (p.status === "created") {
        const source = w.coins[p.currency][c.cust] as string;
        action = () => approveProcess(w.owner, p.id, { sourceAccountId: source });
        expected = (await available(source)) >= p.amount ? ["ok"] : ["insufficient_funds"];
        after = "processed";
      } else {
        const capture =
          c.partial && p.amount > 1n ? { amount: decimal(p.amount / 2n, p.currency) } : {};
        action = () => approveProcess(w.owner, p.id, capture);
        if (p.status === "pending" && definition.mode === "distributed") {
          // A process whose post is poisoned by the injected failure cannot be approved.
          expected = p.metadata.failKind === "post_pending" ? onHold(["raw"]) : onHold(["ok"]);
          after = "processed";
        } else expected = ["invalid_state"];
      }
      break;
    }
    case "decline":
      action = () => declineProcess(w.owner, p.id, { reason: "property test" });
      if (p.status === "pending" && definition.mode === "distributed") expected = onHold(["ok"]);
      else if (p.status === "created" || p.status === "waiting_for_approval") expected = ["ok"];
      else expected = ["invalid_state"];
      after = "declined";
      break;
    case "review_approve": {
      action = () => reviewApproveProcess(w.owner, p.id);
      if (p.status !== "limited") expected = ["invalid_state"];
      else if (p.source_account_id && FROM_COIN.has(p.type)) {
        const enough = (await available(p.source_account_id)) >= p.amount + p.fee;
        expected = enough ? ["ok"] : ["insufficient_funds"];
      } else expected = ["ok", "insufficient_funds"];
      after = definition.mode === "distributed" ? "pending" : "processed";
      break;
    }
    case "review_reject":
      action = () => reviewRejectProcess(w.owner, p.id, { reason: "too much" });
      expected = p.status === "limited" ? ["ok"] : ["invalid_state"];
      after = "rejected";
      break;
    case "service_approve": {
      action = () => serviceApproveProcess(w.owner, p.id);
      if (p.status !== "waiting_for_approval" || p.approved_at) expected = ["invalid_state"];
      else if (p.otp_confirmed_at && p.source_account_id) {
        const enough = (await available(p.source_account_id)) >= p.amount + p.fee;
        expected = enough ? ["ok"] : ["insufficient_funds"];
        after = "processed";
      } else {
        expected = ["ok"];
        after = "waiting_for_approval";
      }
      break;
    }
    case "confirm": {
      const code = await codeOf(p.id, c.wrong).catch(() => "000000");
      action = () => confirmProcessCode(w.owner, p.id, { code });
      if (p.status !== "waiting_for_approval" || p.otp_confirmed_at) expected = ["invalid_state"];
      else {
        const stored = await prisma.processOneTimeCode.findUniqueOrThrow({
          where: { processId: p.id },
        });
        if (c.wrong || stored.attempts >= 5) expected = ["validation_error"];
        else if (p.approved_at && p.source_account_id) {
          const enough = (await available(p.source_account_id)) >= p.amount + p.fee;
          expected = enough ? ["ok"] : ["insufficient_funds"];
          after = "processed";
        } else {
          expected = ["ok"];
          after = "waiting_for_approval";
        }
      }
      break;
    }
  }
  const before = sequential ? await accountBalances(w.m.merchant.id) : null;
  const { outcome } = await outcomeOf(action());
  const short = outcome.startsWith("raw:") ? "raw" : outcome;
  count(w, `${c.kind} ${p.status} ${short}`);
  const label = `${c.kind} of ${p.type} ${p.status} ${p.id}`;
  if (sequential) {
    expect(expected, label).toContain(short);
    if (short === "ok" && after) expect(await statusOf(p.id), label).toBe(after);
    if (short !== "ok") {
      // A refused step changes no balance.
      expect(await accountBalances(w.m.merchant.id), label).toEqual(before);
    }
  } else if (!(p.metadata.failKind && /injected failure/.test(outcome))) {
    expect(PARALLEL_OK, `${label} -> ${outcome}`).toContain(outcome);
  }
  return short;
}

async function expireCmd(w: World, sequential: boolean) {
  const startedAt = new Date();
  const { outcome } = await outcomeOf(expireHolds());
  expect(outcome).toBe("ok");
  count(w, "expire");
  if (sequential) {
    // Nothing due before the job started is left pending.
    const [left] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM business_process
      WHERE merchant_id = ${w.m.merchant.id}::uuid AND status = 'pending'
        AND hold_expires_at <= ${startedAt}`;
    expect(left?.n).toBe(0);
  }
}

/** The same keyed request sent n times at once: one process, the others replay it or are told to wait. */
async function dupCmd(w: World, n: number) {
  const coin = w.coins.KWD[0] as string;
  const input: RunProcessInput = {
    type: "client_transaction_transfer",
    amount: decimal(100, "KWD"),
    currency: "KWD",
    sourceAccountId: coin,
    destinationAccountId: w.coins.KWD[1],
    idempotencyKey: randomUUID(),
  };
  const results = await Promise.all(
    Array.from({ length: n }, () => outcomeOf(runProcess(w.owner, input))),
  );
  for (const r of results) count(w, `dup ${r.outcome.startsWith("raw:") ? "raw" : r.outcome}`);
  for (const r of results) {
    expect(["ok", "insufficient_funds", "idempotency_in_progress"], r.outcome).toContain(r.outcome);
  }
  const ids = new Set(results.flatMap((r) => (r.value ? [r.value.processId] : [])));
  expect(ids.size).toBeLessThanOrEqual(1);
  const made = await prisma.businessProcess.count({
    where: { merchantId: w.m.merchant.id, idempotencyKey: input.idempotencyKey },
  });
  expect(made).toBeLessThanOrEqual(1);
}

async function replayCmd(w: World) {
  if (!w.lastKeyed) return;
  const { input, processId } = w.lastKeyed;
  const before = await accountBalances(w.m.merchant.id);
  const again = await runProcess(w.owner, input);
  expect(again).toEqual({ processId, replayed: true });
  const other = await outcomeOf(
    runProcess(w.owner, { ...input, amount: input.amount === "0" ? "1" : "0.05" }),
  );
  expect(other.outcome).toBe("idempotency_key_reuse");
  expect(await accountBalances(w.m.merchant.id)).toEqual(before);
  count(w, "replay");
}

/**
 * A failure injected at transfer k of a process (the test's trigger raises when the process's
 * metadata names seq k): nothing of the process, or of the step, is left.
 */
async function injectCmd(
  w: World,
  shape: "exchange" | "transfer_fee" | "redeem_fee_open" | "redeem_fee_post",
) {
  const merchantId = w.m.merchant.id;
  const [a, b] = w.coins.KWD as [string, string];
  // Enough funds that the recipe reaches the database.
  await runProcess(w.owner, {
    type: "bank_topup",
    amount: "5.000",
    currency: "KWD",
    destinationAccountId: a,
  });
  const marker = randomUUID();
  const input: RunProcessInput =
    shape === "exchange"
      ? {
          type: "exchange_transaction",
          amount: "1.000",
          currency: "KWD",
          sourceAccountId: a,
          destinationAccountId: w.coins.USD[1],
          exchangeRate: RATE.KWD,
          metadata: { marker, failAtSeq: 2 },
        }
      : shape === "transfer_fee"
        ? {
            type: "client_transaction_transfer",
            amount: "1.000",
            fee: "0.100",
            currency: "KWD",
            sourceAccountId: a,
            destinationAccountId: b,
            metadata: { marker, failAtSeq: 2 },
          }
        : {
            type: "gate_redeem",
            amount: "1.000",
            fee: "0.100",
            currency: "KWD",
            sourceAccountId: a,
            gatewayCode: GATEWAY.KWD,
            metadata:
              shape === "redeem_fee_open"
                ? { marker, failAtSeq: 2 }
                : { marker, failAtSeq: 4, failKind: "post_pending" },
          };
  const balances = await accountBalances(merchantId);
  const transfers = await prisma.ledgerTransfer.count({ where: { merchantId } });
  const processes = await prisma.businessProcess.count({ where: { merchantId } });
  const opened = await outcomeOf(runProcess(w.owner, input));
  if (shape !== "redeem_fee_post") {
    expect(opened.outcome).toMatch(/^raw:.*injected failure at transfer 2/s);
    expect(await prisma.businessProcess.count({ where: { merchantId } })).toBe(processes);
    expect(await prisma.ledgerTransfer.count({ where: { merchantId } })).toBe(transfers);
    expect(await accountBalances(merchantId)).toEqual(balances);
    count(w, `inject ${shape}`);
    return;
  }
  // The second session fails at its second post (transfer 4): the holds stay, nothing posts.
  expect(opened.outcome).toBe("ok");
  const processId = opened.value?.processId as string;
  const held = await accountBalances(merchantId);
  const heldTransfers = await prisma.ledgerTransfer.count({ where: { merchantId } });
  const approved = await outcomeOf(approveProcess(w.owner, processId));
  expect(approved.outcome).toMatch(/^raw:.*injected failure at transfer 4/s);
  expect(await statusOf(processId)).toBe("pending");
  expect(await prisma.ledgerTransfer.count({ where: { merchantId } })).toBe(heldTransfers);
  expect(await accountBalances(merchantId)).toEqual(held);
  count(w, `inject ${shape}`);
}

async function execute(w: World, c: Cmd, sequential: boolean): Promise<void> {
  switch (c.kind) {
    case "run":
      await runCmd(w, c, sequential);
      return;
    case "expire":
      await expireCmd(w, sequential);
      return;
    case "retry":
      if (w.lastRefused) {
        const input = w.lastRefused;
        w.lastRefused = null;
        count(w, "retry");
        await runInput(w, input, true);
      }
      return;
    case "replay":
      await replayCmd(w);
      return;
    case "dup":
      await dupCmd(w, c.n ?? 2);
      return;
    case "inject":
      await injectCmd(w, c.shape);
      return;
    case "parallel":
      count(w, `parallel ${c.cmds.length}`);
      await Promise.all(c.cmds.map((x) => execute(w, x, false)));
      await checkLedgerInvariants(w.m.merchant.id);
      return;
    default:
      await stepCmd(w, c, sequential);
  }
}

/** Lets every short hold pass, runs the expiry job and checks that none is left. */
async function expireEverythingDue(w: World) {
  const [latest] = await prisma.$queryRaw<{ at: Date | null }[]>`
    SELECT max(hold_expires_at) AS at FROM business_process
    WHERE merchant_id = ${w.m.merchant.id}::uuid AND status = 'pending'
      AND hold_expires_at < now() + interval '1 minute'`;
  if (!latest?.at) return;
  const wait = latest.at.getTime() - Date.now() + 50;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  await expireCmd(w, true);
}

// ---- the properties -------------------------------------------------------------------------

const totals = new Map<string, number>();
let runs = 0;
let transfersChecked = 0;
const timings = new Map<string, number>();

let shared: TestMerchant;

beforeAll(async () => {
  await resetDatabase();
  // One merchant for every run (each run has its own customers, coins and desks): the invariants
  // are checked over all of the merchant's accounts and transfers, so runs also check each other.
  shared = await seedMerchant();
  for (const l of LIMITS) {
    await prisma.limitProfile.create({
      data: {
        merchantId: shared.merchant.id,
        processType: l.type,
        currency: l.currency,
        maxAmount: l.maxAmount ?? null,
        maxDailyCount: l.maxDailyCount ?? null,
        maxDailyTotal: l.maxDailyTotal ?? null,
      },
    });
  }
  // The injected failure: raises at the transfer whose seq (and kind) the process's metadata names.
  // Named to fire after ledger_transfer_apply, so the balances of the failing row have moved too.
  await prisma.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION ledger_test_inject_failure() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE m jsonb;
    BEGIN
      SELECT metadata INTO m FROM business_process WHERE id = NEW.process_id;
      IF m ? 'failAtSeq' AND (m->>'failAtSeq')::int = NEW.seq
         AND (NOT m ? 'failKind' OR m->>'failKind' = NEW.kind::text) THEN
        RAISE EXCEPTION 'injected failure at transfer % of process %', NEW.seq, NEW.process_id;
      END IF;
      RETURN NEW;
    END $$`);
  await prisma.$executeRawUnsafe(`
    CREATE TRIGGER ledger_transfer_zz_inject_failure BEFORE INSERT ON ledger_transfer
    FOR EACH ROW EXECUTE FUNCTION ledger_test_inject_failure()`);
});

afterAll(async () => {
  await prisma.$executeRawUnsafe(
    "DROP TRIGGER IF EXISTS ledger_transfer_zz_inject_failure ON ledger_transfer",
  );
  await prisma.$executeRawUnsafe("DROP FUNCTION IF EXISTS ledger_test_inject_failure()");
  console.log(
    `[ledger properties] ${runs} runs, ${transfersChecked} transfers checked, ms: ${JSON.stringify(Object.fromEntries(timings))}\n${[
      ...totals,
    ]
      .sort()
      .map(([k, v]) => `  ${k}: ${v}`)
      .join("\n")}`,
  );
});

describe("ledger properties", () => {
  it.prop([fc.array(cmdArb, { minLength: 20, maxLength: 32 })], {
    numRuns: 15,
    examples: [[TOUR]],
    // A failing sequence shrinks on the database: bound how long.
    interruptAfterTimeLimit: 240_000,
  })(
    "random sequences of processes keep every ledger invariant",
    async (cmds) => {
      let t = Date.now();
      const lap = (name: string) => {
        timings.set(name, (timings.get(name) ?? 0) + Date.now() - t);
        t = Date.now();
      };
      const w = await makeWorld(shared);
      lap("world");
      for (const c of cmds) await execute(w, c, true);
      lap("commands");
      await expireEverythingDue(w);
      lap("final expiry");
      transfersChecked += await checkLedgerInvariants(w.m.merchant.id);
      lap("invariants");
      runs++;
      for (const [k, v] of w.stats) totals.set(k, (totals.get(k) ?? 0) + v);
    },
    300_000,
  );

  it("covers every runnable process type and every step", () => {
    const kinds = [...totals.keys()];
    for (const type of RUNNABLE) {
      expect(
        kinds.some((k) => k.startsWith(`run ${type} ok`)),
        `${type} ran at least once`,
      ).toBe(true);
    }
    for (const step of [
      "approve pending ok",
      "decline pending ok",
      "review_approve limited ok",
      "review_reject limited ok",
      "service_approve waiting_for_approval ok",
      "confirm waiting_for_approval ok",
    ]) {
      expect(kinds, step).toContain(step);
    }
  });
});
