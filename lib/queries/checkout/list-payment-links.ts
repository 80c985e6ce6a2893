import "server-only";
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import type { SessionState } from "@/lib/domain/checkout/lifecycle";
import { channelsOf } from "@/lib/domain/checkout/payment-links";
import { currencyExponent, isCurrencyCode } from "@/lib/domain/money/currency";
import { InstantSchema } from "@/lib/validation/list-params";
import type { PaymentLinkListQuery } from "@/lib/validation/payment-links";
import { decodeKeysetCursor, encodeKeysetCursor } from "../keyset-cursor";
import { checkoutUrls } from "./get-checkout-session";

const CURSOR_KEY = { sort: "created_at", dir: "desc" } as const;

/** The read rule of the Payment links page: a merchant's payment requests matching the filters. */
export function paymentLinkWhere(
  merchantId: string,
  query: Pick<PaymentLinkListQuery, "state" | "from" | "to" | "q">,
): Prisma.CheckoutSessionWhereInput {
  const and: Prisma.CheckoutSessionWhereInput[] = [{ merchantId, type: "payment_request" }];
  if (query.state) and.push({ payment: { state: query.state } });
  if (query.from) and.push({ createdAt: { gte: new Date(`${query.from}T00:00:00.000Z`) } });
  if (query.to) and.push({ createdAt: { lt: nextDay(query.to) } });
  if (query.q) {
    const q = query.q;
    and.push({
      OR: [
        { orderNo: { startsWith: q, mode: "insensitive" } },
        { customerFirstName: { contains: q, mode: "insensitive" } },
        { customerLastName: { contains: q, mode: "insensitive" } },
        { customerEmail: { contains: q, mode: "insensitive" } },
        { customerPhone: { contains: q.replace(/[\s()-]/g, "") } },
      ],
    });
  }
  return { AND: and };
}

function nextDay(day: string): Date {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

export type PaymentLinkRow = {
  id: string;
  orderNo: string;
  state: SessionState;
  amount: string;
  currency: string;
  customerName: string | null;
  customerEmail: string | null;
  customerPhone: string | null;
  channels: string[];
  createdVia: string;
  dueAt: string | null;
  expiresAt: string;
  createdAt: string;
  checkoutUrl: string;
  shortUrl: string;
  qrUrl: string;
};

const rowSelect = {
  id: true,
  orderNo: true,
  shortCode: true,
  customerFirstName: true,
  customerLastName: true,
  customerEmail: true,
  customerPhone: true,
  notifications: true,
  createdVia: true,
  dueAt: true,
  expiresAt: true,
  createdAt: true,
  payment: { select: { state: true, amount: true, currency: true } },
} as const satisfies Prisma.CheckoutSessionSelect;

type Selected = Prisma.CheckoutSessionGetPayload<{ select: typeof rowSelect }>;

export function toPaymentLinkRow(row: Selected): PaymentLinkRow {
  const urls = checkoutUrls(row);
  const currency = row.payment.currency;
  return {
    id: row.id,
    orderNo: row.orderNo,
    state: row.payment.state as SessionState,
    amount: row.payment.amount.toFixed(isCurrencyCode(currency) ? currencyExponent(currency) : 2),
    currency,
    customerName: [row.customerFirstName, row.customerLastName].filter(Boolean).join(" ") || null,
    customerEmail: row.customerEmail,
    customerPhone: row.customerPhone,
    channels: channelsOf(row.notifications as Record<string, boolean> | null),
    createdVia: row.createdVia,
    dueAt: row.dueAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    checkoutUrl: urls.checkout_url,
    shortUrl: urls.checkout_short_url,
    qrUrl: urls.qr_code_url,
  };
}

/**
 * A page of payment links, newest first, by keyset on (created_at, id): paging never skips or
 * repeats a row. A cursor we did not issue is a validation_error (the page shows the first page).
 */
export async function listPaymentLinks(
  merchantId: string,
  query: PaymentLinkListQuery,
): Promise<{ data: PaymentLinkRow[]; nextCursor: string | null }> {
  const where = paymentLinkWhere(merchantId, query);
  const after = query.cursor ? decodeKeysetCursor(query.cursor, CURSOR_KEY, InstantSchema) : null;
  const rows = await prisma.checkoutSession.findMany({
    where: after
      ? {
          AND: [
            where,
            {
              OR: [
                { createdAt: { lt: after.value } },
                { createdAt: after.value, id: { lt: after.id } },
              ],
            },
          ],
        }
      : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: rowSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(toPaymentLinkRow),
    nextCursor:
      rows.length > query.limit && last
        ? encodeKeysetCursor(CURSOR_KEY, last.createdAt.toISOString(), last.id)
        : null,
  };
}

/** One payment link with its attempts and history, for the detail page. */
export async function getPaymentLinkDetail(merchantId: string, id: string) {
  const row = await prisma.checkoutSession.findFirst({
    where: { id, merchantId, type: "payment_request" },
    select: {
      ...rowSelect,
      pgCodes: true,
      language: true,
      endedReason: true,
      paidLateAt: true,
      maxAttempts: true,
      attemptCount: true,
      attempts: {
        orderBy: { seq: "asc" },
        select: {
          id: true,
          seq: true,
          method: true,
          state: true,
          cardBrand: true,
          cardLast4: true,
          message: true,
          createdAt: true,
        },
      },
    },
  });
  if (!row) return null;
  const history = await prisma.auditEvent.findMany({
    where: { merchantId, entity: "payment_transaction", entityId: id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      action: true,
      fromState: true,
      toState: true,
      actorType: true,
      data: true,
      createdAt: true,
      actorId: true,
    },
  });
  const actorIds = [...new Set(history.flatMap((event) => (event.actorId ? [event.actorId] : [])))];
  const users = await prisma.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, name: true, email: true },
  });
  const nameOf = new Map(users.map((user) => [user.id, user.name || user.email]));
  return {
    ...toPaymentLinkRow(row),
    pgCodes: row.pgCodes,
    language: row.language,
    endedReason: row.endedReason,
    paidLate: row.paidLateAt !== null,
    attemptsLeft: Math.max(0, row.maxAttempts - row.attemptCount),
    attempts: row.attempts.map((attempt) => ({
      ...attempt,
      createdAt: attempt.createdAt.toISOString(),
    })),
    history: history.map((event) => ({
      id: String(event.id),
      action: event.action,
      fromState: event.fromState,
      toState: event.toState,
      actorType: event.actorType,
      actorName: event.actorId ? (nameOf.get(event.actorId) ?? null) : null,
      channels: channelsOf(
        Object.fromEntries(
          ((event.data as { channels?: unknown } | null)?.channels as string[] | undefined)
            ?.filter((channel) => typeof channel === "string")
            .map((channel) => [channel, true]) ?? [],
        ),
      ),
      createdAt: event.createdAt.toISOString(),
    })),
  };
}
export type PaymentLinkDetail = NonNullable<Awaited<ReturnType<typeof getPaymentLinkDetail>>>;
