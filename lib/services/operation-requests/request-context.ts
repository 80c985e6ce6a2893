import "server-only";
import type { OperationRequest } from "@prisma/client";
import type { Tx } from "@/lib/db";
import type { AuditActor } from "@/lib/domain/audit/actions";
import {
  DEFAULT_EXPIRY_SETTINGS,
  type ExpirySettings,
} from "@/lib/domain/operation-requests/deadlines";
import type { Refusal } from "@/lib/domain/operation-requests/refusals";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { enqueueOperationRequestEvent } from "@/lib/services/webhooks/operation-request-events";
import { isUuid } from "@/lib/validation/ids";

/** Shared steps of the operation-request use cases; each use case keeps its own file. */

/** The request, if it belongs to the merchant. Anything else, a malformed id included, is "not found". */
export async function getRequestOrThrow(
  tx: Tx,
  merchantId: string,
  id: string,
): Promise<OperationRequest> {
  const request = isUuid(id)
    ? await tx.operationRequest.findFirst({ where: { id, merchantId } })
    : null;
  if (!request) throw new AppError("not_found", "Operation request not found.");
  return request;
}

export function refusalError(refusal: Refusal): AppError {
  return new AppError(refusal.code, refusal.message);
}

export async function loadExpirySettings(tx: Tx, merchantId: string): Promise<ExpirySettings> {
  const settings = await tx.operationsApprovalSettings.findUnique({ where: { merchantId } });
  return settings
    ? {
        manualActionExpiryHours: settings.manualActionExpiryHours,
        pendingExpiryHours: settings.pendingExpiryHours,
      }
    : DEFAULT_EXPIRY_SETTINGS;
}

/**
 * Moves an overdue request to expired, if it is still in the state we read and nobody is executing
 * it. Returns whether this call did it (false: someone else got there first).
 */
export async function expireRequest(
  tx: Tx,
  request: OperationRequest,
  actor: AuditActor,
  now: Date,
): Promise<boolean> {
  const { count } = await tx.operationRequest.updateMany({
    where: { id: request.id, state: request.state, deadlineAt: { lte: now }, executingSince: null },
    data: { state: "expired", deadlineAt: null },
  });
  if (count === 0) return false;
  await recordAuditEvent(tx, {
    actor,
    merchantId: request.merchantId,
    entity: "operation_request",
    entityId: request.id,
    action: "operation_request.expired",
    fromState: request.state,
    toState: "expired",
    data: { deadlineAt: request.deadlineAt?.toISOString() ?? null },
  });
  await enqueueOperationRequestEvent(tx, "operation_request.expired", request, "expired");
  return true;
}

/** Prisma's unique-violation error, from either the client or a raw query. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; meta?: { code?: string }; message?: string } | null;
  return (
    candidate?.code === "P2002" ||
    candidate?.meta?.code === "23505" ||
    /23505|unique constraint/i.test(candidate?.message ?? "")
  );
}
