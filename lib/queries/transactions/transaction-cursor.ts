import "server-only";
import type { Prisma } from "@prisma/client";
import { isInstantInBounds } from "@/lib/domain/time/date-bounds";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";
import { hasControlCharacters } from "@/lib/validation/strings";
import type { SortDirection, TransactionSort } from "@/lib/validation/transactions";
import type { TransactionRow } from "./transaction-row";

/*
 * Keyset cursors. A cursor is base64url JSON naming the sort it was issued for and the last row's
 * sort value and id; (sort column, id) is unique, so paging never skips or repeats a row even when
 * many rows share a timestamp or an amount. Cursors are not secret: a caller who edits one only
 * moves within their own merchant's rows, because the merchant scope is applied independently.
 */

type CursorPayload = { s: TransactionSort; d: SortDirection; v: string; id: string };

export type KeysetPosition = { sort: TransactionSort; value: string; id: string };

const BASE64URL = /^[A-Za-z0-9_-]{1,1024}$/;
const AMOUNT = /^\d{1,17}(\.\d{1,3})?$/;

export function encodeTransactionCursor(
  sort: TransactionSort,
  dir: SortDirection,
  row: TransactionRow,
): string {
  const payload: CursorPayload = { s: sort, d: dir, v: sortValueOf(sort, row), id: row.id };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/** The position after which the next page starts; a validation_error for anything we did not issue. */
export function decodeTransactionCursor(
  cursor: string,
  sort: TransactionSort,
  dir: SortDirection,
): KeysetPosition {
  const payload = BASE64URL.test(cursor)
    ? parsePayload(Buffer.from(cursor, "base64url").toString("utf8"))
    : null;
  if (!payload || !isUuid(payload.id) || !valueFits(payload.s, payload.v)) {
    throw invalidCursor("The cursor is not one we issued; start again from the first page.");
  }
  if (payload.s !== sort || payload.d !== dir) {
    throw invalidCursor(
      `The cursor belongs to another sort order (${payload.s} ${payload.d}); start again from the first page.`,
    );
  }
  return { sort: payload.s, value: payload.v, id: payload.id };
}

/** Rows strictly after `position` in (sort column, id) order. */
export function transactionsAfter(
  position: KeysetPosition,
  dir: SortDirection,
): Prisma.PaymentTransactionWhereInput {
  const beyond = <T>(value: T) => (dir === "desc" ? { lt: value } : { gt: value });
  const { value, id } = position;
  switch (position.sort) {
    case "created_at": {
      const at = new Date(value);
      return { OR: [{ createdAt: beyond(at) }, { createdAt: at, id: beyond(id) }] };
    }
    case "amount":
      return { OR: [{ amount: beyond(value) }, { amount: value, id: beyond(id) }] };
    case "order_no":
      return { OR: [{ orderNo: beyond(value) }, { orderNo: value, id: beyond(id) }] };
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

function parsePayload(json: string): CursorPayload | null {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== "object" || value === null) return null;
    const { s, d, v, id } = value as Record<string, unknown>;
    const sortOk = s === "created_at" || s === "amount" || s === "order_no";
    const dirOk = d === "asc" || d === "desc";
    return sortOk && dirOk && typeof v === "string" && typeof id === "string"
      ? { s, d, v, id }
      : null;
  } catch {
    return null;
  }
}

function valueFits(sort: TransactionSort, value: string): boolean {
  switch (sort) {
    case "created_at": {
      const at = new Date(value);
      return isInstantInBounds(at) && at.toISOString() === value;
    }
    case "amount":
      return AMOUNT.test(value);
    case "order_no":
      return value.length > 0 && value.length <= 500 && !hasControlCharacters(value);
  }
}

function invalidCursor(message: string): AppError {
  return new AppError("validation_error", message, [{ field: "cursor", message }]);
}
