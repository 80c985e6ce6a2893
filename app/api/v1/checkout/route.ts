import { notifyOnCheckoutError } from "@/lib/api/checkout-errors";
import { checkoutViewOrThrow } from "@/lib/api/checkout-session-view";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { listCheckoutSessions } from "@/lib/queries/checkout/list-checkout-sessions";
import { checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import { createCheckoutSession } from "@/lib/services/checkout/create-checkout-session";
import { createPaymentRequest } from "@/lib/services/checkout/create-payment-request";
import {
  CheckoutListQuerySchema,
  CheckoutListResponseSchema,
  CheckoutSessionViewSchema,
  CreateCheckoutSchema,
} from "@/lib/validation/checkout";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/checkout?type=&state=&order_no=&created_from=&created_to=&limit=&cursor=
 * The merchant's sessions, newest first, keyset paging.
 */
export const GET = apiRoute(
  {
    permission: "transactions.view",
    query: CheckoutListQuerySchema,
    output: CheckoutListResponseSchema,
    onAnswered: notifyOnCheckoutError,
  },
  async ({ principal, query }) => ({
    body: await listCheckoutSessions(principal.merchantId, query),
  }),
);

/**
 * POST /api/v1/checkout: a merchant's server creates a checkout session. 201 with the session as
 * GET answers it (Ottu's field names, every field echoed, the page's URLs). A refused request
 * writes nothing.
 */
export const POST = apiRoute(
  {
    permission: "checkout.create",
    body: CreateCheckoutSchema,
    output: CheckoutSessionViewSchema,
    idempotent: true,
    onAnswered: notifyOnCheckoutError,
  },
  async ({ principal, body }) => {
    // A payment request is sent by the channels in `notifications` in the same transaction.
    const caller = checkoutCallerOf(principal);
    const { id } =
      body.type === "payment_request"
        ? await createPaymentRequest(caller, body)
        : await createCheckoutSession(caller, body);
    return { status: 201, body: await checkoutViewOrThrow(principal.merchantId, id) };
  },
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);
