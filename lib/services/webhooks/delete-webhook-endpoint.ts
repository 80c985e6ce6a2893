import "server-only";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManageWebhooks } from "@/lib/domain/policies/webhooks";
import { notFound } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";
import { isUuid } from "@/lib/validation/ids";

/**
 * Deletes an endpoint with its deliveries and their log (the events stay, for other endpoints).
 * The audit row keeps what it was.
 */
export async function deleteWebhookEndpoint(principal: Principal, id: string): Promise<void> {
  authorize(principal, mayManageWebhooks);
  if (!isUuid(id)) throw notFound("Webhook endpoint");
  const { merchantId } = principal;
  await prisma.$transaction(async (tx) => {
    const current = await tx.webhookEndpoint.findFirst({ where: { id, merchantId } });
    if (!current) throw notFound("Webhook endpoint");
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id, merchantId } });
    if (count === 0) throw notFound("Webhook endpoint");
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId,
      entity: "webhook_endpoint",
      entityId: id,
      action: "webhook_endpoint.deleted",
      fromState: current.enabled ? "enabled" : "disabled",
      data: { url: current.url, kind: current.kind },
    });
  });
}
