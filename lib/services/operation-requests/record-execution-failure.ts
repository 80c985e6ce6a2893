import "server-only";
import { config } from "@/lib/config";
import type { Tx } from "@/lib/db";
import type { AuditActor } from "@/lib/domain/audit/actions";
import { formatMoney, moneyFromDecimal } from "@/lib/domain/money/money";
import { nextDeadline } from "@/lib/domain/operation-requests/deadlines";
import { decide } from "@/lib/domain/operation-requests/lifecycle";
import { queueEmail } from "@/lib/email/outbox";
import { manualActionRequiredEmail } from "@/lib/email/templates/manual-action-required";
import type { GatewayResult } from "@/lib/gateways/port";
import { finishExecution, releaseExecution } from "./claim-execution";
import { type ExecutingRequest, GATEWAY_OUTCOME_DECIDER } from "./executing-request";
import { loadExpirySettings } from "./request-context";

/**
 * The gateway declined, failed or timed out: the request needs manual action, with a deadline the
 * first time, and the maker hears once. Returns the outbox ids to deliver after commit.
 */
export async function recordExecutionFailure(
  tx: Tx,
  request: ExecutingRequest,
  claimedAt: Date,
  auditActor: AuditActor,
  result: GatewayResult,
): Promise<string[]> {
  const now = new Date();
  const decision = decide(request, "execute_failed", GATEWAY_OUTCOME_DECIDER, now);
  if (!decision.ok) return releaseExecution(tx, request.id, claimedAt);
  const settings = await loadExpirySettings(tx, request.merchantId);
  const deadlineAt = nextDeadline(request, decision.next, settings, now);
  await finishExecution(tx, request, claimedAt, {
    next: decision.next,
    data: { deadlineAt, failureCode: result.code, failureMessage: result.message },
    auditActor,
    action: "operation_request.execution_failed",
    auditData: {
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
    link: `${config().appUrl}/tickets/operation-requests/${request.id}`,
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
