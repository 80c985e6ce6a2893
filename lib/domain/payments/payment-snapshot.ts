import type { CurrencyCode } from "@/lib/domain/money/currency";
import { type DecimalLike, moneyFromDecimal } from "@/lib/domain/money/money";

/** Mirrors the TransactionState enum of the database. */
export const PAYMENT_STATES = [
  "created",
  "pending",
  "attempted",
  "authorized",
  "paid",
  "failed",
  "canceled",
  "expired",
  "voided",
  "refunded",
  "partially_refunded",
] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** A payment's amounts as the rules read them: all in the currency's minor units. */
export type PaymentSnapshot = {
  readonly state: PaymentState;
  readonly currency: CurrencyCode;
  readonly amountMinor: bigint;
  readonly capturedMinor: bigint;
  readonly refundedMinor: bigint;
};

/** A payment row's amount columns, as Prisma returns them (Decimal) or raw SQL's text. */
export type PaymentAmounts = {
  readonly state: PaymentState;
  readonly currency: string;
  readonly amount: DecimalLike | string;
  readonly capturedAmount: DecimalLike | string;
  readonly refundedAmount: DecimalLike | string;
};

/**
 * The one conversion from stored decimals to a snapshot: every reader and writer of a payment's
 * amounts goes through here. Throws if a stored amount breaks its currency (a broken invariant:
 * CHECK constraints keep it from happening).
 */
export function toPaymentSnapshot(row: PaymentAmounts): PaymentSnapshot {
  const amount = moneyFromDecimal(row.amount, row.currency);
  return {
    state: row.state,
    currency: amount.currency,
    amountMinor: amount.minor,
    capturedMinor: moneyFromDecimal(row.capturedAmount, row.currency).minor,
    refundedMinor: moneyFromDecimal(row.refundedAmount, row.currency).minor,
  };
}
