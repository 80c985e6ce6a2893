import "server-only";
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManageWebhooks } from "@/lib/domain/policies/webhooks";
import { AppError, notFound } from "@/lib/errors";
import { endpointJson } from "@/lib/queries/webhooks/webhook-json";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";
import { isUniqueViolation } from "@/lib/services/operation-requests/request-context";
import { isUuid } from "@/lib/validation/ids";
import type { UpdateWebhookEndpointInput, WebhookEndpointJson } from "@/lib/validation/webhooks";
import { validateWebhookUrl } from "./webhook-address";

/**
 * Changes an endpoint's URL, description, event types, or enables / disables it. Enabling clears
 * the recorded failure (it starts afresh); disabling by hand stops its pending deliveries. A
 * conditional update on the row's updated_at: two people editing at once, the second is told.
 */
export async function updateWebhookEndpoint(
  principal: Principal,
  id: string,
  input: UpdateWebhookEndpointInput,
): Promise<WebhookEndpointJson> {
  authorize(principal, mayManageWebhooks);
  if (!isUuid(id)) throw notFound("Webhook endpoint");
  if (input.url !== undefined) await validateWebhookUrl(input.url);
  const { merchantId } = principal;
  try {
    return await prisma.$transaction(async (tx) => {
      const current = await tx.webhookEndpoint.findFirst({ where: { id, merchantId } });
      if (!current) throw notFound("Webhook endpoint");
      const now = new Date();
      const data: Prisma.WebhookEndpointUpdateManyMutationInput = {};
      if (input.url !== undefined) data.url = input.url;
      if (input.description !== undefined) data.description = input.description || null;
      if (input.eventTypes !== undefined) data.eventTypes = input.eventTypes;
      if (input.enabled === true && !current.enabled)
        Object.assign(data, {
          enabled: true,
          disabledAt: null,
          disabledReason: null,
          failingSince: null,
        });
      if (input.enabled === false && current.enabled)
        Object.assign(data, { enabled: false, disabledAt: now, disabledReason: "manual" });
      const { count } = await tx.webhookEndpoint.updateMany({
        where: { id, merchantId, updatedAt: current.updatedAt },
        data,
      });
      if (count === 0)
        throw new AppError(
          "conflict",
          "This endpoint changed while you edited it; reload and try again.",
        );
      if (data.enabled === false)
        await tx.webhookDelivery.updateMany({
          where: { endpointId: id, status: "pending" },
          data: { status: "failed", nextAttemptAt: null },
        });
      const row = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id } });
      await recordAuditEvent(tx, {
        actor: actorOf(principal),
        merchantId,
        entity: "webhook_endpoint",
        entityId: id,
        action: "webhook_endpoint.updated",
        fromState: current.enabled ? "enabled" : "disabled",
        toState: row.enabled ? "enabled" : "disabled",
        data: {
          before: {
            url: current.url,
            description: current.description,
            eventTypes: current.eventTypes,
          },
          after: { url: row.url, description: row.description, eventTypes: row.eventTypes },
        },
      });
      return endpointJson(row);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", "An endpoint with this URL already exists.");
    throw error;
  }
}
