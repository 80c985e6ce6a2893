import "server-only";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { CLIENT_ACCOUNT_KINDS } from "@/lib/domain/ledger/accounts";
import { LIST_TOTAL_CAP } from "@/lib/validation/list-params";
import { decodeKeysetCursor, encodeKeysetCursor } from "../keyset-cursor";
import { ACCOUNT_ROW_SELECT, type AccountRow } from "../processes/process-json";

export type CustomerRow = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  baseCurrency: string;
  createdAt: Date;
  /** The customer's client-side accounts; empty unless `withAccounts` (the client viewer scope). */
  accounts: AccountRow[];
};

const KEY = { sort: "name", dir: "asc" as const };

function customersWhere(merchantId: string, q?: string): Prisma.CustomerWhereInput {
  return {
    merchantId,
    ...(q
      ? {
          OR: [
            { name: { contains: q, mode: "insensitive" } },
            { email: { contains: q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
}

const SELECT = {
  id: true,
  name: true,
  email: true,
  phone: true,
  baseCurrency: true,
  createdAt: true,
} satisfies Prisma.CustomerSelect;

/** The customer's coins, vouchers and deposits; none without the client viewer scope. */
function accountsOf(withAccounts: boolean) {
  return {
    where: { kind: { in: withAccounts ? [...CLIENT_ACCOUNT_KINDS] : [] } },
    orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }],
    select: ACCOUNT_ROW_SELECT,
  };
}

/** The merchant's customers by name (keyset on name, id), with their coins when the caller may see them. */
export async function listCustomers(
  merchantId: string,
  query: { q?: string; limit: number; cursor?: string; withAccounts: boolean },
): Promise<{
  data: CustomerRow[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
}> {
  const where = customersWhere(merchantId, query.q);
  let after: Prisma.CustomerWhereInput | null = null;
  if (query.cursor) {
    const { value, id } = decodeKeysetCursor(query.cursor, KEY, z.string().max(500));
    after = { OR: [{ name: { gt: value } }, { name: value, id: { gt: id } }] };
  }
  const [rows, counted] = await Promise.all([
    prisma.customer.findMany({
      where: after ? { AND: [where, after] } : where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: query.limit + 1,
      select: {
        ...SELECT,
        ledgerAccounts: accountsOf(query.withAccounts),
      },
    }),
    prisma.customer.count({ where, take: LIST_TOTAL_CAP + 1 }),
  ]);
  const data = rows.slice(0, query.limit).map(({ ledgerAccounts, ...customer }) => ({
    ...customer,
    accounts: ledgerAccounts,
  }));
  const last = data.at(-1);
  return {
    data,
    nextCursor:
      rows.length > query.limit && last ? encodeKeysetCursor(KEY, last.name, last.id) : null,
    total: Math.min(counted, LIST_TOTAL_CAP),
    totalCapped: counted > LIST_TOTAL_CAP,
  };
}

/** One customer of the merchant, or null (another merchant's id looks unknown). */
export async function getCustomer(
  merchantId: string,
  id: string,
  { withAccounts }: { withAccounts: boolean },
): Promise<CustomerRow | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const row = await prisma.customer.findFirst({
    where: { merchantId, id },
    select: {
      ...SELECT,
      ledgerAccounts: accountsOf(withAccounts),
    },
  });
  if (!row) return null;
  const { ledgerAccounts, ...customer } = row;
  return { ...customer, accounts: ledgerAccounts };
}

/** Names for the Transactions page's customer filter. */
export async function listCustomerOptions(
  merchantId: string,
): Promise<{ value: string; label: string }[]> {
  const rows = await prisma.customer.findMany({
    where: { merchantId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, name: true, email: true },
  });
  return rows.map((row) => ({
    value: row.id,
    label: row.email ? `${row.name} (${row.email})` : row.name,
  }));
}
