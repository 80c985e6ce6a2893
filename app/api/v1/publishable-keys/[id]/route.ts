import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { publishableKeyJson } from "@/lib/services/checkout/publishable-key-view";
import { revokePublishableKey } from "@/lib/services/checkout/revoke-publishable-key";
import { updatePublishableKeyOrigins } from "@/lib/services/checkout/update-publishable-key-origins";
import {
  PublishableKeyIdParamsSchema,
  PublishableKeyResponseSchema,
  UpdatePublishableKeySchema,
} from "@/lib/validation/publishable-keys";

export const dynamic = "force-dynamic";

/** PATCH /api/v1/publishable-keys/:id: replaces a live key's allowed origins. */
export const PATCH = apiRoute(
  {
    permission: "checkout.settings",
    params: PublishableKeyIdParamsSchema,
    body: UpdatePublishableKeySchema,
    output: PublishableKeyResponseSchema,
    maxBodyBytes: 16 * 1024,
  },
  async ({ principal, params, body }) => ({
    body: {
      data: publishableKeyJson(
        await updatePublishableKeyOrigins(principal, params.id, body.allowed_origins),
      ),
    },
  }),
);

/** DELETE /api/v1/publishable-keys/:id: revokes the key (204); embeds using it stop at once. */
export const DELETE = apiRoute(
  { permission: "checkout.settings", params: PublishableKeyIdParamsSchema },
  async ({ principal, params }) => {
    await revokePublishableKey(principal, params.id);
    return new Response(null, { status: 204 });
  },
);

export const { GET, POST, PUT, OPTIONS } = methodNotAllowed(["PATCH", "DELETE"]);
