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
  return prisma.ledgerAccount.findFirst({
    where: { AND: [accountsVisibleTo(merchantId, scopes), { id }] },
    select: ACCOUNT_ROW_SELECT,
  });
}

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
