import "server-only";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManageWebhooks } from "@/lib/domain/policies/webhooks";
import { AppError, notFound } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";
import { isUuid } from "@/lib/validation/ids";
import { attemptDelivery, claimDeliveryForResend } from "./deliver-webhook";

/**
 * A person's resend of one delivery: a new attempt now, whatever the delivery's status, to an
 * enabled endpoint (enable it first), unless an attempt is under way. Its outcome is recorded like
 * any other; a failed resend leaves the schedule as it was. Answers what the receiver said.
 */
export async function resendWebhookDelivery(principal: Principal, deliveryId: string) {
  authorize(principal, mayManageWebhooks);
  if (!isUuid(deliveryId)) throw notFound("Webhook delivery");
  const { merchantId } = principal;
  const now = new Date();
  const claimed = await prisma.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, merchantId },
      include: { endpoint: { select: { enabled: true } } },
    });
    if (!delivery) throw notFound("Webhook delivery");
    if (!delivery.endpoint.enabled)
      throw new AppError("invalid_state", "This endpoint is disabled; enable it before resending.");
    const claim = await claimDeliveryForResend(tx, merchantId, deliveryId, now);
    if (!claim)
      throw new AppError(
        "conflict",
        "An attempt of this delivery is under way; try again shortly.",
      );
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId,
      entity: "webhook_delivery",
      entityId: deliveryId,
      action: "webhook_delivery.resent",
      fromState: delivery.status,
      data: { eventId: delivery.eventId, attemptNumber: claim.attemptNumber },
    });
    return claim;
  });
  const outcome = await attemptDelivery(claimed, { now, manual: true });
  return {
    deliveryId,
    attemptNumber: outcome.attemptNumber,
    responseStatus: outcome.responseStatus,
    error: outcome.error,
    delivered: outcome.outcome === "delivered",
  };
}
