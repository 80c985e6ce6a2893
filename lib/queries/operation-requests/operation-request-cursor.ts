import "server-only";
import { Prisma } from "@prisma/client";
import { InstantSchema } from "@/lib/validation/list-params";
import type { TicketSort } from "@/lib/validation/operation-requests";
import { SafeLine } from "@/lib/validation/strings";
import { type CursorKey, decodeKeysetCursor, encodeKeysetCursor } from "../keyset-cursor";
import type { OperationRequestRow } from "./operation-request-row";

/*
 * The ticket table's keysets, one per order, over `operation_request r`; lib/queries/keyset-cursor.ts
 * encodes them. Each order ends with the id, so (sort value, id) is unique and paging never skips or
 * repeats a row.
 */

export type TicketPosition =
  | { sort: "created"; value: Date; id: string }
  | { sort: "amount"; value: string; id: string }
  | { sort: "deadline"; value: Date | null; id: string };

/** numeric(20,3) as stored. */
const AmountSchema = SafeLine.regex(/^\d{1,17}(\.\d{1,3})?$/, "not an amount");

const KEYS: Record<TicketSort, CursorKey> = {
  created: { sort: "created", dir: "desc" },
  amount: { sort: "amount", dir: "desc" },
  deadline: { sort: "deadline", dir: "asc" },
};

/** ORDER BY for each sort; the outer query of selectOperationRequestRows repeats it. */
export const TICKET_ORDER: Record<TicketSort, Prisma.Sql> = {
  created: Prisma.sql`r.created_at DESC, r.id DESC`,
  amount: Prisma.sql`r.amount DESC, r.id DESC`,
  deadline: Prisma.sql`r.deadline_at ASC NULLS LAST, r.id ASC`,
};

export function encodeTicketCursor(sort: TicketSort, row: OperationRequestRow): string {
  const value =
    sort === "created"
      ? row.createdAt.toISOString()
      : sort === "amount"
        ? row.amount
        : (row.deadlineAt?.toISOString() ?? null);
  return encodeKeysetCursor(KEYS[sort], value, row.id);
}

/** The position the next page starts after; a validation_error for a cursor of another sort or not ours. */
export function decodeTicketCursor(cursor: string, sort: TicketSort): TicketPosition {
  switch (sort) {
    case "created":
      return { sort, ...decodeKeysetCursor(cursor, KEYS.created, InstantSchema) };
    case "amount":
      return { sort, ...decodeKeysetCursor(cursor, KEYS.amount, AmountSchema) };
    case "deadline":
      return { sort, ...decodeKeysetCursor(cursor, KEYS.deadline, InstantSchema.nullable()) };
  }
}

/**
 * Rows strictly after the position in the sort's order. For created, the plain `<=` is implied by
 * the row comparison but stated on its own so that every index on (..., created_at) can start its
 * scan there.
 */
export function ticketsAfter(position: TicketPosition): Prisma.Sql {
  const id = Prisma.sql`${position.id}::uuid`;
  switch (position.sort) {
    case "created": {
      const at = Prisma.sql`${position.value.toISOString()}::timestamptz`;
      return Prisma.sql`r.created_at <= ${at} AND (r.created_at, r.id) < (${at}, ${id})`;
    }
    case "amount": {
      const amount = Prisma.sql`${position.value}::numeric`;
      return Prisma.sql`r.amount <= ${amount} AND (r.amount, r.id) < (${amount}, ${id})`;
    }
    case "deadline": {
      // Nulls come last: after a null, only nulls with a greater id; after a deadline, later
      // deadlines, the same deadline with a greater id, and every null.
      if (position.value === null) return Prisma.sql`r.deadline_at IS NULL AND r.id > ${id}`;
      const at = Prisma.sql`${position.value.toISOString()}::timestamptz`;
      return Prisma.sql`((r.deadline_at, r.id) > (${at}, ${id}) OR r.deadline_at IS NULL)`;
    }
  }
}
