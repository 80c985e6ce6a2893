import "server-only";
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import { LIST_TOTAL_CAP } from "@/lib/validation/list-params";
import type { TransactionFilters, TransactionListQuery } from "@/lib/validation/transactions";
import { escapeLike } from "../escape-like";
import {
  decodeTransactionCursor,
  encodeTransactionCursor,
  transactionOrder,
  transactionsAfter,
} from "./transaction-cursor";
import { TRANSACTION_ROW_SELECT, type TransactionRow } from "./transaction-row";

export type TransactionPage = {
  data: TransactionRow[];
  nextCursor: string | null;
  /** Payments matching the filters, counted up to LIST_TOTAL_CAP. */
  total: number;
  totalCapped: boolean;
};

/**
 * The payments a merchant may see in its list, narrowed by the filters. Only payments: refunds and
 * voids are shown on their parent's detail page.
 */
export function transactionsVisibleTo(
  merchantId: string,
  filters: TransactionFilters,
): Prisma.PaymentTransactionWhereInput {
  const where: Prisma.PaymentTransactionWhereInput = { merchantId, kind: "payment" };
  if (filters.state?.length) where.state = { in: filters.state };
  // `gateway`, or `pg` as the ticket table calls it.
  const gateway = filters.gateway ?? filters.pg;
  if (gateway) where.gateway = { code: gateway };
  if (filters.currency) where.currency = filters.currency;
  if (filters.from || filters.to) {
    where.createdAt = {
      ...(filters.from ? { gte: startOfUtcDay(filters.from) } : {}),
      // `to` is inclusive: everything before the start of the next day.
      ...(filters.to ? { lt: startOfUtcDay(filters.to, 1) } : {}),
    };
  }
  if (filters.q) {
    const text = escapeLike(filters.q);
    where.OR = [
      { orderNo: { startsWith: text, mode: "insensitive" } },
      { customer: { name: { contains: text, mode: "insensitive" } } },
      { customer: { email: { contains: text, mode: "insensitive" } } },
    ];
  }
  return where;
}

/**
 * One page of a merchant's payments in (sort column, id) order, and how many match. Keyset paging:
 * no OFFSET, so page 500 costs what page 1 does; the count stops at LIST_TOTAL_CAP + 1 rows. An
 * invalid cursor is a validation_error.
 */
export async function listTransactions(
  merchantId: string,
  query: TransactionListQuery,
): Promise<TransactionPage> {
  const visible = transactionsVisibleTo(merchantId, query);
  const after = query.cursor
    ? transactionsAfter(decodeTransactionCursor(query.cursor, query.sort, query.dir), query.dir)
    : null;
  const [rows, counted] = await Promise.all([
    prisma.paymentTransaction.findMany({
      where: after ? { AND: [visible, after] } : visible,
      orderBy: transactionOrder(query.sort, query.dir),
      // One more than asked tells whether a next page exists.
      take: query.limit + 1,
      select: TRANSACTION_ROW_SELECT,
    }),
    // Counted by walking the (merchant, created_at, id) index for ids up to the cap: Prisma's
    // count({ take }) sorts every matching row by id before its LIMIT.
    prisma.paymentTransaction
      .findMany({
        where: visible,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: LIST_TOTAL_CAP + 1,
        select: { id: true },
      })
      .then((ids) => ids.length),
  ]);
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor:
      rows.length > query.limit && last
        ? encodeTransactionCursor(query.sort, query.dir, last)
        : null,
    total: Math.min(counted, LIST_TOTAL_CAP),
    totalCapped: counted > LIST_TOTAL_CAP,
  };
}

function startOfUtcDay(day: string, plusDays = 0): Date {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date;
}
