import { z } from "zod";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { rotateWebhookSecret } from "@/lib/services/webhooks/rotate-webhook-secret";
import { WebhookSecretRotateResponseSchema } from "@/lib/validation/webhooks";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/webhook-secret/rotate: a new signing secret, returned once; the previous one keeps
 * signing beside it for 24 hours.
 */
export const POST = apiRoute(
  {
    permission: "webhooks.manage",
    body: z.strictObject({}),
    bodyOptional: true,
    output: WebhookSecretRotateResponseSchema,
  },
  async ({ principal }) => ({ body: { data: await rotateWebhookSecret(principal) } }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
