import "server-only";
import type { Operation } from "@prisma/client";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { OPERATION_PERMISSION } from "@/lib/domain/operation-requests/operations";
import { whitelistableOperations } from "@/lib/domain/operation-requests/whitelist";
import { mayManageWhitelist } from "@/lib/domain/policies/administration";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";

export type WhitelistEntry = { userId: string; operations: Operation[] };

/** The checker or an admin lists the operations a member performs directly, without approval. */
export async function setWhitelist(
  principal: Principal,
  userId: string,
  operations: Operation[],
): Promise<void> {
  await saveWhitelist(principal, [{ userId, operations }]);
}

/**
 * The whitelist page's one Save: every listed member's operations at once, all or nothing. A member
 * can be whitelisted only for what their role may request (payments.refund / payments.void).
 * Members whose operations did not change are not touched and get no audit row. Answers how many
 * members changed.
 */
export async function saveWhitelist(
  principal: Principal,
  entries: readonly WhitelistEntry[],
): Promise<number> {
  authorize(principal, mayManageWhitelist);
  const userIds = entries.map((entry) => entry.userId);
  if (new Set(userIds).size !== userIds.length)
    throw new AppError("validation_error", "Each member may appear once in the whitelist.");
  const { merchantId } = principal;

  return prisma.$transaction(async (tx) => {
    const memberships = await tx.membership.findMany({
      where: { merchantId, userId: { in: userIds }, active: true },
      select: {
        userId: true,
        role: true,
        user: { select: { name: true } },
        whitelist: { where: { merchantId }, select: { operation: true } },
      },
    });
    const byUser = new Map(memberships.map((membership) => [membership.userId, membership]));
    let changed = 0;
    for (const entry of entries) {
      const membership = byUser.get(entry.userId);
      if (!membership) throw new AppError("not_found", "Member not found.");
      const allowed = whitelistableOperations(membership.role);
      const wanted = [...new Set(entry.operations)].sort();
      const refused = wanted.find((operation) => !allowed.includes(operation));
      if (refused)
        throw new AppError(
          "validation_error",
          `${membership.user.name} cannot be whitelisted for ${refused}: the ${membership.role} role does not include ${OPERATION_PERMISSION[refused]}.`,
          { userId: entry.userId, operation: refused },
        );
      const before = membership.whitelist.map((e) => e.operation).sort();
      if (before.join() === wanted.join()) continue;
      changed += 1;
      await tx.operationWhitelistEntry.deleteMany({ where: { merchantId, userId: entry.userId } });
      if (wanted.length > 0) {
        await tx.operationWhitelistEntry.createMany({
          data: wanted.map((operation) => ({ merchantId, userId: entry.userId, operation })),
        });
      }
      await recordAuditEvent(tx, {
        actor: actorOf(principal),
        merchantId,
        entity: "operation_whitelist",
        entityId: entry.userId,
        action: "operations_approval.whitelist_changed",
        data: { before, after: wanted },
      });
    }
    return changed;
  });
}
