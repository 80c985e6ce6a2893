import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { successRedirectUrl } from "@/lib/domain/checkout/page-view";
import { AppError } from "@/lib/errors";
import { getSessionRedirect } from "@/lib/queries/checkout/get-checkout-session";
import { returnCheckoutAttempt } from "@/lib/services/checkout/return-checkout-attempt";
import { ReturnQuerySchema, SessionPathSchema } from "@/lib/validation/checkout-page";

export const dynamic = "force-dynamic";

/**
 * GET /checkout/{sessionId}/return?attempt={attemptId}: where the gateway sends the customer's
 * browser after a 3-D Secure challenge or its payment page. The outcome is asked of the gateway
 * (returnCheckoutAttempt), never read from the query string; then the browser goes on to the
 * merchant's redirect_url on success, or back to the page (receipt, the form with the failure, or
 * the page saying why it cannot be paid).
 */
export const GET = apiRoute(
  { permission: "public", params: SessionPathSchema, query: ReturnQuerySchema },
  async ({ request, params, query }) => {
    const page = new URL(`/checkout/${encodeURIComponent(params.sessionId)}`, request.url);
    let outcome: Awaited<ReturnType<typeof returnCheckoutAttempt>>;
    try {
      outcome = await returnCheckoutAttempt(params.sessionId, query.attempt);
    } catch (error) {
      // An unknown session or attempt: the page says there is no such payment.
      if (error instanceof AppError && error.code === "not_found") return redirect(page);
      throw error;
    }
    if (outcome?.outcome === "success") {
      const session = await getSessionRedirect(params.sessionId);
      const next = successRedirectUrl(session.redirectUrl, {
        session_id: params.sessionId,
        order_no: session.orderNo,
        state: outcome.state,
      });
      return redirect(next ? new URL(next) : page);
    }
    if (outcome?.outcome === "action_required") return redirect(new URL(outcome.url, request.url));
    page.searchParams.set("attempt", query.attempt);
    return redirect(page);
  },
);

function redirect(to: URL): Response {
  return new Response(null, { status: 303, headers: { location: to.toString() } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
