import "server-only";
import type { Prisma } from "@prisma/client";
import { InstantSchema } from "@/lib/validation/list-params";
import { SafeLine } from "@/lib/validation/strings";
import type { SortDirection, TransactionSort } from "@/lib/validation/transactions";
import { decodeKeysetCursor, encodeKeysetCursor } from "../keyset-cursor";
import type { TransactionRow } from "./transaction-row";

/* The transactions list's keyset: (sort column, id) in the chosen direction; lib/queries/keyset-cursor.ts encodes it. */

export type KeysetPosition =
  | { sort: "created_at"; value: Date; id: string }
  | { sort: "amount"; value: string; id: string }
  | { sort: "order_no"; value: string; id: string };

/** numeric(20,3) as stored: at most 17 whole digits and 3 decimals. */
const AmountSchema = SafeLine.regex(/^\d{1,17}(\.\d{1,3})?$/, "not an amount");
const OrderNoSchema = SafeLine.min(1).max(500);

export function encodeTransactionCursor(
  sort: TransactionSort,
  dir: SortDirection,
  row: TransactionRow,
): string {
  return encodeKeysetCursor({ sort, dir }, sortValueOf(sort, row), row.id);
}

/** The position after which the next page starts; a validation_error for anything we did not issue. */
export function decodeTransactionCursor(
  cursor: string,
  sort: TransactionSort,
  dir: SortDirection,
): KeysetPosition {
  const key = { sort, dir };
  switch (sort) {
    case "created_at":
      return { sort, ...decodeKeysetCursor(cursor, key, InstantSchema) };
    case "amount":
      return { sort, ...decodeKeysetCursor(cursor, key, AmountSchema) };
    case "order_no":
      return { sort, ...decodeKeysetCursor(cursor, key, OrderNoSchema) };
  }
}

/** Rows strictly after `position` in (sort column, id) order. */
export function transactionsAfter(
  position: KeysetPosition,
  dir: SortDirection,
): Prisma.PaymentTransactionWhereInput {
  const beyond = <T>(value: T) => (dir === "desc" ? { lt: value } : { gt: value });
  const { id } = position;
  switch (position.sort) {
    case "created_at": {
      const at = position.value;
      return { OR: [{ createdAt: beyond(at) }, { createdAt: at, id: beyond(id) }] };
    }
    case "amount": {
      const amount = position.value;
      return { OR: [{ amount: beyond(amount) }, { amount, id: beyond(id) }] };
    }
    case "order_no": {
      const orderNo = position.value;
      return { OR: [{ orderNo: beyond(orderNo) }, { orderNo, id: beyond(id) }] };
    }
  }
}

export function transactionOrder(
  sort: TransactionSort,
  dir: SortDirection,
): Prisma.PaymentTransactionOrderByWithRelationInput[] {
  const column =
    sort === "created_at"
      ? { createdAt: dir }
      : sort === "amount"
        ? { amount: dir }
        : { orderNo: dir };
  return [column, { id: dir }];
}

function sortValueOf(sort: TransactionSort, row: TransactionRow): string {
  switch (sort) {
    case "created_at":
      return row.createdAt.toISOString();
    case "amount":
      return row.amount.toFixed();
    case "order_no":
      return row.orderNo;
  }
}
