import "server-only";
import type { WebhookDeliveryAttempt, WebhookEndpoint } from "@prisma/client";
import type { WebhookEndpointJson } from "@/lib/validation/webhooks";

export function endpointJson(row: WebhookEndpoint): WebhookEndpointJson {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    kind: row.kind as WebhookEndpointJson["kind"],
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason as WebhookEndpointJson["disabledReason"],
    createdAt: row.createdAt.toISOString(),
  };
}

export function attemptJson(row: WebhookDeliveryAttempt) {
  return {
    attemptNumber: row.attemptNumber,
    manual: row.manual,
    at: row.createdAt.toISOString(),
    requestUrl: row.requestUrl,
    requestHeaders: row.requestHeaders as Record<string, string>,
    requestBody: row.requestBody,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    durationMs: row.durationMs,
    error: row.error,
  };
}
