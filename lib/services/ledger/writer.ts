import "server-only";
import { Prisma } from "@prisma/client";
import type { Tx } from "@/lib/db";
import type { AccountKind, AccountSnapshot, AccountStatus } from "@/lib/domain/ledger/accounts";
import type { PlannedHold, PlannedTransfer } from "@/lib/domain/ledger/recipes";
import type { LedgerRefusal } from "@/lib/domain/ledger/refusals";
import { AppError } from "@/lib/errors";

/**
 * The one writer of the ledger. Everything that moves a balance goes through here, inside the
 * caller's transaction: lock the touched accounts in id order (so two writers never wait on each
 * other in a cycle), plan against what the locks return, write every transfer in one statement (the
 * trigger ledger_transfer_apply moves the balances in the same statement), and let the caller move
 * the process's status with its audit row before the transaction commits.
 */

/**
 * Options of every ledger transaction. Writers of one hot account queue on its row lock while
 * holding a pooled connection, so the others queue for a connection: Prisma's default 2 s wait for
 * one made a burst of transfers out of one coin fail with P2028 ("Unable to start a transaction in
 * the given time") instead of waiting their turn (tests/integration/ledger-races.test.ts).
 */
export const LEDGER_TRANSACTION_OPTIONS = { maxWait: 20_000, timeout: 20_000 } as const;

type AccountRow = {
  id: string;
  kind: AccountKind;
  currency: string;
  status: AccountStatus;
  customer_id: string | null;
  debits_must_not_exceed_credits: boolean;
  credits_must_not_exceed_debits: boolean;
  debits_pending: bigint;
  debits_posted: bigint;
  credits_pending: bigint;
  credits_posted: bigint;
};

function toSnapshot(row: AccountRow): AccountSnapshot {
  return {
    id: row.id,
    kind: row.kind,
    currency: row.currency,
    status: row.status,
    customerId: row.customer_id,
    debitsMustNotExceedCredits: row.debits_must_not_exceed_credits,
    creditsMustNotExceedDebits: row.credits_must_not_exceed_debits,
    balances: {
      debitsPending: BigInt(row.debits_pending),
      debitsPosted: BigInt(row.debits_posted),
      creditsPending: BigInt(row.credits_pending),
      creditsPosted: BigInt(row.credits_posted),
    },
  };
}

const ACCOUNT_COLUMNS = Prisma.sql`id, kind::text AS kind, currency, status::text AS status, customer_id,
  debits_must_not_exceed_credits, credits_must_not_exceed_debits,
  debits_pending, debits_posted, credits_pending, credits_posted`;

/**
 * Locks the merchant's accounts with these ids, in id order, and returns them as they are now.
 * An id that is not the merchant's is missing from the map.
 */
export async function lockAccounts(
  tx: Tx,
  merchantId: string,
  ids: readonly string[],
): Promise<Map<string, AccountSnapshot>> {
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) return new Map();
  const rows = await tx.$queryRaw<AccountRow[]>`
    SELECT ${ACCOUNT_COLUMNS} FROM ledger_account
    WHERE merchant_id = ${merchantId}::uuid AND id = ANY(${unique}::uuid[])
    ORDER BY id FOR UPDATE`;
  return new Map(rows.map((row) => [row.id, toSnapshot(row)]));
}

/** Reads accounts without locking (for planning a process's shape before the writer runs). */
export async function readAccounts(
  tx: Tx,
  merchantId: string,
  ids: readonly string[],
): Promise<Map<string, AccountSnapshot>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx.$queryRaw<AccountRow[]>`
    SELECT ${ACCOUNT_COLUMNS} FROM ledger_account
    WHERE merchant_id = ${merchantId}::uuid AND id = ANY(${unique}::uuid[])`;
  return new Map(rows.map((row) => [row.id, toSnapshot(row)]));
}

type HoldRow = {
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: bigint;
  expires_at: Date | null;
  resolved: boolean;
};

/** A process's holds, in seq order, each with whether a transfer already resolved it. */
export async function readHolds(
  tx: Tx,
  processId: string,
): Promise<
  {
    id: string;
    debitId: string;
    creditId: string;
    amount: bigint;
    expiresAt: Date | null;
    resolved: boolean;
  }[]
> {
  const rows = await tx.$queryRaw<HoldRow[]>`
    SELECT h.id, h.debit_account_id, h.credit_account_id, h.amount, h.expires_at,
           EXISTS (SELECT 1 FROM ledger_transfer r WHERE r.pending_id = h.id) AS resolved
    FROM ledger_transfer h
    WHERE h.process_id = ${processId}::uuid AND h.kind = 'pending'
    ORDER BY h.seq`;
  return rows.map((row) => ({
    id: row.id,
    debitId: row.debit_account_id,
    creditId: row.credit_account_id,
    amount: BigInt(row.amount),
    expiresAt: row.expires_at,
    resolved: row.resolved,
  }));
}

/** Holds with their locked accounts, as the resolution recipe takes them. */
export function toPlannedHolds(
  holds: Awaited<ReturnType<typeof readHolds>>,
  accounts: Map<string, AccountSnapshot>,
): PlannedHold[] {
  return holds.map((hold) => {
    const debit = accounts.get(hold.debitId);
    const credit = accounts.get(hold.creditId);
    if (!debit || !credit) throw new Error(`hold ${hold.id}: its accounts were not locked`);
    return { ...hold, debit, credit };
  });
}

/** The next free seq of a process (1 for a process without transfers). */
export async function nextSeq(tx: Tx, processId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ next: number }[]>`
    SELECT (coalesce(max(seq), 0) + 1)::int AS next FROM ledger_transfer WHERE process_id = ${processId}::uuid`;
  return row?.next ?? 1;
}

export type WrittenTransfer = { id: string; seq: number; kind: string; amount: bigint };

/**
 * Writes the planned transfers of one process in one INSERT. The accounts must have been locked by
 * lockAccounts in this transaction.
 */
export async function insertTransfers(
  tx: Tx,
  input: { merchantId: string; processId: string; transfers: readonly PlannedTransfer[] },
): Promise<WrittenTransfer[]> {
  const { transfers } = input;
  if (transfers.length === 0) return [];
  try {
    const rows = await tx.$queryRaw<WrittenTransfer[]>`
      INSERT INTO ledger_transfer
        (merchant_id, process_id, seq, kind, debit_account_id, credit_account_id, currency, amount, pending_id, expires_at)
      SELECT ${input.merchantId}::uuid, ${input.processId}::uuid, t.seq, t.kind::"LedgerTransferKind",
             t.debit, t.credit, t.currency, t.amount, t.pending, t.expires
      FROM unnest(
        ${transfers.map((t) => t.seq)}::smallint[],
        ${transfers.map((t) => t.kind)}::text[],
        ${transfers.map((t) => t.debit.id)}::uuid[],
        ${transfers.map((t) => t.credit.id)}::uuid[],
        ${transfers.map((t) => t.debit.currency)}::text[],
        ${transfers.map((t) => t.amount.toString())}::bigint[],
        ${transfers.map((t) => t.pending?.id ?? null)}::uuid[],
        ${transfers.map((t) => t.expiresAt?.toISOString() ?? null)}::timestamptz[]
      ) AS t(seq, kind, debit, credit, currency, amount, pending, expires)
      ORDER BY t.seq
      RETURNING id, seq, kind::text AS kind, amount`;
    return rows
      .map((row) => ({ ...row, amount: BigInt(row.amount) }))
      .sort((a, b) => a.seq - b.seq);
  } catch (error) {
    throw translateLedgerError(error) ?? error;
  }
}

/** The database's ledger guards, as the API's error codes (the domain checks first; these are the backstop). */
const GUARDS: [string, ConstructorParameters<typeof AppError>[0], string][] = [
  [
    "ledger_account_debits_within_credits",
    "insufficient_funds",
    "The account does not hold enough for this.",
  ],
  [
    "ledger_account_credits_within_debits",
    "insufficient_funds",
    "The cash desk does not hold enough cash for this.",
  ],
  [
    "ledger_account_balances_not_negative",
    "invalid_state",
    "The ledger refused a negative balance.",
  ],
  ["ledger_hold_expired", "hold_expired", "The hold has expired."],
  ["ledger_transfer_resolves_hold_once", "invalid_state", "The hold has already been resolved."],
  ["ledger_account_active", "account_closed", "The account is closed."],
  [
    "ledger_transfer_debit_account_fkey",
    "currency_mismatch",
    "The accounts are not in the transfer's currency.",
  ],
  [
    "ledger_transfer_credit_account_fkey",
    "currency_mismatch",
    "The accounts are not in the transfer's currency.",
  ],
];

/**
 * The guards the trigger ledger_transfer_apply raises. The pg driver adapter passes on the message
 * of a RAISE but not its CONSTRAINT name, so these are recognised by their message (an approval
 * whose hold expires between the recipe's check and the INSERT met the first one as a raw error).
 */
const TRIGGER_GUARDS: [RegExp, ConstructorParameters<typeof AppError>[0], string][] = [
  [/hold [0-9a-f-]{36} has expired/, "hold_expired", "The hold has expired."],
  [/hold [0-9a-f-]{36} has not expired/, "invalid_state", "The hold has not expired yet."],
  [/account [0-9a-f-]{36} is closed/, "account_closed", "The account is closed."],
  [
    /transfer [0-9a-f-]{36} (does not resolve a hold|resolves a hold on other accounts|releases another amount than its hold)/,
    "invalid_state",
    "The transfer does not match the hold it resolves.",
  ],
  [
    /transfer [0-9a-f-]{36} posts more than its hold/,
    "validation_error",
    "The amount to capture is more than the hold.",
  ],
];

export function translateLedgerError(error: unknown): AppError | null {
  const text = error instanceof Error ? `${error.message} ${JSON.stringify(error)}` : String(error);
  for (const [name, code, message] of GUARDS) {
    if (text.includes(name)) return new AppError(code, message);
  }
  for (const [pattern, code, message] of TRIGGER_GUARDS) {
    if (pattern.test(text)) return new AppError(code, message);
  }
  return null;
}

export function refusalError(refusal: LedgerRefusal): AppError {
  return new AppError(refusal.code, refusal.message, refusal.details);
}

export type ProcessRowInput = {
  merchantId: string;
  type: string;
  processClass: string;
  status: string;
  amount: bigint;
  fee: bigint;
  currency: string;
  customerId: string | null;
  sourceAccountId: string | null;
  destinationAccountId: string | null;
  gatewayId: string | null;
  counterAmount: bigint | null;
  counterCurrency: string | null;
  exchangeRate: string | null;
  requestIdentifier: string | null;
  externalProcessId: string | null;
  refundProcessId: string | null;
  txIdToRefund: string | null;
  paymentTransactionId: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  metadata: Record<string, unknown>;
  statusReason: string | null;
  limitBreaches: string[];
  holdExpiresAt: Date | null;
  createdById: string | null;
  finishedAt: Date | null;
};

/** Inserts a process row in one raw statement (the hot path avoids Prisma's per-query CPU cost). */
export async function insertProcess(tx: Tx, p: ProcessRowInput): Promise<{ id: string }> {
  const now = new Date();
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO business_process (
      merchant_id, type, process_class, status, amount, fee, currency, customer_id,
      source_account_id, destination_account_id, gateway_id, counter_amount, counter_currency,
      exchange_rate, request_identifier, external_process_id, refund_process_id, tx_id_to_refund,
      payment_transaction_id, idempotency_key, request_hash, metadata, status_reason,
      limit_breaches, hold_expires_at, created_by_id, finished_at, created_at, updated_at)
    VALUES (
      ${p.merchantId}::uuid, ${p.type}::"ProcessType", ${p.processClass}, ${p.status}::"ProcessStatus",
      ${p.amount.toString()}::bigint, ${p.fee.toString()}::bigint, ${p.currency}, ${p.customerId}::uuid,
      ${p.sourceAccountId}::uuid, ${p.destinationAccountId}::uuid, ${p.gatewayId}::uuid,
      ${p.counterAmount === null ? null : p.counterAmount.toString()}::bigint, ${p.counterCurrency},
      ${p.exchangeRate}::numeric, ${p.requestIdentifier}, ${p.externalProcessId},
      ${p.refundProcessId}::uuid, ${p.txIdToRefund}::uuid, ${p.paymentTransactionId}::uuid,
      ${p.idempotencyKey}, ${p.requestHash}, ${JSON.stringify(p.metadata)}::jsonb, ${p.statusReason},
      ${p.limitBreaches}::text[], ${p.holdExpiresAt}, ${p.createdById}::uuid, ${p.finishedAt},
      ${now}, ${now})
    RETURNING id`;
  if (!row) throw new Error("the process row was not inserted");
  return row;
}
