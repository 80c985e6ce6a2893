import "server-only";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManageCheckoutSettings } from "@/lib/domain/policies/checkout-settings";
import { AppError } from "@/lib/errors";
import type { PublishableKeyRow } from "@/lib/queries/checkout/publishable-keys";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";
import { isUuid } from "@/lib/validation/ids";
import { allowedOriginsOrThrow } from "./publishable-key-origins";

/**
 * Replaces a live key's allowed origins, audited with the list before and after. A revoked key, an
 * unknown one or another merchant's is "not found": a revoked key is never brought back to use.
 */
export async function updatePublishableKeyOrigins(
  principal: Principal,
  id: string,
  origins: readonly string[],
): Promise<PublishableKeyRow> {
  authorize(principal, mayManageCheckoutSettings);
  const allowedOrigins = allowedOriginsOrThrow(origins);
  if (!isUuid(id)) throw notFound();
  return prisma.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ allowed_origins: string[] }[]>`
      SELECT allowed_origins FROM publishable_key
      WHERE id = ${id}::uuid AND merchant_id = ${principal.merchantId}::uuid AND revoked_at IS NULL
      FOR UPDATE`;
    if (!before) throw notFound();
    const { count } = await tx.publishableKey.updateMany({
      where: { id, merchantId: principal.merchantId, revokedAt: null },
      data: { allowedOrigins },
    });
    if (count === 0) throw notFound();
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId: principal.merchantId,
      entity: "publishable_key",
      entityId: id,
      action: "publishable_key.origins_changed",
      data: { before: before.allowed_origins, after: allowedOrigins },
    });
    return tx.publishableKey.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        name: true,
        key: true,
        allowedOrigins: true,
        createdAt: true,
        revokedAt: true,
        createdBy: { select: { name: true, email: true } },
      },
    });
  });
}

const notFound = () =>
  new AppError("not_found", "That publishable key does not exist or has been revoked.");
