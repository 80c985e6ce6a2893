import "server-only";
import type { Operation } from "@prisma/client";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManageWhitelist } from "@/lib/domain/policies/administration";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";

/** The checker or an admin lists the operations a member performs directly, without approval. */
export async function setWhitelist(
  principal: Principal,
  userId: string,
  operations: Operation[],
): Promise<void> {
  authorize(principal, mayManageWhitelist);
  const wanted = [...new Set(operations)].sort();
  await prisma.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_merchantId: { userId, merchantId: principal.merchantId } },
    });
    if (!membership?.active) throw new AppError("not_found", "Member not found.");
    const before = (
      await tx.operationWhitelistEntry.findMany({
        where: { merchantId: principal.merchantId, userId },
      })
    )
      .map((e) => e.operation)
      .sort();
    await tx.operationWhitelistEntry.deleteMany({
      where: { merchantId: principal.merchantId, userId },
    });
    if (wanted.length > 0) {
      await tx.operationWhitelistEntry.createMany({
        data: wanted.map((operation) => ({ merchantId: principal.merchantId, userId, operation })),
      });
    }
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId: principal.merchantId,
      entity: "operation_whitelist",
      entityId: userId,
      action: "operations_approval.whitelist_changed",
      data: { before, after: wanted },
    });
  });
}
