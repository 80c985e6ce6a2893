import "server-only";
import type { OperationRequest } from "@prisma/client";
import { config } from "@/lib/config";
import { prisma, type Tx } from "@/lib/db";
import { formatMoney, moneyFromDecimal, toDecimalString } from "@/lib/domain/money/money";
import { nextDeadline } from "@/lib/domain/operation-requests/deadlines";
import { decide } from "@/lib/domain/operation-requests/lifecycle";
import {
  applySuccessfulOperation,
  type PaymentState,
} from "@/lib/domain/operation-requests/payment-rules";
import { kickEmailDelivery, queueEmail } from "@/lib/email/outbox";
import { manualActionRequiredEmail } from "@/lib/email/templates/manual-action-required";
import { operationDoneEmail } from "@/lib/email/templates/operation-done";
import { gatewayFor } from "@/lib/gateways";
import type { GatewayResult } from "@/lib/gateways/port";
import { logger } from "@/lib/log";
import { type Actor, recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { loadExpirySettings } from "./request-context";

/** A claim older than this is taken to belong to a process that died mid-call. */
export const STALE_CLAIM_SECONDS = 120;

/**
 * Runs an approved (or manual-action) request against its gateway: claim it, call the gateway
 * outside any transaction, then record the attempt and the outcome in one transaction. The claim is
 * a conditional update, so double clicks, parallel approvals and retries call the gateway once.
 */
export async function executeOperationRequest(
  id: string,
  actor: Actor,
  options: { claimedAt?: Date } = {},
): Promise<void> {
  // A retry claims in its own transition; everyone else claims here.
  const claimedAt = options.claimedAt ?? (await claim(id));
  if (!claimedAt) return;

  const request = await prisma.operationRequest.findUniqueOrThrow({
    where: { id },
    include: { gateway: true, transaction: true },
  });
  const operation = request.operation;
  const started = performance.now();
  let result: GatewayResult;
  try {
    const gateway = gatewayFor(request.gateway.code);
    const input = {
      merchantId: request.merchantId,
      gatewayCode: request.gateway.code,
      paymentId: request.transactionId,
      amount: toDecimalString(moneyFromDecimal(request.amount, request.currency)),
      currency: request.currency,
      idempotencyKey: request.gatewayKey,
    };
    result = operation === "refund" ? await gateway.refund(input) : await gateway.void(input);
  } catch (error) {
    logger.error({ err: error, requestId: id }, "gateway adapter failed");
    result = {
      outcome: "error",
      code: "adapter_error",
      message: "The gateway adapter failed unexpectedly.",
      reference: null,
    };
  }
  const durationMs = Math.round(performance.now() - started);

  const emailIds = await prisma.$transaction(async (tx) => {
    await tx.gatewayAttempt.create({
      data: {
        requestId: id,
        actorId: actor.userId,
        outcome: result.outcome,
        code: result.code,
        message: result.message,
        reference: result.reference,
        durationMs,
      },
    });
    return result.outcome === "succeeded"
      ? recordSuccess(tx, request, claimedAt, actor, result)
      : recordFailure(tx, request, claimedAt, actor, result);
  });
  kickEmailDelivery(emailIds);
}

async function claim(id: string): Promise<Date | null> {
  const rows = await prisma.$queryRaw<{ executing_since: Date }[]>`
    UPDATE operation_request SET executing_since = clock_timestamp()
    WHERE id = ${id}::uuid
      AND state IN ('approved', 'manual_action_required')
      AND (executing_since IS NULL OR executing_since < clock_timestamp() - make_interval(secs => ${STALE_CLAIM_SECONDS}))
    RETURNING executing_since`;
  return rows[0]?.executing_since ?? null;
}

type LoadedRequest = OperationRequest & {
  transaction: { orderNo: string; unitId: string; customerId: string | null };
};

async function recordSuccess(
  tx: Tx,
  request: LoadedRequest,
  claimedAt: Date,
  actor: Actor,
  result: GatewayResult,
): Promise<string[]> {
  const now = new Date();
  const decision = decide(request, "execute_succeeded", systemDomainActor, now);
  if (!decision.ok) return release(tx, request.id, claimedAt);

  // The payment row is locked so that its amounts move from exactly what we read.
  const [payment] = await tx.$queryRaw<
    {
      state: PaymentState;
      amount: string;
      captured_amount: string;
      refunded_amount: string;
      currency: string;
    }[]
  >`
    SELECT state, amount::text, captured_amount::text, refunded_amount::text, currency
    FROM payment_transaction WHERE id = ${request.transactionId}::uuid FOR UPDATE`;
  const currency = payment.currency;
  const snapshot = {
    state: payment.state,
    currency: moneyFromDecimal(payment.amount, currency).currency,
    amountMinor: moneyFromDecimal(payment.amount, currency).minor,
    capturedMinor: moneyFromDecimal(payment.captured_amount, currency).minor,
    refundedMinor: moneyFromDecimal(payment.refunded_amount, currency).minor,
  };
  const amount = moneyFromDecimal(request.amount, request.currency);
  const after = applySuccessfulOperation(snapshot, request.operation, amount.minor);

  const child = await tx.paymentTransaction.create({
    data: {
      merchantId: request.merchantId,
      unitId: request.transaction.unitId,
      customerId: request.transaction.customerId,
      gatewayId: request.gatewayId,
      kind: request.operation,
      parentId: request.transactionId,
      orderNo: request.transaction.orderNo,
      amount: toDecimalString(amount),
      currency,
      capturedAmount: "0",
      state: request.operation === "refund" ? "refunded" : "voided",
    },
  });
  await tx.paymentTransaction.update({
    where: { id: request.transactionId },
    data: {
      state: after.state,
      refundedAmount: toDecimalString({ minor: after.refundedMinor, currency: snapshot.currency }),
    },
  });
  const { count } = await tx.operationRequest.updateMany({
    where: { id: request.id, state: request.state, executingSince: claimedAt },
    data: {
      state: "done",
      executingSince: null,
      deadlineAt: null,
      failureCode: null,
      failureMessage: null,
      resultTransactionId: child.id,
    },
  });
  if (count === 0)
    throw new Error(`operation request ${request.id} changed while it was executing`);

  await recordAuditEvent(tx, {
    actor,
    merchantId: request.merchantId,
    entity: "operation_request",
    entityId: request.id,
    action: "operation_request.done",
    fromState: request.state,
    toState: "done",
    data: { reference: result.reference, resultTransactionId: child.id },
  });
  await recordAuditEvent(tx, {
    actor,
    merchantId: request.merchantId,
    entity: "payment_transaction",
    entityId: request.transactionId,
    action: `payment_transaction.${request.operation === "refund" ? "refunded" : "voided"}`,
    fromState: payment.state,
    toState: after.state,
    data: { amount: toDecimalString(amount), currency, operationRequestId: request.id },
  });
  return queueDoneEmail(tx, request, formatMoney(amount));
}

async function queueDoneEmail(tx: Tx, request: LoadedRequest, amount: string): Promise<string[]> {
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

async function recordFailure(
  tx: Tx,
  request: LoadedRequest,
  claimedAt: Date,
  actor: Actor,
  result: GatewayResult,
): Promise<string[]> {
  const now = new Date();
  const decision = decide(request, "execute_failed", systemDomainActor, now);
  if (!decision.ok) return release(tx, request.id, claimedAt);
  const settings = await loadExpirySettings(tx, request.merchantId);
  const deadlineAt = nextDeadline(request, decision.next, settings, now);
  const { count } = await tx.operationRequest.updateMany({
    where: { id: request.id, state: request.state, executingSince: claimedAt },
    data: {
      state: decision.next,
      executingSince: null,
      deadlineAt,
      failureCode: result.code,
      failureMessage: result.message,
    },
  });
  if (count === 0)
    throw new Error(`operation request ${request.id} changed while it was executing`);
  await recordAuditEvent(tx, {
    actor,
    merchantId: request.merchantId,
    entity: "operation_request",
    entityId: request.id,
    action: "operation_request.execution_failed",
    fromState: request.state,
    toState: decision.next,
    data: {
      outcome: result.outcome,
      code: result.code,
      message: result.message,
      deadlineAt: deadlineAt?.toISOString() ?? null,
    },
  });
  // The maker hears once, when the request first needs manual action; failed retries keep the deadline.
  if (request.state !== "approved" || !deadlineAt) return [];
  const maker = await tx.user.findUniqueOrThrow({ where: { id: request.submittedById } });
  const email = manualActionRequiredEmail({
    operation: request.operation,
    amount: formatMoney(moneyFromDecimal(request.amount, request.currency)),
    orderNo: request.transaction.orderNo,
    failureMessage: result.message || result.code,
    deadline: deadlineAt,
    link: `${appUrl()}/tickets/operation-requests/${request.id}`,
  });
  return [
    await queueEmail(tx, {
      merchantId: request.merchantId,
      kind: "operation_request.manual_action_required",
      to: [maker.email],
      ...email,
      entityId: request.id,
    }),
  ];
}

async function release(tx: Tx, id: string, claimedAt: Date): Promise<string[]> {
  await tx.operationRequest.updateMany({
    where: { id, executingSince: claimedAt },
    data: { executingSince: null },
  });
  return [];
}

/** Gateway outcomes are facts, recorded whoever triggered the call. */
const systemDomainActor = { userId: "system", isChecker: false, permissions: [] as string[] };

export function appUrl(): string {
  return config().appUrl;
}
