import "server-only";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManageWebhooks } from "@/lib/domain/policies/webhooks";
import { AppError } from "@/lib/errors";
import { endpointJson } from "@/lib/queries/webhooks/webhook-json";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";
import { isUniqueViolation } from "@/lib/services/operation-requests/request-context";
import type { CreateWebhookEndpointInput, WebhookEndpointJson } from "@/lib/validation/webhooks";
import { validateWebhookUrl } from "./webhook-address";
import { ensureWebhookSecret } from "./webhook-secrets";

/** At most this many subscribed endpoints per merchant: every event is sent to each. */
export const MAX_SUBSCRIBED_ENDPOINTS = 20;

/**
 * Adds an endpoint (and the merchant's first signing secret, if none yet). A URL a checkout session
 * already named becomes a subscribed endpoint rather than a duplicate; the same URL twice is a
 * conflict (the unique (merchant, url) index decides a race).
 */
export async function createWebhookEndpoint(
  principal: Principal,
  input: CreateWebhookEndpointInput,
): Promise<WebhookEndpointJson> {
  authorize(principal, mayManageWebhooks);
  await validateWebhookUrl(input.url);
  const { merchantId } = principal;
  try {
    return await prisma.$transaction(async (tx) => {
      const count = await tx.webhookEndpoint.count({ where: { merchantId, kind: "subscribed" } });
      if (count >= MAX_SUBSCRIBED_ENDPOINTS)
        throw new AppError(
          "conflict",
          `A merchant can have at most ${MAX_SUBSCRIBED_ENDPOINTS} webhook endpoints; delete one first.`,
        );
      const existing = await tx.webhookEndpoint.findUnique({
        where: { merchantId_url: { merchantId, url: input.url } },
      });
      if (existing && existing.kind === "subscribed")
        throw new AppError("conflict", "An endpoint with this URL already exists.");
      const data = {
        description: input.description || null,
        eventTypes: input.eventTypes,
        kind: "subscribed",
        enabled: true,
        disabledAt: null,
        disabledReason: null,
        failingSince: null,
      };
      const row = existing
        ? await tx.webhookEndpoint.update({ where: { id: existing.id }, data })
        : await tx.webhookEndpoint.create({ data: { ...data, merchantId, url: input.url } });
      await ensureWebhookSecret(tx, merchantId);
      await recordAuditEvent(tx, {
        actor: actorOf(principal),
        merchantId,
        entity: "webhook_endpoint",
        entityId: row.id,
        action: "webhook_endpoint.created",
        toState: "enabled",
        data: { url: row.url, eventTypes: row.eventTypes, description: row.description },
      });
      return endpointJson(row);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", "An endpoint with this URL already exists.");
    throw error;
  }
}
