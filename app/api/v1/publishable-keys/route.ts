import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { listPublishableKeys } from "@/lib/queries/checkout/publishable-keys";
import { createPublishableKey } from "@/lib/services/checkout/create-publishable-key";
import { publishableKeyJson } from "@/lib/services/checkout/publishable-key-view";
import {
  CreatePublishableKeySchema,
  PublishableKeyListResponseSchema,
  PublishableKeyResponseSchema,
} from "@/lib/validation/publishable-keys";

export const dynamic = "force-dynamic";

/** GET /api/v1/publishable-keys: the merchant's publishable keys, live ones first. */
export const GET = apiRoute(
  { permission: "checkout.settings", output: PublishableKeyListResponseSchema },
  async ({ principal }) => ({
    body: { data: (await listPublishableKeys(principal.merchantId)).map(publishableKeyJson) },
  }),
);

/** POST /api/v1/publishable-keys: a new key with its allowed origins (201). */
export const POST = apiRoute(
  {
    permission: "checkout.settings",
    body: CreatePublishableKeySchema,
    output: PublishableKeyResponseSchema,
    maxBodyBytes: 16 * 1024,
    idempotent: true,
  },
  async ({ principal, body }) => ({
    status: 201,
    body: { data: publishableKeyJson(await createPublishableKey(principal, body)) },
  }),
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);
