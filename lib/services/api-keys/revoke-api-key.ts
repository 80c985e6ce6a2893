import "server-only";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManageApiKeys } from "@/lib/domain/policies/administration";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";

/** Revokes one of the caller's own keys. A key already revoked, or someone else's, is "not found". */
export async function revokeApiKey(principal: Principal, id: string): Promise<void> {
  authorize(principal, mayManageApiKeys);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id, userId: principal.userId, merchantId: principal.merchantId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0)
      throw new AppError("not_found", "That key does not exist or is already revoked.");
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId: principal.merchantId,
      entity: "api_key",
      entityId: id,
      action: "api_key.revoked",
    });
  });
}
