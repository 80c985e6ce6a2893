import "server-only";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManageWebhooks } from "@/lib/domain/policies/webhooks";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";
import { newWebhookSecret, ROTATION_OVERLAP_MS } from "./webhook-secrets";

/**
 * Issues a new signing secret. The current one keeps signing (beside the new one) for 24 hours, so
 * receivers can switch without missing a webhook; a secret rotated out earlier stops now, so never
 * more than two sign at once. Returns the new secret, shown once here.
 */
export async function rotateWebhookSecret(
  principal: Principal,
): Promise<{ secret: string; previousSecretExpiresAt: string | null }> {
  authorize(principal, mayManageWebhooks);
  const { merchantId } = principal;
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    // Serializes rotations of one merchant: the second waits, then sees the first's secret.
    await tx.$queryRaw`SELECT id FROM merchant WHERE id = ${merchantId}::uuid FOR UPDATE`;
    await tx.webhookSecret.updateMany({
      where: { merchantId, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    const previousExpiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    const { count } = await tx.webhookSecret.updateMany({
      where: { merchantId, expiresAt: null },
      data: { expiresAt: previousExpiresAt },
    });
    const secret = newWebhookSecret();
    const row = await tx.webhookSecret.create({ data: { merchantId, secret, createdAt: now } });
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId,
      entity: "webhook_secret",
      entityId: row.id,
      action: "webhook_secret.rotated",
      // Never the secret itself.
      data: { previousSecretExpiresAt: count > 0 ? previousExpiresAt.toISOString() : null },
    });
    return {
      secret,
      previousSecretExpiresAt: count > 0 ? previousExpiresAt.toISOString() : null,
    };
  });
}
