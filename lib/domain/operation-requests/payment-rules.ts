import type { PaymentSnapshot, PaymentState } from "@/lib/domain/payments/payment-snapshot";
import { formatMoney } from "../money/money";
import { type Operation, operationPendingMessage } from "./operations";
import { type Refusal, refuse } from "./refusals";

export {
  PAYMENT_STATES,
  type PaymentSnapshot,
  type PaymentState,
} from "@/lib/domain/payments/payment-snapshot";

export type OperationCheck = { ok: true; amountMinor: bigint } | Refusal;

/**
 * Whether `operation` may be requested on this payment now, and for how much. The open-request check
 * gives the good message; the partial unique index on open requests is what guarantees it.
 */
export function checkOperation(input: {
  payment: PaymentSnapshot;
  operation: Operation;
  /** Absent means "the whole of what is possible". */
  requestedMinor?: bigint;
  openRequest?: { readonly operation: Operation };
}): OperationCheck {
  const { payment, operation, requestedMinor, openRequest } = input;
  if (openRequest) {
    return refuse("operation_pending", operationPendingMessage(openRequest.operation));
  }
  return operation === "void"
    ? checkVoid(payment, requestedMinor)
    : checkRefund(payment, requestedMinor);
}

/** What a done request does to its payment. Throws if the refund was never possible: a broken invariant. */
export function applySuccessfulOperation(
  payment: PaymentSnapshot,
  operation: Operation,
  amountMinor: bigint,
): { refundedMinor: bigint; state: PaymentState } {
  if (operation === "void") return { refundedMinor: payment.refundedMinor, state: "voided" };
  const refundedMinor = payment.refundedMinor + amountMinor;
  if (amountMinor <= 0n || refundedMinor > payment.capturedMinor) {
    throw new Error(
      `Cannot refund ${amountMinor} of ${payment.capturedMinor - payment.refundedMinor} remaining`,
    );
  }
  return {
    refundedMinor,
    state: refundedMinor === payment.capturedMinor ? "refunded" : "partially_refunded",
  };
}

/** For enabling buttons and prefilling the refund amount; the server still runs checkOperation. */
export function availableOperations(
  payment: PaymentSnapshot,
  openRequest?: { readonly operation: Operation },
): { refund: boolean; void: boolean; remainingMinor: bigint } {
  return {
    refund: checkOperation({ payment, operation: "refund", openRequest }).ok,
    void: checkOperation({ payment, operation: "void", openRequest }).ok,
    remainingMinor: remainingMinor(payment),
  };
}

/**
 * A void releases the whole authorization, so it takes no amount of its own. A different amount is
 * refused as invalid input (validation_error) rather than silently replaced by the full one.
 */
function checkVoid(payment: PaymentSnapshot, requestedMinor: bigint | undefined): OperationCheck {
  if (payment.state !== "authorized" || payment.capturedMinor !== 0n) {
    const why =
      payment.state === "authorized"
        ? "has already been captured"
        : `is ${stateWords(payment.state)}`;
    return refuse(
      "operation_not_allowed",
      `Only an authorized, uncaptured payment can be voided; this one ${why}.`,
    );
  }
  if (requestedMinor !== undefined && requestedMinor !== payment.amountMinor) {
    const full = formatMoney({ minor: payment.amountMinor, currency: payment.currency });
    return refuse(
      "validation_error",
      `A void always covers the full ${full}; leave the amount empty.`,
    );
  }
  return { ok: true, amountMinor: payment.amountMinor };
}

function checkRefund(payment: PaymentSnapshot, requestedMinor: bigint | undefined): OperationCheck {
  const remaining = remainingMinor(payment);
  if (!isRefundable(payment.state) && payment.state !== "refunded") {
    return refuse(
      "operation_not_allowed",
      `Only a paid or partially refunded payment can be refunded; this one is ${stateWords(payment.state)}.`,
    );
  }
  // A fully refunded payment is told why it cannot be refunded, not merely that its state is wrong.
  if (payment.state === "refunded" || remaining <= 0n) {
    return refuse("operation_not_allowed", "This payment has nothing left to refund.");
  }
  if (requestedMinor === undefined) return { ok: true, amountMinor: remaining };
  if (requestedMinor <= 0n)
    return refuse("validation_error", "The refund amount must be greater than zero.");
  if (requestedMinor > remaining) {
    const left = formatMoney({ minor: remaining, currency: payment.currency });
    return refuse(
      "amount_exceeds_remaining",
      `The refund amount is more than the ${left} left to refund.`,
    );
  }
  return { ok: true, amountMinor: requestedMinor };
}

function isRefundable(state: PaymentState): boolean {
  return state === "paid" || state === "partially_refunded";
}

function remainingMinor(payment: PaymentSnapshot): bigint {
  return payment.capturedMinor - payment.refundedMinor;
}

function stateWords(state: PaymentState): string {
  return state.replaceAll("_", " ");
}
