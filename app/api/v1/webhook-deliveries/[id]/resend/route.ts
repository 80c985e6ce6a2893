import { z } from "zod";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { resendWebhookDelivery } from "@/lib/services/webhooks/resend-webhook-delivery";
import { WebhookIdParamsSchema, WebhookResendResponseSchema } from "@/lib/validation/webhooks";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/webhook-deliveries/:id/resend: a new attempt now; answers what the receiver said
 * (200 whether or not it accepted: `delivered` tells).
 */
export const POST = apiRoute(
  {
    permission: "webhooks.manage",
    params: WebhookIdParamsSchema,
    body: z.strictObject({}),
    bodyOptional: true,
    output: WebhookResendResponseSchema,
  },
  async ({ principal, params }) => ({
    body: { data: await resendWebhookDelivery(principal, params.id) },
  }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
