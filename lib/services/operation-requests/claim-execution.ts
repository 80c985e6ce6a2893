import "server-only";
import type { OperationRequestState, Prisma } from "@prisma/client";
import { prisma, type Tx } from "@/lib/db";
import type { AuditAction, AuditActor } from "@/lib/domain/audit/actions";
import { EXECUTABLE_STATES } from "@/lib/domain/operation-requests/lifecycle";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { enqueueOperationRequestEvent } from "@/lib/services/webhooks/operation-request-events";
import type { ExecutingRequest } from "./executing-request";

/** A claim older than this is taken to belong to a process that died mid-call. */
export const STALE_CLAIM_SECONDS = 120;

/**
 * Marks the request as being executed, if it may be run and nobody else is running it: a
 * conditional update, so double clicks, parallel approvals and retries call the gateway once.
 * Returns the claim's time (the token the outcome is recorded against), or null.
 */
export async function claimExecution(id: string): Promise<Date | null> {
  const rows = await prisma.$queryRaw<{ executing_since: Date }[]>`
    UPDATE operation_request SET executing_since = clock_timestamp()
    WHERE id = ${id}::uuid
      AND state = ANY(${[...EXECUTABLE_STATES]}::"OperationRequestState"[])
      AND (executing_since IS NULL OR executing_since < clock_timestamp() - make_interval(secs => ${STALE_CLAIM_SECONDS}))
    RETURNING executing_since`;
  return rows[0]?.executing_since ?? null;
}

/** Gives the claim up without recording an outcome (the request moved on while the gateway ran). */
export async function releaseExecution(tx: Tx, id: string, claimedAt: Date): Promise<string[]> {
  await tx.operationRequest.updateMany({
    where: { id, executingSince: claimedAt },
    data: { executingSince: null },
  });
  return [];
}

/**
 * Records the gateway's outcome against the claim: one conditional update (the request must still
 * be in the state it was claimed in, under this claim) and its audit row, in the caller's
 * transaction. A lost claim is a bug in the claim protocol, so it throws and rolls back.
 */
export async function finishExecution(
  tx: Tx,
  request: ExecutingRequest,
  claimedAt: Date,
  outcome: {
    next: OperationRequestState;
    data: Omit<Prisma.OperationRequestUncheckedUpdateManyInput, "state" | "executingSince">;
    auditActor: AuditActor;
    action: AuditAction;
    auditData: Prisma.InputJsonObject;
  },
): Promise<void> {
  const { count } = await tx.operationRequest.updateMany({
    where: { id: request.id, state: request.state, executingSince: claimedAt },
    data: { ...outcome.data, state: outcome.next, executingSince: null },
  });
  if (count === 0)
    throw new Error(`operation request ${request.id} changed while it was executing`);
  await recordAuditEvent(tx, {
    actor: outcome.auditActor,
    merchantId: request.merchantId,
    entity: "operation_request",
    entityId: request.id,
    action: outcome.action,
    fromState: request.state,
    toState: outcome.next,
    data: outcome.auditData,
  });
  // The gateway's outcome is the request's last word (done) or a call for a person (manual action).
  if (outcome.next === "done" || outcome.next === "manual_action_required")
    await enqueueOperationRequestEvent(
      tx,
      outcome.next === "done"
        ? "operation_request.done"
        : "operation_request.manual_action_required",
      request,
      outcome.next,
      outcome.next === "done"
        ? { refundOrVoidId: outcome.data.resultTransactionId ?? null }
        : {
            failureCode: outcome.data.failureCode ?? null,
            failureMessage: outcome.data.failureMessage ?? null,
          },
    );
}
