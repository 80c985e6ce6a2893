import "server-only";
import { prisma } from "@/lib/db";
import type { AuditActor } from "@/lib/domain/audit/actions";
import { moneyFromDecimal, toDecimalString } from "@/lib/domain/money/money";
import { kickEmailDelivery } from "@/lib/email/outbox";
import { gatewayFor } from "@/lib/gateways";
import type { GatewayResult } from "@/lib/gateways/port";
import { logger } from "@/lib/log";
import { kickWebhookDelivery } from "@/lib/services/webhooks/enqueue-webhook-event";
import { claimExecution } from "./claim-execution";
import type { ExecutingRequest } from "./executing-request";
import { recordExecutionFailure } from "./record-execution-failure";
import { recordExecutionSuccess } from "./record-execution-success";

/**
 * Runs an approved (or manual-action) request against its gateway: claim it (claim-execution.ts),
 * call the gateway outside any transaction, then record the attempt and the outcome in one
 * transaction (record-execution-success.ts / record-execution-failure.ts).
 */
export async function executeOperationRequest(
  id: string,
  auditActor: AuditActor,
  options: { claimedAt?: Date } = {},
): Promise<void> {
  // A retry claims in its own transition; everyone else claims here.
  const claimedAt = options.claimedAt ?? (await claimExecution(id));
  if (!claimedAt) return;

  const request = await prisma.operationRequest.findUniqueOrThrow({
    where: { id },
    include: { gateway: true, transaction: true },
  });
  const started = performance.now();
  const result = await callGateway(request);
  const durationMs = Math.round(performance.now() - started);

  const emailIds = await prisma.$transaction(async (tx) => {
    await tx.gatewayAttempt.create({
      data: {
        requestId: id,
        actorId: auditActor.userId,
        outcome: result.outcome,
        code: result.code,
        message: result.message,
        reference: result.reference,
        durationMs,
      },
    });
    return result.outcome === "succeeded"
      ? recordExecutionSuccess(tx, request, claimedAt, auditActor, result)
      : recordExecutionFailure(tx, request, claimedAt, auditActor, result);
  });
  kickEmailDelivery(emailIds);
  kickWebhookDelivery();
}

/** The gateway's answer; an adapter that throws is an error outcome like any other. */
async function callGateway(
  request: ExecutingRequest & { gateway: { code: string } },
): Promise<GatewayResult> {
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
    return request.operation === "refund" ? await gateway.refund(input) : await gateway.void(input);
  } catch (error) {
    logger.error({ err: error, requestId: request.id }, "gateway adapter failed");
    return {
      outcome: "error",
      code: "adapter_error",
      message: "The gateway adapter failed unexpectedly.",
      reference: null,
    };
  }
}
