import { notifyOnCheckoutError } from "@/lib/api/checkout-errors";
import { checkoutViewOrThrow } from "@/lib/api/checkout-session-view";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { captureCheckoutSession } from "@/lib/services/checkout/capture-checkout-session";
import { checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import {
  CaptureCheckoutSchema,
  CheckoutSessionParamsSchema,
  CheckoutSessionViewSchema,
} from "@/lib/validation/checkout";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/checkout/{session_id}/capture { amount? }: captures an authorized session, all of it
 * or part (the rest is released). 200 with the session, now paid. The body may be left out.
 */
export const POST = apiRoute(
  {
    permission: "checkout.create",
    params: CheckoutSessionParamsSchema,
    body: CaptureCheckoutSchema,
    bodyOptional: true,
    output: CheckoutSessionViewSchema,
    idempotent: true,
    onAnswered: notifyOnCheckoutError,
  },
  async ({ principal, params, body }) => {
    await captureCheckoutSession(checkoutCallerOf(principal), params.session_id, body);
    return { body: await checkoutViewOrThrow(principal.merchantId, params.session_id) };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
