import "server-only";
import { Prisma } from "@prisma/client";
import type { OperationRequestFilters } from "@/lib/validation/operation-requests";
import {
  decodeOperationRequestCursor,
  encodeOperationRequestCursor,
  operationRequestsAfter,
} from "./operation-request-cursor";
import { type OperationRequestRow, selectOperationRequestRows } from "./operation-request-row";

export type OperationRequestPage = { data: OperationRequestRow[]; nextCursor: string | null };

export type TicketFilters = Pick<
  OperationRequestFilters,
  "state" | "operation" | "currency" | "from" | "to" | "pg"
>;

/**
 * The requests a merchant sees in its ticket table, narrowed by the filters, as a condition over
 * `operation_request r`. Every filter is a plain column test, so an index leading with merchant_id
 * serves each combination: (created_at, id), (state, created_at), (operation, currency, created_at)
 * or (gateway_id, created_at). The gateway code is resolved to this merchant's gateway id once
 * (an InitPlan); an unknown code, or one whose currency is not the filtered one, resolves to NULL
 * and matches nothing.
 */
export function operationRequestsVisibleTo(merchantId: string, filters: TicketFilters): Prisma.Sql {
  const conditions = [Prisma.sql`r.merchant_id = ${merchantId}::uuid`];
  if (filters.state)
    conditions.push(Prisma.sql`r.state = ${filters.state}::"OperationRequestState"`);
  if (filters.operation)
    conditions.push(Prisma.sql`r.operation = ${filters.operation}::"Operation"`);
  if (filters.currency) conditions.push(Prisma.sql`r.currency = ${filters.currency}`);
  if (filters.pg) {
    // A gateway settles in one currency: with a currency filter that is not the gateway's, the
    // subquery is NULL and the scan ends at once instead of filtering every row of that gateway.
    const currency = filters.currency
      ? Prisma.sql` AND g.currency = ${filters.currency}`
      : Prisma.empty;
    conditions.push(
      Prisma.sql`r.gateway_id = (SELECT g.id FROM payment_gateway g WHERE g.merchant_id = ${merchantId}::uuid AND g.code = ${filters.pg}${currency})`,
    );
  }
  if (filters.from)
    conditions.push(Prisma.sql`r.created_at >= ${startOfUtcDay(filters.from)}::timestamptz`);
  // `to` is inclusive: everything before the start of the next day.
  if (filters.to)
    conditions.push(Prisma.sql`r.created_at < ${startOfUtcDay(filters.to, 1)}::timestamptz`);
  return Prisma.join(conditions, " AND ");
}

/**
 * One page of the merchant's requests, newest first. Keyset paging, one statement, no OFFSET and no
 * COUNT(*): a page costs about limit + 1 index entries however deep it is. A bad cursor is a
 * validation_error.
 */
export async function listOperationRequests(
  merchantId: string,
  filters: OperationRequestFilters,
): Promise<OperationRequestPage> {
  const visible = operationRequestsVisibleTo(merchantId, filters);
  const where = filters.cursor
    ? Prisma.sql`${visible} AND ${operationRequestsAfter(decodeOperationRequestCursor(filters.cursor))}`
    : visible;
  // One more than asked tells whether a next page exists.
  const rows = await selectOperationRequestRows(where, filters.limit + 1);
  const data = rows.slice(0, filters.limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor: rows.length > filters.limit && last ? encodeOperationRequestCursor(last) : null,
  };
}

function startOfUtcDay(day: string, plusDays = 0): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date.toISOString();
}
