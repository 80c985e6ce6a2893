import "server-only";
import { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import { LIST_TOTAL_CAP } from "@/lib/validation/list-params";
import type { OperationRequestFilters } from "@/lib/validation/operation-requests";
import { escapeLike } from "../escape-like";
import {
  decodeTicketCursor,
  encodeTicketCursor,
  TICKET_ORDER,
  ticketsAfter,
} from "./operation-request-cursor";
import { type OperationRequestRow, selectOperationRequestRows } from "./operation-request-row";

export type OperationRequestPage = {
  data: OperationRequestRow[];
  nextCursor: string | null;
  /** Requests matching the filters, counted up to LIST_TOTAL_CAP. */
  total: number;
  totalCapped: boolean;
};

export type TicketFilters = Pick<
  OperationRequestFilters,
  "state" | "operation" | "currency" | "from" | "to" | "pg" | "gateway" | "q"
>;

/**
 * The requests a merchant sees in its ticket table, narrowed by the filters, as a condition over
 * `operation_request r`. Every filter is a plain column test, so an index leading with merchant_id
 * serves each combination: (created_at, id), (state, created_at), (operation, currency, created_at)
 * or (gateway_id, created_at). The gateway code (`pg`, or its other name `gateway`) is resolved to
 * this merchant's gateway id once (an InitPlan); an unknown code, or one whose currency is not the
 * filtered one, resolves to NULL and matches nothing. The search resolves order numbers and makers
 * the same way, to id lists.
 */
export function operationRequestsVisibleTo(merchantId: string, filters: TicketFilters): Prisma.Sql {
  const merchant = Prisma.sql`${merchantId}::uuid`;
  const conditions = [Prisma.sql`r.merchant_id = ${merchant}`];
  if (filters.state)
    conditions.push(Prisma.sql`r.state = ${filters.state}::"OperationRequestState"`);
  if (filters.operation)
    conditions.push(Prisma.sql`r.operation = ${filters.operation}::"Operation"`);
  if (filters.currency) conditions.push(Prisma.sql`r.currency = ${filters.currency}`);
  const gateway = filters.pg ?? filters.gateway;
  if (gateway) {
    // A gateway settles in one currency: with a currency filter that is not the gateway's, the
    // subquery is NULL and the scan ends at once instead of filtering every row of that gateway.
    const currency = filters.currency
      ? Prisma.sql` AND g.currency = ${filters.currency}`
      : Prisma.empty;
    conditions.push(
      Prisma.sql`r.gateway_id = (SELECT g.id FROM payment_gateway g WHERE g.merchant_id = ${merchant} AND g.code = ${gateway}${currency})`,
    );
  }
  if (filters.from)
    conditions.push(Prisma.sql`r.created_at >= ${startOfUtcDay(filters.from)}::timestamptz`);
  // `to` is inclusive: everything before the start of the next day.
  if (filters.to)
    conditions.push(Prisma.sql`r.created_at < ${startOfUtcDay(filters.to, 1)}::timestamptz`);
  if (filters.q) {
    // An order number starting with the text, or a maker whose name or email contains it (the
    // merchant condition on r already keeps other merchants' requests out).
    const prefix = `${escapeLike(filters.q)}%`;
    const part = `%${escapeLike(filters.q)}%`;
    conditions.push(Prisma.sql`(
      r.transaction_id IN (SELECT t.id FROM payment_transaction t WHERE t.merchant_id = ${merchant} AND t.order_no ILIKE ${prefix})
      OR r.submitted_by_id IN (
        SELECT u.id FROM app_user u WHERE u.name ILIKE ${part} OR u.email ILIKE ${part}))`);
  }
  return Prisma.join(conditions, " AND ");
}

/**
 * One page of the merchant's requests in the chosen order (newest first, largest amount first or
 * soonest deadline first), and how many match. Keyset paging, no OFFSET: a page costs about
 * limit + 1 index entries however deep it is; the count stops at LIST_TOTAL_CAP + 1 rows. A bad
 * cursor, or one from another order, is a validation_error.
 */
export async function listOperationRequests(
  merchantId: string,
  filters: OperationRequestFilters,
): Promise<OperationRequestPage> {
  const visible = operationRequestsVisibleTo(merchantId, filters);
  const where = filters.cursor
    ? Prisma.sql`${visible} AND ${ticketsAfter(decodeTicketCursor(filters.cursor, filters.sort))}`
    : visible;
  // One more than asked tells whether a next page exists.
  const [rows, counted] = await Promise.all([
    selectOperationRequestRows(where, filters.limit + 1, TICKET_ORDER[filters.sort]),
    countCapped(visible),
  ]);
  const data = rows.slice(0, filters.limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor: rows.length > filters.limit && last ? encodeTicketCursor(filters.sort, last) : null,
    total: Math.min(counted, LIST_TOTAL_CAP),
    totalCapped: counted > LIST_TOTAL_CAP,
  };
}

/** count(*) of at most LIST_TOTAL_CAP + 1 rows: enough to say "10,000+" without counting them all. */
async function countCapped(where: Prisma.Sql): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM operation_request r WHERE ${where} LIMIT ${LIST_TOTAL_CAP + 1}
    ) matching`;
  return row?.n ?? 0;
}

function startOfUtcDay(day: string, plusDays = 0): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date.toISOString();
}
