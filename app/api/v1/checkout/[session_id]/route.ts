import { z } from "zod";
import { notifyOnCheckoutError } from "@/lib/api/checkout-errors";
import { checkoutViewOrThrow } from "@/lib/api/checkout-session-view";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import { updateCheckoutSession } from "@/lib/services/checkout/update-checkout-session";
import { CheckoutSessionParamsSchema, CheckoutSessionViewSchema } from "@/lib/validation/checkout";

export const dynamic = "force-dynamic";

/** GET /api/v1/checkout/{session_id}: the session with its attempts; 404 for another merchant's. */
export const GET = apiRoute(
  {
    permission: "transactions.view",
    params: CheckoutSessionParamsSchema,
    output: CheckoutSessionViewSchema,
    onAnswered: notifyOnCheckoutError,
  },
  async ({ principal, params }) => ({
    body: await checkoutViewOrThrow(principal.merchantId, params.session_id),
  }),
);

/**
 * Only "is it a JSON object" is checked here: the body goes to the service as sent, because a
 * validation error on update ENDS the session (the service parses it, cancels the session and
 * answers 400 with `new_session_required`). A body that is not a JSON object, or too large, is
 * refused before the session is touched.
 */
const RawUpdateBody = z.custom<Record<string, unknown>>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  "the body must be a JSON object",
);

/** PATCH /api/v1/checkout/{session_id}: the amount and customer fields, while no attempt is under way. */
export const PATCH = apiRoute(
  {
    permission: "checkout.create",
    params: CheckoutSessionParamsSchema,
    body: RawUpdateBody,
    output: CheckoutSessionViewSchema,
    onAnswered: notifyOnCheckoutError,
  },
  async ({ principal, params, body }) => {
    await updateCheckoutSession(checkoutCallerOf(principal), params.session_id, body);
    return { body: await checkoutViewOrThrow(principal.merchantId, params.session_id) };
  },
);

export const { POST, PUT, DELETE, OPTIONS } = methodNotAllowed(["GET", "PATCH"]);
