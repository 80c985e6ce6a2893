import "server-only";
import { prisma } from "@/lib/db";
import { type EmbedRequest, sessionMethods } from "@/lib/domain/checkout/publishable-keys";
import { currencyExponent, isCurrencyCode } from "@/lib/domain/money/currency";
import { isUuid } from "@/lib/validation/ids";

const keySelect = {
  id: true,
  name: true,
  key: true,
  allowedOrigins: true,
  createdAt: true,
  revokedAt: true,
  createdBy: { select: { name: true, email: true } },
} as const;

export type PublishableKeyRow = Awaited<ReturnType<typeof listPublishableKeys>>[number];

/** The merchant's keys, live ones first, newest first. */
export function listPublishableKeys(merchantId: string) {
  return prisma.publishableKey.findMany({
    where: { merchantId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: keySelect,
    take: 200,
  });
}

export async function getPublishableKey(merchantId: string, id: string) {
  if (!isUuid(id)) return null;
  return prisma.publishableKey.findFirst({ where: { id, merchantId }, select: keySelect });
}

/** A key that has not been revoked, by its text; null for anything else. */
export function findLivePublishableKey(key: string) {
  return prisma.publishableKey.findFirst({
    where: { key, revokedAt: null },
    select: { id: true, merchantId: true, allowedOrigins: true },
  });
}

/** Whether any live key lists the origin: what a CORS preflight (which carries no key) can check. */
export async function anyLiveKeyAllows(origin: string): Promise<boolean> {
  const row = await prisma.publishableKey.findFirst({
    where: { revokedAt: null, allowedOrigins: { has: origin } },
    select: { id: true },
  });
  return row !== null;
}

/**
 * Whether the hosted page may be framed for this embed request: the key is live, belongs to the
 * session's merchant and lists the origin. One indexed statement, run by proxy.ts per embed request.
 */
export async function embedAllowed(request: EmbedRequest): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ ok: number }[]>`
    SELECT 1 AS ok
    FROM publishable_key k
    JOIN checkout_session s ON s.merchant_id = k.merchant_id
    WHERE k.key = ${request.key} AND k.revoked_at IS NULL
      AND s.id = ${request.sessionId}::uuid
      AND ${request.origin} = ANY (k.allowed_origins)`;
  return rows.length > 0;
}

/**
 * A session as a publishable key may read it from the browser: state, amount, currency, order and
 * methods, and only when the session is the key's merchant's (another merchant's is "not found").
 */
export async function getPublicCheckoutSession(merchantId: string, id: string) {
  if (!isUuid(id)) return null;
  const row = await prisma.checkoutSession.findFirst({
    where: { id, merchantId },
    select: {
      id: true,
      orderNo: true,
      pgCodes: true,
      expiresAt: true,
      payment: { select: { state: true, amount: true, currency: true } },
    },
  });
  if (!row) return null;
  const currency = row.payment.currency;
  return {
    session_id: row.id,
    state: row.payment.state,
    amount: row.payment.amount.toFixed(isCurrencyCode(currency) ? currencyExponent(currency) : 2),
    currency_code: currency,
    order_no: row.orderNo,
    methods: sessionMethods(row.pgCodes),
    expires_at: row.expiresAt.toISOString(),
  };
}
