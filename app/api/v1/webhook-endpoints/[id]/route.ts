import { z } from "zod";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getWebhookEndpointOrThrow } from "@/lib/queries/webhooks/list-webhook-endpoints";
import { deleteWebhookEndpoint } from "@/lib/services/webhooks/delete-webhook-endpoint";
import { updateWebhookEndpoint } from "@/lib/services/webhooks/update-webhook-endpoint";
import {
  UpdateWebhookEndpointSchema,
  WebhookEndpointResponseSchema,
  WebhookIdParamsSchema,
} from "@/lib/validation/webhooks";

export const dynamic = "force-dynamic";

/** GET /api/v1/webhook-endpoints/:id; 404 alike for unknown, malformed and other merchants' ids. */
export const GET = apiRoute(
  {
    permission: "webhooks.manage",
    params: WebhookIdParamsSchema,
    output: WebhookEndpointResponseSchema,
  },
  async ({ principal, params }) => ({
    body: { data: await getWebhookEndpointOrThrow(principal.merchantId, params.id) },
  }),
);

/** PATCH /api/v1/webhook-endpoints/:id { url?, description?, eventTypes?, enabled? }. */
export const PATCH = apiRoute(
  {
    permission: "webhooks.manage",
    params: WebhookIdParamsSchema,
    body: UpdateWebhookEndpointSchema,
    output: WebhookEndpointResponseSchema,
    maxBodyBytes: 16 * 1024,
  },
  async ({ principal, params, body }) => ({
    body: { data: await updateWebhookEndpoint(principal, params.id, body) },
  }),
);

/** DELETE /api/v1/webhook-endpoints/:id: the endpoint, its deliveries and their log. */
export const DELETE = apiRoute(
  {
    permission: "webhooks.manage",
    params: WebhookIdParamsSchema,
    output: z.object({ data: z.object({ id: z.string(), deleted: z.literal(true) }) }),
  },
  async ({ principal, params }) => {
    await deleteWebhookEndpoint(principal, params.id);
    return { body: { data: { id: params.id, deleted: true as const } } };
  },
);

export const { POST, PUT, OPTIONS } = methodNotAllowed(["GET", "PATCH", "DELETE"]);
