import { notifyOnCheckoutError } from "@/lib/api/checkout-errors";
import { checkoutViewOrThrow } from "@/lib/api/checkout-session-view";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import { endCheckoutSession } from "@/lib/services/checkout/end-checkout-session";
import {
  CancelCheckoutSchema,
  CheckoutSessionParamsSchema,
  CheckoutSessionViewSchema,
} from "@/lib/validation/checkout";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/checkout/{session_id}/expire { reason? }: ends a session that can still be paid
 * (expired). 200 with the session; 409 invalid_state once it is paid or ended. The body may be left out.
 */
export const POST = apiRoute(
  {
    permission: "checkout.create",
    params: CheckoutSessionParamsSchema,
    body: CancelCheckoutSchema,
    bodyOptional: true,
    output: CheckoutSessionViewSchema,
    idempotent: true,
    onAnswered: notifyOnCheckoutError,
  },
  async ({ principal, params, body }) => {
    await endCheckoutSession(
      checkoutCallerOf(principal),
      params.session_id,
      "expired",
      body.reason ?? "expired by the merchant",
    );
    return { body: await checkoutViewOrThrow(principal.merchantId, params.session_id) };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
