/** Webhooks to the merchant (issue 8): endpoints, the delivery log, resends and the secret. */
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import {
  CreateWebhookEndpointSchema,
  UpdateWebhookEndpointSchema,
  WebhookDeliveriesQuerySchema,
  WebhookDeliveryListResponseSchema,
  WebhookEndpointListResponseSchema,
  WebhookEndpointResponseSchema,
  WebhookIdParamsSchema,
  WebhookResendResponseSchema,
  WebhookSecretRotateResponseSchema,
} from "@/lib/validation/webhooks";
import {
  AUTH_ERRORS,
  errorResponses,
  IdempotencyHeaders,
  JSON_BODY_ERRORS,
  json,
  SIGNED_IN,
} from "./shared";

const SIGNING =
  "Every webhook is a POST of `{ type, timestamp, data }` signed as the Standard Webhooks specification says: " +
  "headers `webhook-id` (the event id, the same on every attempt: deduplicate on it), `webhook-timestamp` (Unix " +
  "seconds) and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` keyed with the base64-decoded " +
  "part of the `whsec_` secret; two space-separated signatures while a rotated secret is still valid). Verify against " +
  "the raw body and refuse timestamps more than 5 minutes off. Answer 2xx to accept; anything else is retried after " +
  "1 min, 5 min, 30 min, 2 h, 6 h and 12 h, then abandoned; `410` disables the endpoint at once, and an endpoint " +
  "failing for a day is disabled too (the merchant's admins are emailed). Needs `webhooks.manage`.";

const body = (schema: z.ZodType, required = true) => ({
  required,
  content: { "application/json": { schema } },
});

export function registerWebhookPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/v1/webhook-endpoints",
    tags: ["Webhooks"],
    summary: "List webhook endpoints",
    description: `Subscribed endpoints, then those created for checkout sessions' \`webhook_url\`. ${SIGNING}`,
    security: SIGNED_IN,
    responses: {
      200: json(WebhookEndpointListResponseSchema, "Every endpoint."),
      ...errorResponses(AUTH_ERRORS),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/webhook-endpoints",
    tags: ["Webhooks"],
    summary: "Add a webhook endpoint",
    description:
      "An http(s) URL without credentials or fragment, on port 80, 443 or 1024-65535; in production it may not resolve " +
      "to a loopback, private or link-local address. `eventTypes` empty (the default) receives every event. The " +
      "merchant's first endpoint creates the signing secret (see the dashboard, or rotate it). 409 `conflict` for a " +
      `URL already added. ${SIGNING}`,
    security: SIGNED_IN,
    request: { headers: IdempotencyHeaders, body: body(CreateWebhookEndpointSchema) },
    responses: {
      201: json(WebhookEndpointResponseSchema, "The endpoint."),
      ...errorResponses([
        ...JSON_BODY_ERRORS,
        ...AUTH_ERRORS,
        "conflict",
        "idempotency_key_reuse",
        "idempotency_in_progress",
      ]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/webhook-endpoints/{id}",
    tags: ["Webhooks"],
    summary: "Get a webhook endpoint",
    security: SIGNED_IN,
    request: { params: WebhookIdParamsSchema },
    responses: {
      200: json(WebhookEndpointResponseSchema, "The endpoint."),
      ...errorResponses([...AUTH_ERRORS, "not_found"]),
    },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/webhook-endpoints/{id}",
    tags: ["Webhooks"],
    summary: "Change or enable / disable a webhook endpoint",
    description:
      "Any of `url`, `description`, `eventTypes`, `enabled`. Enabling clears a recorded failure; disabling stops the " +
      "endpoint's pending deliveries (status `failed`).",
    security: SIGNED_IN,
    request: { params: WebhookIdParamsSchema, body: body(UpdateWebhookEndpointSchema) },
    responses: {
      200: json(WebhookEndpointResponseSchema, "The endpoint as it is now."),
      ...errorResponses([...JSON_BODY_ERRORS, ...AUTH_ERRORS, "not_found", "conflict"]),
    },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/v1/webhook-endpoints/{id}",
    tags: ["Webhooks"],
    summary: "Delete a webhook endpoint",
    description: "With its deliveries and their log. The audit log keeps what it was.",
    security: SIGNED_IN,
    request: { params: WebhookIdParamsSchema },
    responses: {
      200: json(
        z.object({ data: z.object({ id: z.string(), deleted: z.literal(true) }) }),
        "Deleted.",
      ),
      ...errorResponses([...AUTH_ERRORS, "not_found"]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/webhook-endpoints/{id}/deliveries",
    tags: ["Webhooks"],
    summary: "List an endpoint's deliveries",
    description:
      "Newest first, each with every attempt: the request as sent (headers and body), the answer's status and first " +
      "4 KB, the duration, or why no answer came. Keyset paging: pass `nextCursor` back as `cursor`.",
    security: SIGNED_IN,
    request: { params: WebhookIdParamsSchema, query: WebhookDeliveriesQuerySchema },
    responses: {
      200: json(WebhookDeliveryListResponseSchema, "One page."),
      ...errorResponses([...AUTH_ERRORS, "validation_error", "not_found"]),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/webhook-deliveries/{id}/resend",
    tags: ["Webhooks"],
    summary: "Resend a delivery now",
    description:
      "A new attempt at once, whatever the delivery's status, to an enabled endpoint. 200 with the receiver's answer " +
      "(`delivered` says whether it accepted). A failed resend leaves the retry schedule as it was.",
    security: SIGNED_IN,
    request: { params: WebhookIdParamsSchema },
    responses: {
      200: json(WebhookResendResponseSchema, "What the receiver answered."),
      ...errorResponses([
        ...JSON_BODY_ERRORS,
        ...AUTH_ERRORS,
        "not_found",
        "invalid_state",
        "conflict",
      ]),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/webhook-secret/rotate",
    tags: ["Webhooks"],
    summary: "Rotate the signing secret",
    description:
      "Returns the new `whsec_` secret once. The previous one keeps signing beside it for 24 hours (two signatures " +
      "per webhook), so receivers can switch without missing one.",
    security: SIGNED_IN,
    responses: {
      200: json(WebhookSecretRotateResponseSchema, "The new secret."),
      ...errorResponses([...JSON_BODY_ERRORS, ...AUTH_ERRORS]),
    },
  });
}
