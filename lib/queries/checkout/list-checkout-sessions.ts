import "server-only";
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import type { CheckoutListQuery } from "@/lib/validation/checkout";
import { InstantSchema, LIST_TOTAL_CAP } from "@/lib/validation/list-params";
import { decodeKeysetCursor, encodeKeysetCursor } from "../keyset-cursor";
import { type CheckoutApiView, sessionSelect, toCheckoutApiView } from "./get-checkout-session";

export type CheckoutListItem = Omit<CheckoutApiView, "attempts">;

/** Newest first; (created_at, id) is unique, so paging never skips or repeats a session. */
const KEY = { sort: "created", dir: "desc" as const };

/** The merchant's sessions matching the filters: a read rule, named, returning a `where`. */
export function checkoutSessionsWhere(
  merchantId: string,
  filters: Omit<CheckoutListQuery, "limit" | "cursor">,
): Prisma.CheckoutSessionWhereInput {
  const where: Prisma.CheckoutSessionWhereInput = { merchantId };
  if (filters.type) where.type = filters.type;
  if (filters.state) where.payment = { state: filters.state };
  if (filters.order_no) where.orderNo = filters.order_no;
  if (filters.created_from || filters.created_to) {
    where.createdAt = {
      ...(filters.created_from ? { gte: new Date(`${filters.created_from}T00:00:00.000Z`) } : {}),
      ...(filters.created_to ? { lt: nextDay(filters.created_to) } : {}),
    };
  }
  return where;
}

function nextDay(day: string): Date {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

/**
 * GET /api/v1/checkout and the Payment links page: one page of the merchant's sessions, newest
 * first, without their attempts (GET /api/v1/checkout/{session_id} has them).
 */
export async function listCheckoutSessions(
  merchantId: string,
  query: CheckoutListQuery,
): Promise<{
  data: CheckoutListItem[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
}> {
  const where = checkoutSessionsWhere(merchantId, query);
  let after: Prisma.CheckoutSessionWhereInput | null = null;
  if (query.cursor) {
    const { value, id } = decodeKeysetCursor(query.cursor, KEY, InstantSchema);
    after = { OR: [{ createdAt: { lt: value } }, { createdAt: value, id: { lt: id } }] };
  }
  const [rows, counted] = await Promise.all([
    prisma.checkoutSession.findMany({
      where: after ? { AND: [where, after] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      select: { ...sessionSelect, attempts: false },
    }),
    prisma.checkoutSession.count({ where, take: LIST_TOTAL_CAP + 1 }),
  ]);
  const data = rows.slice(0, query.limit).map((row) => {
    const { attempts: _none, ...item } = toCheckoutApiView({ ...row, attempts: [] });
    return item;
  });
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
  return {
    data,
    nextCursor: last ? encodeKeysetCursor(KEY, last.createdAt.toISOString(), last.id) : null,
    total: Math.min(counted, LIST_TOTAL_CAP),
    totalCapped: counted > LIST_TOTAL_CAP,
  };
}
