import "server-only";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManagePlugin } from "@/lib/domain/policies/administration";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";
import type { ApprovalSettingsInput } from "@/lib/validation/operation-requests";

/**
 * Installs or changes the operations-approval plugin for the caller's merchant. Existing deadlines do not move: a request took its
 * deadline when it entered its state.
 */
export async function updateApprovalSettings(
  principal: Principal,
  input: ApprovalSettingsInput,
): Promise<void> {
  authorize(principal, mayManagePlugin);
  await prisma.$transaction(async (tx) => {
    const before = await tx.operationsApprovalSettings.findUnique({
      where: { merchantId: principal.merchantId },
    });
    await tx.operationsApprovalSettings.upsert({
      where: { merchantId: principal.merchantId },
      create: { merchantId: principal.merchantId, ...input },
      update: input,
    });
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId: principal.merchantId,
      entity: "operations_approval_settings",
      entityId: principal.merchantId,
      action: before ? "operations_approval.settings_changed" : "operations_approval.installed",
      data: {
        before: before
          ? {
              enabled: before.enabled,
              manualActionExpiryHours: before.manualActionExpiryHours,
              pendingExpiryHours: before.pendingExpiryHours,
              notifyCheckerOnPending: before.notifyCheckerOnPending,
            }
          : null,
        after: input,
      },
    });
  });
}
