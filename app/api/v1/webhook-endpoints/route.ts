import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { listWebhookEndpoints } from "@/lib/queries/webhooks/list-webhook-endpoints";
import { createWebhookEndpoint } from "@/lib/services/webhooks/create-webhook-endpoint";
import {
  CreateWebhookEndpointSchema,
  WebhookEndpointListResponseSchema,
  WebhookEndpointResponseSchema,
} from "@/lib/validation/webhooks";

export const dynamic = "force-dynamic";

/** GET /api/v1/webhook-endpoints: the merchant's endpoints. */
export const GET = apiRoute(
  { permission: "webhooks.manage", output: WebhookEndpointListResponseSchema },
  async ({ principal }) => ({ body: { data: await listWebhookEndpoints(principal.merchantId) } }),
);

/** POST /api/v1/webhook-endpoints { url, description?, eventTypes? }: 201 with the endpoint. */
export const POST = apiRoute(
  {
    permission: "webhooks.manage",
    body: CreateWebhookEndpointSchema,
    output: WebhookEndpointResponseSchema,
    maxBodyBytes: 16 * 1024,
    idempotent: true,
  },
  async ({ principal, body }) => ({
    status: 201,
    body: { data: await createWebhookEndpoint(principal, body) },
  }),
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);
