import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getCheckoutSettings } from "@/lib/queries/checkout/get-checkout-settings";
import { updateCheckoutSettings } from "@/lib/services/checkout/update-checkout-settings";
import { CheckoutSettingsResponseSchema, CheckoutSettingsSchema } from "@/lib/validation/checkout";

export const dynamic = "force-dynamic";

/** GET /api/v1/checkout-settings: the notify-on-error list and max_attempts (defaults until saved). */
export const GET = apiRoute(
  { permission: "checkout.settings", output: CheckoutSettingsResponseSchema },
  async ({ principal }) => ({ body: await getCheckoutSettings(principal.merchantId) }),
);

/** PUT /api/v1/checkout-settings { notify_on_error, max_attempts }: replaces both, audited. */
export const PUT = apiRoute(
  {
    permission: "checkout.settings",
    body: CheckoutSettingsSchema,
    output: CheckoutSettingsResponseSchema,
  },
  async ({ principal, body }) => {
    await updateCheckoutSettings(principal, body);
    return { body: await getCheckoutSettings(principal.merchantId) };
  },
);

export const { POST, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "PUT"]);
