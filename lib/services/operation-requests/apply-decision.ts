import "server-only";
import type { OperationRequest, Prisma } from "@prisma/client";
import { prisma, type Tx } from "@/lib/db";
import type { AuditAction } from "@/lib/domain/audit/actions";
import { actorOf, decisionActorOf, type Principal } from "@/lib/domain/auth/principal";
import { decide, isRequestOverdue } from "@/lib/domain/operation-requests/lifecycle";
import type { RequestAction } from "@/lib/domain/policies/operation-requests";
import { kickEmailDelivery } from "@/lib/email/outbox";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { kickWebhookDelivery } from "@/lib/services/webhooks/enqueue-webhook-event";
import { enqueueOperationRequestEvent } from "@/lib/services/webhooks/operation-request-events";
import { expireRequest, getRequestOrThrow, refusalError } from "./request-context";

/** The webhook each decision announces; a retry is announced by the execution's outcome. */
const WEBHOOK_EVENTS = {
  approve: "operation_request.approved",
  reject: "operation_request.rejected",
  cancel: "operation_request.canceled",
  retry: null,
} as const satisfies Record<RequestAction, string | null>;

const AUDIT_ACTIONS: Record<RequestAction, AuditAction> = {
  approve: "operation_request.approved",
  reject: "operation_request.rejected",
  cancel: "operation_request.canceled",
  retry: "operation_request.retry_requested",
};

type Options = {
  reason?: string;
  /** More conditions the request must meet for the move to happen (besides being in the state read). */
  where?: Prisma.OperationRequestWhereInput;
  /** The refusal when those conditions, not the state, stopped the move. */
  busyMessage?: string;
  /** Columns written beside the state (who decided, the rejection reason). */
  data?: (
    decision: { reason?: string },
    now: Date,
  ) => Prisma.OperationRequestUpdateManyMutationInput;
  /** Emails to queue in the same transaction; returns outbox ids. */
  emails?: (tx: Tx, request: OperationRequest, decision: { reason?: string }) => Promise<string[]>;
};

/**
 * One person's decision on a request (approve, reject, cancel, retry): the domain decides, then a
 * conditional update moves the request only if it is still in the state we read, with its audit
 * row and emails in the same transaction. An overdue request is expired first and the action is
 * refused with "This request has expired.".
 */
export async function applyDecision(
  principal: Principal,
  id: string,
  event: RequestAction,
  options: Options = {},
): Promise<void> {
  const auditActor = actorOf(principal);
  const outcome = await prisma.$transaction(async (tx) => {
    const now = new Date();
    const request = await getRequestOrThrow(tx, principal.merchantId, id);
    const decision = decide(request, event, decisionActorOf(principal), now, {
      reason: options.reason,
    });
    if (!decision.ok) {
      if (decision.code === "request_expired" && isRequestOverdue(request, now)) {
        await expireRequest(tx, request, auditActor, now);
        return { refusal: decision, emailIds: [] };
      }
      throw refusalError(decision);
    }
    const { count } = await tx.operationRequest.updateMany({
      where: { id: request.id, state: request.state, ...options.where },
      data: { state: decision.next, ...options.data?.(decision, now) },
    });
    if (count === 0) {
      // Someone else moved it first: answer as the domain would for its state now.
      const current = await getRequestOrThrow(tx, principal.merchantId, id);
      const again = decide(current, event, decisionActorOf(principal), now, {
        reason: options.reason,
      });
      const message =
        options.busyMessage ?? "This request changed while you acted on it; try again.";
      throw again.ok
        ? refusalError({ ok: false, code: "invalid_state", message })
        : refusalError(again);
    }
    await recordAuditEvent(tx, {
      actor: auditActor,
      merchantId: request.merchantId,
      entity: "operation_request",
      entityId: request.id,
      action: AUDIT_ACTIONS[event],
      fromState: request.state,
      toState: decision.next,
      data: decision.reason ? { reason: decision.reason } : {},
    });
    const webhook = WEBHOOK_EVENTS[event];
    if (webhook)
      await enqueueOperationRequestEvent(tx, webhook, request, decision.next, {
        ...(decision.reason ? { decisionReason: decision.reason } : {}),
      });
    return { refusal: null, emailIds: (await options.emails?.(tx, request, decision)) ?? [] };
  });
  // The expiry is committed; only then is the action refused.
  if (outcome.refusal) throw refusalError(outcome.refusal);
  kickEmailDelivery(outcome.emailIds);
  kickWebhookDelivery();
}
