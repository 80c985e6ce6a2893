import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { listWebhookDeliveries } from "@/lib/queries/webhooks/list-webhook-deliveries";
import {
  WebhookDeliveriesQuerySchema,
  WebhookDeliveryListResponseSchema,
  WebhookIdParamsSchema,
} from "@/lib/validation/webhooks";

export const dynamic = "force-dynamic";

/** GET /api/v1/webhook-endpoints/:id/deliveries?cursor&limit: the delivery log, newest first. */
export const GET = apiRoute(
  {
    permission: "webhooks.manage",
    params: WebhookIdParamsSchema,
    query: WebhookDeliveriesQuerySchema,
    output: WebhookDeliveryListResponseSchema,
  },
  async ({ principal, params, query }) => ({
    body: await listWebhookDeliveries(principal.merchantId, params.id, query),
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
