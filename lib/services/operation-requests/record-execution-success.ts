import "server-only";
import type { Tx } from "@/lib/db";
import type { AuditActor } from "@/lib/domain/audit/actions";
import { formatMoney, moneyFromDecimal } from "@/lib/domain/money/money";
import { decide } from "@/lib/domain/operation-requests/lifecycle";
import { queueEmail } from "@/lib/email/outbox";
import { operationDoneEmail } from "@/lib/email/templates/operation-done";
import type { GatewayResult } from "@/lib/gateways/port";
import { applyRefundOrVoid } from "@/lib/services/payments/apply-refund-or-void";
import { finishExecution, releaseExecution } from "./claim-execution";
import { type ExecutingRequest, GATEWAY_OUTCOME_DECIDER } from "./executing-request";

/**
 * The gateway moved the money: the payment moves with it (applyRefundOrVoid), the request is done
 * if it is still ours (the claim), and the customer hears, all in the caller's transaction.
 * Returns the outbox ids to deliver after commit.
 */
export async function recordExecutionSuccess(
  tx: Tx,
  request: ExecutingRequest,
  claimedAt: Date,
  auditActor: AuditActor,
  result: GatewayResult,
): Promise<string[]> {
  const now = new Date();
  const decision = decide(request, "execute_succeeded", GATEWAY_OUTCOME_DECIDER, now);
  if (!decision.ok) return releaseExecution(tx, request.id, claimedAt);

  const amount = moneyFromDecimal(request.amount, request.currency);
  const resultTransactionId = await applyRefundOrVoid(tx, {
    merchantId: request.merchantId,
    paymentId: request.transactionId,
    operation: request.operation,
    amount,
    operationRequestId: request.id,
    auditActor,
  });
  await finishExecution(tx, request, claimedAt, {
    next: "done",
    data: { deadlineAt: null, failureCode: null, failureMessage: null, resultTransactionId },
    auditActor,
    action: "operation_request.done",
    auditData: { reference: result.reference, resultTransactionId },
  });
  return queueDoneEmail(tx, request, formatMoney(amount));
}

async function queueDoneEmail(
  tx: Tx,
  request: ExecutingRequest,
  amount: string,
): Promise<string[]> {
  const [customer, unit, maker, merchant] = await Promise.all([
    request.transaction.customerId
      ? tx.customer.findUnique({ where: { id: request.transaction.customerId } })
      : null,
    tx.unit.findUniqueOrThrow({ where: { id: request.transaction.unitId } }),
    tx.user.findUniqueOrThrow({ where: { id: request.submittedById } }),
    tx.merchant.findUniqueOrThrow({ where: { id: request.merchantId } }),
  ]);
  const bcc = unit.bccInitiator ? [maker.email] : [];
  const to = customer?.email ? [customer.email] : bcc;
  if (to.length === 0) return [];
  const email = operationDoneEmail({
    operation: request.operation,
    amount,
    orderNo: request.transaction.orderNo,
    merchantName: merchant.name,
    customerName: customer?.name ?? null,
  });
  const id = await queueEmail(tx, {
    merchantId: request.merchantId,
    kind: "operation_request.done",
    to,
    bcc: customer?.email ? bcc : [],
    ...email,
    entityId: request.id,
  });
  return [id];
}
