import "server-only";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManageCheckoutSettings } from "@/lib/domain/policies/checkout-settings";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";
import { isUuid } from "@/lib/validation/ids";

/**
 * Revokes a key: from the next request on, pages embedding it stop loading (proxy.ts) and its reads
 * are refused. Revoking twice, or another merchant's key, is "not found".
 */
export async function revokePublishableKey(principal: Principal, id: string): Promise<void> {
  authorize(principal, mayManageCheckoutSettings);
  if (!isUuid(id)) throw notFound();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.publishableKey.updateMany({
      where: { id, merchantId: principal.merchantId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound();
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId: principal.merchantId,
      entity: "publishable_key",
      entityId: id,
      action: "publishable_key.revoked",
    });
  });
}

const notFound = () =>
  new AppError("not_found", "That publishable key does not exist or is already revoked.");
