import "server-only";
import { prisma } from "@/lib/db";
import { moneyFromDecimal, toDecimalString } from "@/lib/domain/money/money";
import {
  OPEN_STATES,
  type Operation,
  type OperationRequestState,
} from "@/lib/domain/operation-requests/lifecycle";
import { availableOperations, checkOperation } from "@/lib/domain/operation-requests/payment-rules";
import type { OutcomeFacts } from "@/lib/domain/operation-requests/wording";
import { toPaymentSnapshot } from "@/lib/domain/payments/payment-snapshot";

export type OpenOperationRequest = {
  id: string;
  operation: Operation;
  state: OperationRequestState;
};

/** What the payment page needs to offer Refund and Void. Amounts are decimal strings in the payment's currency. */
export type PaymentOperationState = {
  orderNo: string;
  /** "Sara Ali (sara@example.test)", or null when the payment has no customer. */
  customer: string | null;
  currency: string;
  /** The full amount: what a void releases. */
  amount: string;
  /** Captured less refunded: what a refund defaults to. */
  remainingAmount: string;
  openRequest: OpenOperationRequest | null;
  refund: OperationAvailability;
  void: OperationAvailability;
};

/** Whether the payment allows the operation now; `reason` says why not. Permissions are the caller's to add. */
export type OperationAvailability = { allowed: boolean; reason: string | null };

/**
 * The payment's open request (at most one: a partial unique index guarantees it) and which operations
 * its state allows. Null for refunds and voids themselves, and for ids that are not this merchant's.
 */
export async function getPaymentOperationState(
  merchantId: string,
  transactionId: string,
): Promise<PaymentOperationState | null> {
  const payment = await prisma.paymentTransaction.findFirst({
    where: { id: transactionId, merchantId, kind: "payment" },
    select: {
      orderNo: true,
      customer: { select: { name: true, email: true } },
      state: true,
      currency: true,
      amount: true,
      capturedAmount: true,
      refundedAmount: true,
      operationRequests: {
        where: { merchantId, state: { in: [...OPEN_STATES] } },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, operation: true, state: true },
      },
    },
  });
  if (!payment) return null;

  const snapshot = toPaymentSnapshot(payment);
  const amount = { minor: snapshot.amountMinor, currency: snapshot.currency };
  const openRequest = payment.operationRequests[0] ?? null;
  const available = availableOperations(snapshot, openRequest ?? undefined);
  const availability = (operation: Operation): OperationAvailability => {
    if (available[operation]) return { allowed: true, reason: null };
    const check = checkOperation({
      payment: snapshot,
      operation,
      openRequest: openRequest ?? undefined,
    });
    return { allowed: false, reason: check.ok ? null : check.message };
  };

  const customer = payment.customer;
  return {
    orderNo: payment.orderNo,
    customer: customer
      ? customer.email
        ? `${customer.name} (${customer.email})`
        : customer.name
      : null,
    currency: amount.currency,
    amount: toDecimalString(amount),
    remainingAmount: toDecimalString({
      minor: available.remainingMinor,
      currency: amount.currency,
    }),
    openRequest,
    refund: availability("refund"),
    void: availability("void"),
  };
}

/** Where a request stands right after an action, for the message (toast) the actor sees. */
export type OperationRequestOutcome = OutcomeFacts & { id: string };

export async function getOperationRequestOutcome(
  merchantId: string,
  requestId: string,
): Promise<OperationRequestOutcome> {
  const request = await prisma.operationRequest.findFirstOrThrow({
    where: { id: requestId, merchantId },
    select: {
      id: true,
      operation: true,
      state: true,
      amount: true,
      currency: true,
      deadlineAt: true,
      failureCode: true,
    },
  });
  return {
    id: request.id,
    operation: request.operation,
    state: request.state,
    amount: toDecimalString(moneyFromDecimal(request.amount, request.currency)),
    currency: request.currency,
    deadlineAt: request.deadlineAt?.toISOString() ?? null,
    failureCode: request.failureCode,
  };
}
