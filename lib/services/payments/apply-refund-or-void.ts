import "server-only";
import type { Operation } from "@prisma/client";
import type { Tx } from "@/lib/db";
import type { AuditActor } from "@/lib/domain/audit/actions";
import { type Money, toDecimalString } from "@/lib/domain/money/money";
import { applySuccessfulOperation } from "@/lib/domain/operation-requests/payment-rules";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import {
  postCardRefund,
  postCardVoid,
  recordCardPayment,
} from "@/lib/services/ledger/card-payments";
import { enqueueWebhookEvent } from "@/lib/services/webhooks/enqueue-webhook-event";
import { lockPayment } from "./lock-payment";

/**
 * The money movement of a refund or void the gateway has done: the payment's refunded amount and
 * state move, a child refund/void transaction records it, and the payment's audit row says so, all
 * in the caller's transaction, and the ledger posts it (a card refund or reversal process linked to
 * the payment's). Returns the child's id.
 */
export async function applyRefundOrVoid(
  tx: Tx,
  input: {
    merchantId: string;
    paymentId: string;
    operation: Operation;
    amount: Money;
    operationRequestId: string;
    auditActor: AuditActor;
  },
): Promise<string> {
  // The payment row is locked so that its amounts move from exactly what we read.
  const payment = await lockPayment(tx, input.merchantId, input.paymentId);
  if (!payment) throw new Error(`payment ${input.paymentId} is gone`);
  const { snapshot } = payment;
  // The payment as it stood, in the ledger first (a no-op once it is there).
  const paymentProcessId = await recordCardPayment(tx, payment.id);
  const after = applySuccessfulOperation(snapshot, input.operation, input.amount.minor);

  const child = await tx.paymentTransaction.create({
    data: {
      merchantId: input.merchantId,
      unitId: payment.unitId,
      customerId: payment.customerId,
      gatewayId: payment.gatewayId,
      kind: input.operation,
      parentId: payment.id,
      orderNo: payment.orderNo,
      amount: toDecimalString(input.amount),
      currency: snapshot.currency,
      capturedAmount: "0",
      state: input.operation === "refund" ? "refunded" : "voided",
    },
  });
  await tx.paymentTransaction.update({
    where: { id: payment.id },
    data: {
      state: after.state,
      refundedAmount: toDecimalString({ minor: after.refundedMinor, currency: snapshot.currency }),
    },
  });
  const gateway = await tx.paymentGateway.findUniqueOrThrow({
    where: { id: payment.gatewayId },
    select: { code: true },
  });
  const move = {
    merchantId: input.merchantId,
    paymentId: payment.id,
    gatewayCode: gateway.code,
    amount: input.amount,
    auditActor: input.auditActor,
    operationRequestId: input.operationRequestId,
  };
  const ledgerProcessId =
    input.operation === "refund"
      ? await postCardRefund(tx, paymentProcessId, move)
      : await postCardVoid(tx, paymentProcessId, move);
  await recordAuditEvent(tx, {
    actor: input.auditActor,
    merchantId: input.merchantId,
    entity: "payment_transaction",
    entityId: payment.id,
    action:
      input.operation === "refund" ? "payment_transaction.refunded" : "payment_transaction.voided",
    fromState: snapshot.state,
    toState: after.state,
    data: {
      amount: toDecimalString(input.amount),
      currency: snapshot.currency,
      operationRequestId: input.operationRequestId,
      ledgerProcessId,
    },
  });
  // The merchant's server hears of the money movement in the same transaction as it happens; the
  // operation request's own events say who asked and who decided.
  await enqueueWebhookEvent(tx, {
    merchantId: input.merchantId,
    type: input.operation === "refund" ? "refund.succeeded" : "void.succeeded",
    url: await sessionWebhookUrl(tx, payment.id),
    data: {
      payment_id: payment.id,
      session_id: payment.id,
      order_no: payment.orderNo,
      amount: toDecimalString(input.amount),
      currency_code: snapshot.currency,
      state: after.state,
      operation_request_id: input.operationRequestId,
      transaction_id: child.id,
    },
  });
  return child.id;
}

/** The checkout session's own webhook URL, when the payment was made through one. */
async function sessionWebhookUrl(tx: Tx, paymentId: string): Promise<string | null> {
  const session = await tx.checkoutSession.findUnique({
    where: { id: paymentId },
    select: { webhookUrl: true },
  });
  return session?.webhookUrl ?? null;
}
