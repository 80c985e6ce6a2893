import "server-only";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { attemptsLeft, type SessionState } from "@/lib/domain/checkout/lifecycle";
import {
  type CheckoutMethod,
  formatExpirationTime,
  methodsForGateway,
  SHORT_CODE_PATTERN,
} from "@/lib/domain/checkout/session-rules";
import { currencyExponent, isCurrencyCode } from "@/lib/domain/money/currency";
import { isUuid } from "@/lib/validation/ids";

/** The addresses of a session: the hosted page, its short link and its QR code. */
export function checkoutUrls(session: { id: string; shortCode: string }) {
  const base = config().appUrl;
  return {
    checkout_url: `${base}/checkout/${session.id}`,
    checkout_short_url: `${base}/c/${session.shortCode}`,
    qr_code_url: `${base}/c/${session.shortCode}/qr`,
  };
}

export const sessionSelect = {
  id: true,
  type: true,
  operation: true,
  paymentType: true,
  pgCodes: true,
  orderNo: true,
  customerRef: true,
  customerFirstName: true,
  customerLastName: true,
  customerEmail: true,
  customerPhone: true,
  expiresAt: true,
  expirationSeconds: true,
  redirectUrl: true,
  webhookUrl: true,
  language: true,
  notifications: true,
  dueAt: true,
  shortCode: true,
  maxAttempts: true,
  attemptCount: true,
  endedReason: true,
  paidLateAt: true,
  duplicatePaymentAt: true,
  createdVia: true,
  createdAt: true,
  updatedAt: true,
  payment: {
    select: {
      state: true,
      amount: true,
      currency: true,
      capturedAmount: true,
      refundedAmount: true,
      gateway: { select: { code: true } },
    },
  },
  attempts: {
    orderBy: { seq: "asc" as const },
    select: {
      id: true,
      seq: true,
      method: true,
      state: true,
      threeDs: true,
      cardBrand: true,
      cardLast4: true,
      code: true,
      message: true,
      createdAt: true,
      finishedAt: true,
    },
  },
} as const;

type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

function findSession(where: { id: string; merchantId?: string }) {
  return prisma.checkoutSession.findFirst({ where, select: sessionSelect });
}

/** A session as the Checkout API answers it: Ottu's field names, every field echoed. */
export function toCheckoutApiView(row: SessionRow) {
  const payment = row.payment;
  return {
    session_id: row.id,
    ...checkoutUrls(row),
    state: payment.state,
    type: row.type,
    amount: payment.amount.toFixed(currencyDigits(payment.currency)),
    currency_code: payment.currency,
    captured_amount: payment.capturedAmount.toFixed(currencyDigits(payment.currency)),
    refunded_amount: payment.refundedAmount.toFixed(currencyDigits(payment.currency)),
    pg_codes: row.pgCodes,
    pg_code: payment.gateway.code,
    order_no: row.orderNo,
    customer_id: row.customerRef,
    customer_first_name: row.customerFirstName,
    customer_last_name: row.customerLastName,
    customer_email: row.customerEmail,
    customer_phone: row.customerPhone,
    operation: row.operation,
    payment_type: row.paymentType,
    expiration_time: formatExpirationTime(row.expirationSeconds),
    expires_at: row.expiresAt.toISOString(),
    due_datetime: row.dueAt?.toISOString() ?? null,
    redirect_url: row.redirectUrl,
    webhook_url: row.webhookUrl,
    language: row.language,
    notifications: row.notifications as Record<string, boolean>,
    attempts_left: attemptsLeft(row),
    ended_reason: row.endedReason,
    paid_late: row.paidLateAt !== null,
    duplicate_payment: row.duplicatePaymentAt !== null,
    created_via: row.createdVia,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    attempts: row.attempts.map((attempt) => ({
      id: attempt.id,
      seq: attempt.seq,
      method: attempt.method,
      state: attempt.state,
      three_ds: attempt.threeDs,
      challenge_occurred: attempt.threeDs === "challenge",
      card_brand: attempt.cardBrand,
      card_last4: attempt.cardLast4,
      code: attempt.code,
      message: attempt.message,
      created_at: attempt.createdAt.toISOString(),
      finished_at: attempt.finishedAt?.toISOString() ?? null,
    })),
  };
}
export type CheckoutApiView = ReturnType<typeof toCheckoutApiView>;

function currencyDigits(currency: string): number {
  return isCurrencyCode(currency) ? currencyExponent(currency) : 2;
}

export async function getCheckoutSession(
  merchantId: string,
  id: string,
): Promise<CheckoutApiView | null> {
  if (!isUuid(id)) return null;
  const row = await findSession({ id, merchantId });
  return row ? toCheckoutApiView(row) : null;
}

export type CheckoutPageSession = {
  id: string;
  state: SessionState;
  merchantName: string;
  orderNo: string;
  amount: string;
  currency: string;
  operation: "purchase" | "authorize";
  paymentType: "one_off" | "save_card";
  language: "en" | "ar";
  expiresAt: Date;
  redirectUrl: string | null;
  customerFirstName: string | null;
  hasCustomer: boolean;
  attemptsLeft: number;
  endedReason: string | null;
  gateways: { code: string; name: string; methods: CheckoutMethod[] }[];
  savedCards: {
    id: string;
    gatewayCode: string;
    brand: string;
    last4: string;
    expMonth: number;
    expYear: number;
  }[];
  /** The successful attempt, for the receipt. */
  paid: { method: string; cardBrand: string | null; cardLast4: string | null; at: Date } | null;
};

/**
 * A session as the hosted page shows it to the customer (no sign-in: the session id is the bearer).
 * Never the merchant's internals: no webhook URL, no customer email or phone.
 */
export async function getCheckoutPageSession(id: string): Promise<CheckoutPageSession | null> {
  if (!isUuid(id)) return null;
  const row = await prisma.checkoutSession.findUnique({
    where: { id },
    select: {
      ...sessionSelect,
      merchant: { select: { name: true } },
      payment: {
        select: {
          state: true,
          amount: true,
          currency: true,
          capturedAmount: true,
          refundedAmount: true,
          customerId: true,
          gateway: { select: { code: true } },
        },
      },
    },
  });
  if (!row) return null;
  const gateways = await prisma.paymentGateway.findMany({
    where: { merchant: { checkoutSessions: { some: { id } } }, code: { in: row.pgCodes } },
    select: { id: true, code: true, name: true },
  });
  const byCode = new Map(gateways.map((gateway) => [gateway.code, gateway]));
  const customerId = row.payment.customerId;
  const savedCards = customerId
    ? await prisma.savedCard.findMany({
        where: { customerId, deletedAt: null, gatewayId: { in: gateways.map((g) => g.id) } },
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          gatewayId: true,
          brand: true,
          last4: true,
          expMonth: true,
          expYear: true,
        },
      })
    : [];
  const success = row.attempts.find((attempt) => attempt.state === "success");
  return {
    id: row.id,
    state: row.payment.state as SessionState,
    merchantName: row.merchant.name,
    orderNo: row.orderNo,
    amount: row.payment.amount.toFixed(currencyDigits(row.payment.currency)),
    currency: row.payment.currency,
    operation: row.operation,
    paymentType: row.paymentType,
    language: row.language === "ar" ? "ar" : "en",
    expiresAt: row.expiresAt,
    redirectUrl: row.redirectUrl,
    customerFirstName: row.customerFirstName,
    hasCustomer: customerId !== null,
    attemptsLeft: attemptsLeft(row),
    endedReason: row.endedReason,
    gateways: row.pgCodes.flatMap((code) => {
      const gateway = byCode.get(code);
      return gateway ? [{ code, name: gateway.name, methods: methodsForGateway(code) }] : [];
    }),
    savedCards: savedCards.map((card) => ({
      id: card.id,
      gatewayCode: gateways.find((g) => g.id === card.gatewayId)?.code ?? "",
      brand: card.brand,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
    })),
    paid: success
      ? {
          method: success.method,
          cardBrand: success.cardBrand,
          cardLast4: success.cardLast4,
          at: success.finishedAt ?? success.createdAt,
        }
      : null,
  };
}

/** The session a short link names, or null. */
export async function findSessionIdByShortCode(code: string): Promise<string | null> {
  if (!SHORT_CODE_PATTERN.test(code)) return null;
  const row = await prisma.checkoutSession.findUnique({
    where: { shortCode: code },
    select: { id: true },
  });
  return row?.id ?? null;
}

/** Where a paid session sends the customer: its order number and the merchant's redirect_url. */
export function getSessionRedirect(id: string) {
  return prisma.checkoutSession.findUniqueOrThrow({
    where: { id },
    select: { orderNo: true, redirectUrl: true },
  });
}
