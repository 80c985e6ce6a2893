import "server-only";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { grantsToStore, sameGrants } from "@/lib/domain/members/grants";
import { mayManageMembers } from "@/lib/domain/policies/administration";
import { AppError, notFound } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";
import { isUuid } from "@/lib/validation/ids";
import { GrantsSchema } from "@/lib/validation/members";

/**
 * Administration > Members and PUT /api/v1/members/{id}/permissions: replaces the permissions one
 * membership of the caller's merchant holds on top of its role. Anyone with members.manage may edit
 * any membership of their merchant, their own included. Grants the role already gives are not
 * stored (lib/domain/members/grants). Answers whether anything changed; an unchanged set writes
 * nothing and records nothing.
 */
export async function setMembershipGrants(
  principal: Principal,
  membershipId: string,
  grants: readonly string[],
): Promise<{ changed: boolean }> {
  authorize(principal, mayManageMembers);
  const parsed = GrantsSchema.safeParse(grants);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ["grants", ...issue.path].join(".");
    throw new AppError("validation_error", `${field}: ${issue.message}`, [
      { field, message: issue.message },
    ]);
  }
  if (!isUuid(membershipId)) throw notFound("Member");
  const { merchantId } = principal;

  return prisma.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({
      where: { id: membershipId, merchantId },
      select: { id: true, role: true, grantedPermissions: true, userId: true },
    });
    if (!membership) throw notFound("Member");
    const before = membership.grantedPermissions;
    const after = grantsToStore(membership.role, parsed.data);
    if (sameGrants(before, after)) return { changed: false };

    // Conditional on what was read: two admins saving the same row at once cannot both win, and
    // neither silently overwrites the other's change.
    const { count } = await tx.membership.updateMany({
      where: { id: membership.id, merchantId, grantedPermissions: { equals: before } },
      data: { grantedPermissions: after },
    });
    if (count === 0)
      throw new AppError(
        "conflict",
        "This member's permissions changed meanwhile. Reload the page and try again.",
      );
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId,
      entity: "membership",
      entityId: membership.id,
      action: "membership.permissions_changed",
      data: { userId: membership.userId, role: membership.role, before, after },
    });
    return { changed: true };
  });
}
