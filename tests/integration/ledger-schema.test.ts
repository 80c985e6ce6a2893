import { Prisma } from "@prisma/client";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import {
  ACCOUNT_KIND_FLAGS,
  ACCOUNT_KINDS,
  ACCOUNT_STATUSES,
  type AccountKind,
  applyDelta,
  type Balances,
  isClientAccountKind,
  SINGLE_PER_CURRENCY_KINDS,
  violatesLimits,
} from "@/lib/domain/ledger/accounts";
import {
  PROCESS_CLASSES,
  PROCESS_TYPES,
  processTypeDefinition,
} from "@/lib/domain/ledger/catalogue";
import { canTransition, PROCESS_STATUSES } from "@/lib/domain/ledger/statuses";
import {
  balanceDeltas,
  MAX_TRANSFERS_PER_PROCESS,
  RESOLVING_KINDS,
  TRANSFER_KINDS,
  type TransferKind,
} from "@/lib/domain/ledger/transfers";
import { createPool } from "@/lib/pg-pool";
import { resetDatabase, seedMerchant, type TestMerchant } from "./helpers";

/**
 * The ledger's schema mirrors lib/domain/ledger: the same statuses, types, kinds, flags and limits,
 * shown by writing to the real database and watching what it accepts and refuses.
 *
 * Setup goes through Prisma. The writes under test go through a plain pg pool because PostgreSQL
 * names the refusing guard in the error's constraint field, and the Prisma pg adapter drops that
 * field for CHECK violations and for the triggers' RAISE ... USING CONSTRAINT (their messages do not
 * carry the name): only the field tells which guard refused, not just that something did.
 */
let pool: pg.Pool;

beforeAll(() => {
  pool = createPool(config().databaseUrl ?? "", 2);
});

afterAll(async () => {
  await pool.end();
});

/** Runs one statement: null when it was accepted, else the name of the guard that refused it. */
async function attempt(query: Prisma.Sql): Promise<string | null> {
  try {
    await pool.query(query.text, query.values);
    return null;
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.constraint) return error.constraint;
    throw error;
  }
}

/** Every ledger row that a refused write must leave as it was: counts, statuses and balances. */
async function snapshot() {
  const [counts] = await prisma.$queryRaw<
    { processes: number; transfers: number; accounts: number }[]
  >`SELECT (SELECT count(*) FROM business_process)::int AS processes,
           (SELECT count(*) FROM ledger_transfer)::int AS transfers,
           (SELECT count(*) FROM ledger_account)::int AS accounts`;
  const processes = await prisma.$queryRaw<{ id: string; status: string }[]>`
    SELECT id::text, status::text FROM business_process ORDER BY id`;
  const accounts = await prisma.$queryRaw<unknown[]>`
    SELECT id::text, status::text, debits_pending, debits_posted, credits_pending, credits_posted
    FROM ledger_account ORDER BY id`;
  return { counts, processes, accounts };
}

/** Expects the write to be refused by `guard` and to have changed nothing. */
async function refused(query: Prisma.Sql, guard: string): Promise<void> {
  const before = await snapshot();
  expect(await attempt(query)).toBe(guard);
  expect(await snapshot()).toEqual(before);
}

async function accepted(query: Prisma.Sql): Promise<void> {
  expect(await attempt(query)).toBeNull();
}

type ProcessRow = {
  status?: string;
  type?: string;
  processClass?: string;
  exchange?: boolean;
};

function processInsert(merchantId: string, row: ProcessRow = {}): Prisma.Sql {
  const type = row.type ?? "bank_topup";
  const exchange = row.exchange ?? type === "exchange_transaction";
  return Prisma.sql`
    INSERT INTO business_process
      (merchant_id, type, process_class, status, amount, currency, counter_amount, counter_currency, exchange_rate)
    VALUES (${merchantId}::uuid, ${type}::"ProcessType", ${row.processClass ?? "BankProcess"},
            ${row.status ?? "pending"}::"ProcessStatus", 0, 'KWD',
            ${exchange ? 1000 : null}::bigint, ${exchange ? "USD" : null}::char(3),
            ${exchange ? "3.25" : null}::decimal)
    RETURNING id`;
}

async function createProcess(merchantId: string, row: ProcessRow = {}): Promise<string> {
  const [created] = await prisma.$queryRaw<{ id: string }[]>(processInsert(merchantId, row));
  if (!created) throw new Error("no process");
  return created.id;
}

type Currency = "KWD" | "USD" | "EUR";

type AccountRow = {
  kind: AccountKind;
  currency?: Currency;
  debitsFlag?: boolean;
  creditsFlag?: boolean;
  customer?: boolean;
  gateway?: boolean;
};

function accountInsert(m: TestMerchant, row: AccountRow): Prisma.Sql {
  const currency = row.currency ?? "KWD";
  const flags = ACCOUNT_KIND_FLAGS[row.kind];
  const gateway =
    currency === "KWD"
      ? m.gateways.knet
      : currency === "USD"
        ? m.gateways.wirecard
        : m.gateways.paysafe;
  const customer = row.customer ?? isClientAccountKind(row.kind);
  const withGateway = row.gateway ?? row.kind === "provider_clearing";
  return Prisma.sql`
    INSERT INTO ledger_account
      (merchant_id, kind, currency, customer_id, gateway_id, name,
       debits_must_not_exceed_credits, credits_must_not_exceed_debits)
    VALUES (${m.merchant.id}::uuid, ${row.kind}::"LedgerAccountKind", ${currency},
            ${customer ? m.customer.id : null}::uuid, ${withGateway ? gateway.id : null}::uuid,
            ${`${row.kind} ${currency}`},
            ${row.debitsFlag ?? flags.debitsMustNotExceedCredits},
            ${row.creditsFlag ?? flags.creditsMustNotExceedDebits})
    RETURNING id`;
}

type Account = { id: string; kind: AccountKind; currency: Currency; merchantId: string };

async function openAccount(m: TestMerchant, kind: AccountKind, currency: Currency = "KWD") {
  const [created] = await prisma.$queryRaw<{ id: string }[]>(accountInsert(m, { kind, currency }));
  if (!created) throw new Error("no account");
  return { id: created.id, kind, currency, merchantId: m.merchant.id } satisfies Account;
}

async function balancesOf(account: Account): Promise<Balances> {
  const [row] = await prisma.$queryRaw<Balances[]>`
    SELECT debits_pending AS "debitsPending", debits_posted AS "debitsPosted",
           credits_pending AS "creditsPending", credits_posted AS "creditsPosted"
    FROM ledger_account WHERE id = ${account.id}::uuid`;
  if (!row) throw new Error("no account");
  return row;
}

type Transfer = {
  process: string;
  kind: TransferKind;
  debit: Account;
  credit: Account;
  amount: bigint;
  /** Default: the process's next seq. */
  seq?: number;
  currency?: Currency;
  merchantId?: string;
  pendingId?: string | null;
  /** An interval relative to now, e.g. '-1 hour'. */
  expiresIn?: string | null;
};

function transferInsert(t: Transfer): Prisma.Sql {
  const seq =
    t.seq === undefined
      ? Prisma.sql`(SELECT coalesce(max(seq), 0) + 1 FROM ledger_transfer WHERE process_id = ${t.process}::uuid)`
      : Prisma.sql`${t.seq}::smallint`;
  return Prisma.sql`
    INSERT INTO ledger_transfer
      (merchant_id, process_id, seq, kind, debit_account_id, credit_account_id, currency, amount, pending_id, expires_at)
    VALUES (${t.merchantId ?? t.debit.merchantId}::uuid, ${t.process}::uuid, ${seq},
            ${t.kind}::"LedgerTransferKind", ${t.debit.id}::uuid, ${t.credit.id}::uuid,
            ${t.currency ?? t.debit.currency}, ${t.amount}::bigint, ${t.pendingId ?? null}::uuid,
            now() + ${t.expiresIn ?? null}::interval)
    RETURNING id`;
}

async function write(t: Transfer): Promise<string> {
  const [created] = await prisma.$queryRaw<{ id: string }[]>(transferInsert(t));
  if (!created) throw new Error("no transfer");
  return created.id;
}

describe("business process statuses", () => {
  let m: TestMerchant;

  beforeAll(async () => {
    await resetDatabase();
    m = await seedMerchant();
  });

  it("are the ProcessStatus enum, in order", async () => {
    const rows = await prisma.$queryRaw<{ value: string }[]>`
      SELECT unnest(enum_range(NULL::"ProcessStatus"))::text AS value`;
    expect(rows.map((r) => r.value)).toEqual([...PROCESS_STATUSES]);
  });

  const pairs = PROCESS_STATUSES.flatMap((from) =>
    PROCESS_STATUSES.map((to) => [from, to] as const),
  );

  it.each(pairs)(
    "%s -> %s moves exactly when canTransition allows it (or stays)",
    async (from, to) => {
      const id = await createProcess(m.merchant.id, { status: from });
      const update = Prisma.sql`UPDATE business_process SET status = ${to}::"ProcessStatus" WHERE id = ${id}::uuid`;
      if (from === to || canTransition(from, to)) await accepted(update);
      else await refused(update, "business_process_status_transition");
      const [row] = await prisma.$queryRaw<{ status: string }[]>`
      SELECT status::text FROM business_process WHERE id = ${id}::uuid`;
      expect(row?.status).toBe(from === to || canTransition(from, to) ? to : from);
    },
  );

  it("checked all 64 moves, 13 of them allowed", () => {
    expect(pairs).toHaveLength(64);
    expect(pairs.filter(([from, to]) => canTransition(from, to))).toHaveLength(13);
  });
});

describe("business process types and classes", () => {
  let m: TestMerchant;

  beforeAll(async () => {
    await resetDatabase();
    m = await seedMerchant();
  });

  it("are the ProcessType enum, in catalogue order", async () => {
    const rows = await prisma.$queryRaw<{ value: string }[]>`
      SELECT unnest(enum_range(NULL::"ProcessType"))::text AS value`;
    expect(rows.map((r) => r.value)).toEqual(PROCESS_TYPES);
  });

  it.each(PROCESS_TYPES)("%s is stored with its catalogue class and no other", async (type) => {
    const own = processTypeDefinition(type).processClass;
    for (const other of [...PROCESS_CLASSES.filter((c) => c !== own), "", own.toLowerCase()]) {
      await refused(
        processInsert(m.merchant.id, { type, processClass: other }),
        "business_process_class_matches_type",
      );
    }
    await accepted(processInsert(m.merchant.id, { type, processClass: own }));
  });

  it("needs the counter amount, currency and rate exactly for an exchange", async () => {
    const exchangeClass = processTypeDefinition("exchange_transaction").processClass;
    await refused(
      processInsert(m.merchant.id, {
        type: "exchange_transaction",
        processClass: exchangeClass,
        exchange: false,
      }),
      "business_process_exchange_complete",
    );
    await refused(
      processInsert(m.merchant.id, { type: "bank_topup", exchange: true }),
      "business_process_exchange_complete",
    );
  });
});

describe("ledger accounts", () => {
  let m: TestMerchant;

  beforeEach(async () => {
    await resetDatabase();
    m = await seedMerchant();
  });

  it("are the LedgerAccountKind and LedgerAccountStatus enums", async () => {
    const kinds = await prisma.$queryRaw<{ value: string }[]>`
      SELECT unnest(enum_range(NULL::"LedgerAccountKind"))::text AS value`;
    expect(kinds.map((r) => r.value)).toEqual([...ACCOUNT_KINDS]);
    const statuses = await prisma.$queryRaw<{ value: string }[]>`
      SELECT unnest(enum_range(NULL::"LedgerAccountStatus"))::text AS value`;
    expect(statuses.map((r) => r.value)).toEqual([...ACCOUNT_STATUSES]);
  });

  it.each(ACCOUNT_KINDS)("%s carries exactly ACCOUNT_KIND_FLAGS", async (kind) => {
    const flags = ACCOUNT_KIND_FLAGS[kind];
    await refused(
      accountInsert(m, { kind, debitsFlag: !flags.debitsMustNotExceedCredits }),
      "ledger_account_flags_match_kind",
    );
    await refused(
      accountInsert(m, { kind, creditsFlag: !flags.creditsMustNotExceedDebits }),
      "ledger_account_flags_match_kind",
    );
    await accepted(accountInsert(m, { kind }));
  });

  it.each(ACCOUNT_KINDS)(
    "%s names a customer exactly when it is a client kind, a gateway exactly when it is provider clearing",
    async (kind) => {
      const client = isClientAccountKind(kind);
      await refused(
        accountInsert(m, { kind, customer: !client }),
        "ledger_account_owner_matches_kind",
      );
      const clearing = kind === "provider_clearing";
      await refused(
        accountInsert(m, { kind, gateway: !clearing }),
        "ledger_account_gateway_matches_kind",
      );
      await accepted(accountInsert(m, { kind }));
    },
  );

  it.each(ACCOUNT_KINDS)(
    "%s: a second account in one currency exactly unless SINGLE_PER_CURRENCY_KINDS (clearing: one per gateway)",
    async (kind) => {
      await accepted(accountInsert(m, { kind }));
      const single = (SINGLE_PER_CURRENCY_KINDS as readonly AccountKind[]).includes(kind);
      if (single) {
        await refused(accountInsert(m, { kind }), "ledger_account_one_system_account_per_currency");
      } else if (kind === "provider_clearing") {
        await refused(
          accountInsert(m, { kind }),
          "ledger_account_one_clearing_account_per_gateway",
        );
      } else {
        await accepted(accountInsert(m, { kind }));
      }
      await accepted(accountInsert(m, { kind, currency: "USD" }));
    },
  );

  it("start at zero and move only through transfers", async () => {
    const coin = await openAccount(m, "client_coin");
    await refused(
      Prisma.sql`UPDATE ledger_account SET credits_posted = 1000 WHERE id = ${coin.id}::uuid`,
      "ledger_account_balances_from_transfers",
    );
    await refused(
      Prisma.sql`
        INSERT INTO ledger_account (merchant_id, kind, currency, name, debits_must_not_exceed_credits,
                                    credits_must_not_exceed_debits, credits_posted)
        VALUES (${m.merchant.id}::uuid, 'bank', 'KWD', 'Bank', false, false, 1000)`,
      "ledger_account_balances_from_transfers",
    );
  });
});

/**
 * The guard the database should name for these balances, by violatesLimits: null when the
 * balances are within the account's limits.
 */
function limitGuard(kind: AccountKind, balances: Balances): string | null {
  const flags = ACCOUNT_KIND_FLAGS[kind];
  if (!violatesLimits(flags, balances)) return null;
  if (Object.values(balances).some((value) => value < 0n)) {
    return "ledger_account_balances_not_negative";
  }
  return flags.debitsMustNotExceedCredits
    ? "ledger_account_debits_within_credits"
    : "ledger_account_credits_within_debits";
}

/**
 * Writes a posted or pending transfer in a process of its own and checks the outcome against the
 * domain: balanceDeltas says where the balances go, violatesLimits whether they may (the trigger
 * moves the debit account first, so its refusal is the one named). Returns the refusal, if any.
 */
async function move(
  merchantId: string,
  kind: "posted" | "pending",
  debit: Account,
  credit: Account,
  amount: bigint,
): Promise<string | null> {
  const process = await createProcess(merchantId);
  const before = { debit: await balancesOf(debit), credit: await balancesOf(credit) };
  const delta = balanceDeltas(kind, amount);
  const after = {
    debit: applyDelta(before.debit, delta.debit),
    credit: applyDelta(before.credit, delta.credit),
  };
  const expected = limitGuard(debit.kind, after.debit) ?? limitGuard(credit.kind, after.credit);
  const rows = await snapshot();
  const outcome = await attempt(transferInsert({ process, kind, debit, credit, amount }));
  expect(outcome).toBe(expected);
  if (outcome === null) {
    expect(await balancesOf(debit)).toEqual(after.debit);
    expect(await balancesOf(credit)).toEqual(after.credit);
  } else {
    expect(await snapshot()).toEqual(rows);
  }
  return outcome;
}

describe("account limits", () => {
  let m: TestMerchant;

  beforeEach(async () => {
    await resetDatabase();
    m = await seedMerchant();
  });

  it("a client coin cannot pay out more than it holds, holds included", async () => {
    const coin = await openAccount(m, "client_coin");
    const clearing = await openAccount(m, "provider_clearing");
    const merchant = await openAccount(m, "merchant_coin");
    expect(await move(m.merchant.id, "posted", clearing, coin, 1000n)).toBeNull();
    expect(await move(m.merchant.id, "posted", coin, merchant, 1001n)).toBe(
      "ledger_account_debits_within_credits",
    );
    expect(await move(m.merchant.id, "pending", coin, merchant, 400n)).toBeNull();
    expect(await move(m.merchant.id, "posted", coin, merchant, 601n)).toBe(
      "ledger_account_debits_within_credits",
    );
    expect(await move(m.merchant.id, "pending", coin, merchant, 601n)).toBe(
      "ledger_account_debits_within_credits",
    );
    expect(await move(m.merchant.id, "posted", coin, merchant, 600n)).toBeNull();
    expect(await move(m.merchant.id, "posted", coin, merchant, 1n)).toBe(
      "ledger_account_debits_within_credits",
    );
  });

  it("a cash desk cannot hand out more cash than it took in, holds included", async () => {
    const desk = await openAccount(m, "cash_desk");
    const merchant = await openAccount(m, "merchant_coin");
    expect(await move(m.merchant.id, "posted", desk, merchant, 500n)).toBeNull();
    expect(await move(m.merchant.id, "posted", merchant, desk, 501n)).toBe(
      "ledger_account_credits_within_debits",
    );
    expect(await move(m.merchant.id, "pending", merchant, desk, 200n)).toBeNull();
    expect(await move(m.merchant.id, "posted", merchant, desk, 301n)).toBe(
      "ledger_account_credits_within_debits",
    );
    expect(await move(m.merchant.id, "posted", merchant, desk, 300n)).toBeNull();
    expect(await move(m.merchant.id, "posted", merchant, desk, 1n)).toBe(
      "ledger_account_credits_within_debits",
    );
  });

  it("a provider clearing account may go negative either way", async () => {
    const clearing = await openAccount(m, "provider_clearing");
    const merchant = await openAccount(m, "merchant_coin");
    const bank = await openAccount(m, "bank");
    expect(await move(m.merchant.id, "posted", merchant, clearing, 5000n)).toBeNull();
    expect(await move(m.merchant.id, "pending", bank, clearing, 7000n)).toBeNull();
    expect(await move(m.merchant.id, "posted", clearing, bank, 20000n)).toBeNull();
    expect(await balancesOf(clearing)).toEqual({
      debitsPending: 0n,
      debitsPosted: 20000n,
      creditsPending: 7000n,
      creditsPosted: 5000n,
    });
  });

  it.each(ACCOUNT_KINDS)("%s refuses exactly what violatesLimits refuses", async (kind) => {
    const account = await openAccount(m, kind);
    // A counterparty without limits, so that only `account` can refuse.
    const other = await openAccount(m, kind === "bank" ? "merchant_coin" : "bank");
    const outcomes = [
      await move(m.merchant.id, "posted", other, account, 100n),
      await move(m.merchant.id, "pending", account, other, 60n),
      await move(m.merchant.id, "posted", account, other, 41n),
      await move(m.merchant.id, "posted", account, other, 40n),
      await move(m.merchant.id, "posted", account, other, 1n),
      await move(m.merchant.id, "posted", account, other, 500n),
      await move(m.merchant.id, "pending", other, account, 500n),
      await move(m.merchant.id, "posted", other, account, 81n),
      await move(m.merchant.id, "posted", other, account, 80n),
      await move(m.merchant.id, "posted", other, account, 10000n),
    ];
    const flags = ACCOUNT_KIND_FLAGS[kind];
    const limited = flags.debitsMustNotExceedCredits || flags.creditsMustNotExceedDebits;
    expect(outcomes.some((outcome) => outcome !== null)).toBe(limited);
  });
});

describe("ledger transfers", () => {
  let m: TestMerchant;
  let clearing: Account;
  let merchant: Account;

  beforeEach(async () => {
    await resetDatabase();
    m = await seedMerchant();
    // Neither carries a limit, so only the transfer's own rules can refuse.
    clearing = await openAccount(m, "provider_clearing");
    merchant = await openAccount(m, "merchant_coin");
  });

  const hold = (process: string, amount: bigint, expiresIn: string | null = null) =>
    write({ process, kind: "pending", debit: clearing, credit: merchant, amount, expiresIn });

  it("are the LedgerTransferKind enum", async () => {
    const rows = await prisma.$queryRaw<{ value: string }[]>`
      SELECT unnest(enum_range(NULL::"LedgerTransferKind"))::text AS value`;
    expect(rows.map((r) => r.value)).toEqual([...TRANSFER_KINDS]);
  });

  it("number 1 to MAX_TRANSFERS_PER_PROCESS", async () => {
    const process = await createProcess(m.merchant.id);
    const posted = {
      process,
      kind: "posted" as const,
      debit: clearing,
      credit: merchant,
      amount: 1n,
    };
    for (const seq of [0, -1, MAX_TRANSFERS_PER_PROCESS + 1, 9]) {
      await refused(transferInsert({ ...posted, seq }), "ledger_transfer_seq_range");
    }
    await accepted(transferInsert({ ...posted, seq: 1 }));
    await accepted(transferInsert({ ...posted, seq: MAX_TRANSFERS_PER_PROCESS }));
  });

  it("cannot be more than MAX_TRANSFERS_PER_PROCESS in one process", async () => {
    const process = await createProcess(m.merchant.id);
    const posted = {
      process,
      kind: "posted" as const,
      debit: clearing,
      credit: merchant,
      amount: 1n,
    };
    for (let seq = 1; seq <= MAX_TRANSFERS_PER_PROCESS; seq++) await write({ ...posted, seq });
    for (let seq = 1; seq <= MAX_TRANSFERS_PER_PROCESS; seq++) {
      await refused(transferInsert({ ...posted, seq }), "ledger_transfer_process_id_seq_key");
    }
    await refused(
      transferInsert({ ...posted, seq: MAX_TRANSFERS_PER_PROCESS + 1 }),
      "ledger_transfer_seq_range",
    );
    const [row] = await prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM ledger_transfer WHERE process_id = ${process}::uuid`;
    expect(row?.count).toBe(MAX_TRANSFERS_PER_PROCESS);
  });

  it.each(RESOLVING_KINDS)("%s without a hold is refused", async (kind) => {
    const process = await createProcess(m.merchant.id);
    // The BEFORE INSERT trigger looks the hold up before the CHECK constraints run, so it is the
    // trigger that names the refusal (see the report of ledger_transfer_resolution_names_hold).
    await refused(
      transferInsert({ process, kind, debit: clearing, credit: merchant, amount: 10n }),
      "ledger_transfer_resolves_a_hold",
    );
  });

  it.each(["posted", "pending"] as const)("%s naming a hold is refused", async (kind) => {
    const process = await createProcess(m.merchant.id);
    const pendingId = await hold(process, 10n);
    await refused(
      transferInsert({ process, kind, debit: clearing, credit: merchant, amount: 10n, pendingId }),
      "ledger_transfer_resolution_names_hold",
    );
  });

  it("carry an expiry only on a hold", async () => {
    const process = await createProcess(m.merchant.id);
    await refused(
      transferInsert({
        process,
        kind: "posted",
        debit: clearing,
        credit: merchant,
        amount: 10n,
        expiresIn: "1 hour",
      }),
      "ledger_transfer_expiry_on_holds_only",
    );
  });

  it("resolve a hold once", async () => {
    const process = await createProcess(m.merchant.id);
    const first = await hold(process, 100n);
    // A second hold on the same accounts keeps their pending columns above zero, so the second
    // resolution reaches the unique index rather than the non-negative CHECK.
    await hold(process, 100n);
    const resolve = (kind: "post_pending" | "void_pending", amount: bigint) =>
      transferInsert({
        process,
        kind,
        debit: clearing,
        credit: merchant,
        amount,
        pendingId: first,
      });
    await accepted(resolve("post_pending", 40n));
    await refused(resolve("void_pending", 100n), "ledger_transfer_resolves_hold_once");
    await refused(resolve("post_pending", 40n), "ledger_transfer_resolves_hold_once");
  });

  it("resolve a lone hold once (the released pending amount would go negative first)", async () => {
    const process = await createProcess(m.merchant.id);
    const pendingId = await hold(process, 100n);
    const resolve = (kind: "post_pending" | "void_pending", amount: bigint) =>
      transferInsert({ process, kind, debit: clearing, credit: merchant, amount, pendingId });
    await accepted(resolve("void_pending", 100n));
    await refused(resolve("post_pending", 100n), "ledger_account_balances_not_negative");
    await refused(resolve("void_pending", 100n), "ledger_account_balances_not_negative");
  });

  it("post at most the hold", async () => {
    const process = await createProcess(m.merchant.id);
    const pendingId = await hold(process, 1000n);
    const post = (amount: bigint) =>
      transferInsert({
        process,
        kind: "post_pending",
        debit: clearing,
        credit: merchant,
        amount,
        pendingId,
      });
    await refused(post(1001n), "ledger_transfer_post_within_hold");
    await accepted(post(1000n));
  });

  it("void exactly the hold", async () => {
    const process = await createProcess(m.merchant.id);
    const pendingId = await hold(process, 1000n);
    const release = (amount: bigint) =>
      transferInsert({
        process,
        kind: "void_pending",
        debit: clearing,
        credit: merchant,
        amount,
        pendingId,
      });
    await refused(release(999n), "ledger_transfer_release_whole_hold");
    await refused(release(1001n), "ledger_transfer_release_whole_hold");
    await accepted(release(1000n));
  });

  it("resolve a hold on its own accounts", async () => {
    const bank = await openAccount(m, "bank");
    const process = await createProcess(m.merchant.id);
    const pendingId = await hold(process, 1000n);
    await refused(
      transferInsert({
        process,
        kind: "void_pending",
        debit: bank,
        credit: merchant,
        amount: 1000n,
        pendingId,
      }),
      "ledger_transfer_resolves_a_hold",
    );
  });

  it("cannot post or void an expired hold, only expire it (with the whole amount)", async () => {
    const process = await createProcess(m.merchant.id);
    const pendingId = await hold(process, 1000n, "-1 hour");
    const resolve = (kind: "post_pending" | "void_pending" | "expire_pending", amount: bigint) =>
      transferInsert({ process, kind, debit: clearing, credit: merchant, amount, pendingId });
    await refused(resolve("post_pending", 1000n), "ledger_hold_expired");
    await refused(resolve("post_pending", 1n), "ledger_hold_expired");
    await refused(resolve("void_pending", 1000n), "ledger_hold_expired");
    await refused(resolve("expire_pending", 999n), "ledger_transfer_release_whole_hold");
    await accepted(resolve("expire_pending", 1000n));
  });

  it.each([["1 hour"], [null]])(
    "cannot expire a hold that has not expired (expires in %s)",
    async (expiresIn) => {
      const process = await createProcess(m.merchant.id);
      const pendingId = await hold(process, 1000n, expiresIn);
      const resolve = (kind: "post_pending" | "expire_pending") =>
        transferInsert({
          process,
          kind,
          debit: clearing,
          credit: merchant,
          amount: 1000n,
          pendingId,
        });
      await refused(resolve("expire_pending"), "ledger_hold_not_expired");
      await accepted(resolve("post_pending"));
    },
  );

  it("join accounts of the transfer's currency and merchant only", async () => {
    const usdMerchantCoin = await openAccount(m, "merchant_coin", "USD");
    const other = await seedMerchant();
    const otherMerchantCoin = await openAccount(other, "merchant_coin");
    const process = await createProcess(m.merchant.id);
    const base = { process, kind: "posted" as const, debit: clearing, amount: 10n };
    await refused(
      transferInsert({ ...base, credit: usdMerchantCoin, currency: "KWD" }),
      "ledger_transfer_credit_account_fkey",
    );
    await refused(
      transferInsert({ ...base, credit: usdMerchantCoin, currency: "USD" }),
      "ledger_transfer_debit_account_fkey",
    );
    await refused(
      transferInsert({ ...base, credit: otherMerchantCoin }),
      "ledger_transfer_credit_account_fkey",
    );
    const otherProcess = await createProcess(other.merchant.id);
    await refused(
      transferInsert({ ...base, process: otherProcess, credit: merchant }),
      "ledger_transfer_process_id_fkey",
    );
    await refused(
      transferInsert({
        ...base,
        process: otherProcess,
        credit: merchant,
        merchantId: other.merchant.id,
      }),
      "ledger_transfer_debit_account_fkey",
    );
    await accepted(transferInsert({ ...base, credit: merchant }));
  });

  it.each([
    ["post_pending", 600n, null],
    ["post_pending", 1000n, null],
    ["void_pending", 1000n, null],
    ["expire_pending", 1000n, "-1 hour"],
  ] as const)(
    "a hold of 1000 then %s of %s moves the balances as balanceDeltas says",
    async (kind, amount, expiresIn) => {
      // Some posted history first, so that the deltas are checked against balances that are not zero.
      const seed = await createProcess(m.merchant.id);
      await write({
        process: seed,
        kind: "posted",
        debit: clearing,
        credit: merchant,
        amount: 5000n,
      });
      await write({
        process: seed,
        kind: "posted",
        debit: merchant,
        credit: clearing,
        amount: 1200n,
      });
      const start = { debit: await balancesOf(clearing), credit: await balancesOf(merchant) };

      const process = await createProcess(m.merchant.id);
      const pendingId = await hold(process, 1000n, expiresIn);
      const opened = balanceDeltas("pending", 1000n);
      const afterHold = {
        debit: applyDelta(start.debit, opened.debit),
        credit: applyDelta(start.credit, opened.credit),
      };
      expect(await balancesOf(clearing)).toEqual(afterHold.debit);
      expect(await balancesOf(merchant)).toEqual(afterHold.credit);

      await write({ process, kind, debit: clearing, credit: merchant, amount, pendingId });
      const resolved = balanceDeltas(kind, amount, 1000n);
      expect(await balancesOf(clearing)).toEqual(applyDelta(afterHold.debit, resolved.debit));
      expect(await balancesOf(merchant)).toEqual(applyDelta(afterHold.credit, resolved.credit));
    },
  );
});
