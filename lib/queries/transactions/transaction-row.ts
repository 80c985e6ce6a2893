import "server-only";
import type { Prisma } from "@prisma/client";
import { money, subtractMoney, toDecimalString } from "@/lib/domain/money/money";
import { toPaymentSnapshot } from "@/lib/domain/payments/payment-snapshot";
import type { TransactionJson } from "@/lib/validation/transactions";

/** The columns every transaction listing reads: the row and the names it points at. */
export const TRANSACTION_ROW_SELECT = {
  id: true,
  orderNo: true,
  state: true,
  kind: true,
  amount: true,
  currency: true,
  capturedAmount: true,
  refundedAmount: true,
  parentId: true,
  createdAt: true,
  updatedAt: true,
  gateway: { select: { code: true, name: true } },
  unit: { select: { id: true, name: true } },
  customer: { select: { id: true, name: true, email: true, phone: true } },
} as const satisfies Prisma.PaymentTransactionSelect;

export type TransactionRow = Prisma.PaymentTransactionGetPayload<{
  select: typeof TRANSACTION_ROW_SELECT;
}>;

/** The JSON of one transaction: amounts as decimal strings with exactly the currency's decimals. */
export function toTransactionJson(row: TransactionRow): TransactionJson {
  const snapshot = toPaymentSnapshot(row);
  const amount = money(snapshot.amountMinor, snapshot.currency);
  const captured = money(snapshot.capturedMinor, snapshot.currency);
  const refunded = money(snapshot.refundedMinor, snapshot.currency);
  return {
    id: row.id,
    orderNo: row.orderNo,
    state: row.state,
    kind: row.kind,
    amount: toDecimalString(amount),
    currency: amount.currency,
    capturedAmount: toDecimalString(captured),
    refundedAmount: toDecimalString(refunded),
    remainingAmount: toDecimalString(subtractMoney(captured, refunded)),
    gateway: { code: row.gateway.code, name: row.gateway.name },
    unit: { id: row.unit.id, name: row.unit.name },
    customer: row.customer
      ? {
          id: row.customer.id,
          name: row.customer.name,
          email: row.customer.email,
          phone: row.customer.phone,
        }
      : null,
    parentId: row.parentId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
