import "server-only";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManagePlugin } from "@/lib/domain/policies/administration";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";

/**
 * Makes one active member the merchant's checker (or nobody, with null). There is one settings row
 * per merchant, so there is exactly one checker; a foreign key and a trigger keep them an active member.
 */
export async function assignChecker(principal: Principal, userId: string | null): Promise<void> {
  authorize(principal, mayManagePlugin);
  await prisma.$transaction(async (tx) => {
    if (userId) {
      const membership = await tx.membership.findUnique({
        where: { userId_merchantId: { userId, merchantId: principal.merchantId } },
      });
      if (!membership?.active)
        throw new AppError(
          "validation_error",
          "The checker must be an active member of this merchant.",
        );
    }
    const before = await tx.operationsApprovalSettings.findUnique({
      where: { merchantId: principal.merchantId },
    });
    await tx.operationsApprovalSettings.upsert({
      where: { merchantId: principal.merchantId },
      create: { merchantId: principal.merchantId, checkerUserId: userId },
      update: { checkerUserId: userId },
    });
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId: principal.merchantId,
      entity: "operations_approval_settings",
      entityId: principal.merchantId,
      action: "operations_approval.checker_assigned",
      data: { before: before?.checkerUserId ?? null, after: userId },
    });
  });
}
