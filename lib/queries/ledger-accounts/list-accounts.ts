import "server-only";
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import {
  ACCOUNT_KINDS,
  type AccountKind,
  CLIENT_ACCOUNT_KINDS,
} from "@/lib/domain/ledger/accounts";
import type { ViewerScope } from "@/lib/domain/ledger/catalogue";
import { isUuid } from "@/lib/validation/ids";
import { InstantSchema, LIST_TOTAL_CAP } from "@/lib/validation/list-params";
import type { AccountListQuery } from "@/lib/validation/processes";
import { decodeKeysetCursor, encodeKeysetCursor } from "../keyset-cursor";
import {
  ACCOUNT_ROW_SELECT,
  type AccountRow,
  TRANSFER_ROW_SELECT,
  type TransferRow,
} from "../processes/process-json";

/** Client-side accounts with the client scope, system accounts with the system scope. */
export function accountKindsVisibleIn(scopes: readonly ViewerScope[]): AccountKind[] {
  const client = CLIENT_ACCOUNT_KINDS as readonly AccountKind[];
  return ACCOUNT_KINDS.filter((kind) =>
    scopes.includes(client.includes(kind) ? "client" : "system"),
  );
}

export function accountsVisibleTo(
  merchantId: string,
  scopes: readonly ViewerScope[],
): Prisma.LedgerAccountWhereInput {
  return { merchantId, kind: { in: accountKindsVisibleIn(scopes) } };
}

// Each list names its own sort, so that a cursor of another list is refused.
const KEY = { sort: "account_created", dir: "asc" as const };

export async function listAccounts(
  merchantId: string,
  scopes: readonly ViewerScope[],
  query: AccountListQuery,
): Promise<{ data: AccountRow[]; nextCursor: string | null; total: number; totalCapped: boolean }> {
  const kinds = accountKindsVisibleIn(scopes).filter(
    (kind) => !query.kind?.length || query.kind.includes(kind),
  );
  const visible: Prisma.LedgerAccountWhereInput = {
    merchantId,
    kind: { in: kinds },
    ...(query.currency ? { currency: query.currency } : {}),
    ...(query.customer ? { customerId: query.customer } : {}),
  };
  let after: Prisma.LedgerAccountWhereInput | null = null;
  if (query.cursor) {
    const { value: at, id } = decodeKeysetCursor(query.cursor, KEY, InstantSchema);
    after = { OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: id } }] };
  }
  const [rows, counted] = await Promise.all([
    prisma.ledgerAccount.findMany({
      where: after ? { AND: [visible, after] } : visible,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: query.limit + 1,
      select: ACCOUNT_ROW_SELECT,
    }),
    prisma.ledgerAccount.count({ where: visible, take: LIST_TOTAL_CAP + 1 }),
  ]);
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor:
      rows.length > query.limit && last
        ? encodeKeysetCursor(KEY, last.createdAt.toISOString(), last.id)
        : null,
    total: Math.min(counted, LIST_TOTAL_CAP),
    totalCapped: counted > LIST_TOTAL_CAP,
  };
}

/** One account in the caller's scopes, or null. A balance read is one primary-key lookup. */
export async function getAccount(
  merchantId: string,
  scopes: readonly ViewerScope[],
  id: string,
): Promise<AccountRow | null> {
  if (!isUuid(id)) return null;
  // One primary-key lookup in raw SQL: the balance read is the ledger's most frequent query, and a
  // Prisma model query costs several times its CPU.
  const kinds = accountKindsVisibleIn(scopes);
  const [row] = await prisma.$queryRaw<RawAccountRow[]>`
    SELECT a.id, a.kind::text AS kind, a.name, a.currency, a.status::text AS status,
           a.customer_id, c.name AS customer_name, g.code AS gateway_code,
           a.debits_must_not_exceed_credits, a.credits_must_not_exceed_debits,
           a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted, a.created_at
    FROM ledger_account a
    LEFT JOIN customer c ON c.id = a.customer_id
    LEFT JOIN payment_gateway g ON g.id = a.gateway_id
    WHERE a.id = ${id}::uuid AND a.merchant_id = ${merchantId}::uuid
      AND a.kind::text = ANY(${kinds}::text[])`;
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    currency: row.currency,
    status: row.status,
    customer: row.customer_id ? { id: row.customer_id, name: row.customer_name ?? "" } : null,
    gateway: row.gateway_code ? { code: row.gateway_code } : null,
    debitsMustNotExceedCredits: row.debits_must_not_exceed_credits,
    creditsMustNotExceedDebits: row.credits_must_not_exceed_debits,
    debitsPending: BigInt(row.debits_pending),
    debitsPosted: BigInt(row.debits_posted),
    creditsPending: BigInt(row.credits_pending),
    creditsPosted: BigInt(row.credits_posted),
    createdAt: row.created_at,
  };
}

type RawAccountRow = {
  id: string;
  kind: AccountRow["kind"];
  name: string;
  currency: string;
  status: AccountRow["status"];
  customer_id: string | null;
  customer_name: string | null;
  gateway_code: string | null;
  debits_must_not_exceed_credits: boolean;
  credits_must_not_exceed_debits: boolean;
  debits_pending: bigint;
  debits_posted: bigint;
  credits_pending: bigint;
  credits_posted: bigint;
  created_at: Date;
};

const TRANSFER_KEY = { sort: "transfer_created", dir: "desc" as const };

/** An account's transfers, newest first, keyset-paged. */
export async function listAccountTransfers(
  accountId: string,
  query: { limit: number; cursor?: string },
): Promise<{ data: TransferRow[]; nextCursor: string | null }> {
  const touches: Prisma.LedgerTransferWhereInput = {
    OR: [{ debitAccountId: accountId }, { creditAccountId: accountId }],
  };
  let after: Prisma.LedgerTransferWhereInput | null = null;
  if (query.cursor) {
    const { value: at, id } = decodeKeysetCursor(query.cursor, TRANSFER_KEY, InstantSchema);
    after = { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] };
  }
  const rows = await prisma.ledgerTransfer.findMany({
    where: after ? { AND: [touches, after] } : touches,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: TRANSFER_ROW_SELECT,
  });
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor:
      rows.length > query.limit && last
        ? encodeKeysetCursor(TRANSFER_KEY, last.createdAt.toISOString(), last.id)
        : null,
  };
}
