import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { successRedirectUrl } from "@/lib/domain/checkout/page-view";
import { getSessionRedirect } from "@/lib/queries/checkout/get-checkout-session";
import { startCheckoutAttempt } from "@/lib/services/checkout/start-checkout-attempt";
import {
  SessionPathSchema,
  StartAttemptBodySchema,
  type StartAttemptResponse,
  StartAttemptResponseSchema,
} from "@/lib/validation/checkout-page";

export const dynamic = "force-dynamic";

/**
 * POST /api/checkout/{sessionId}/attempts { pg_code, method, token?, saved_card_id?, save_card? }:
 * the hosted page pays. Public: the session's unguessable id is the bearer. Rate-limited per session
 * by its attempts limit (every attempt counts, one at a time; the lifecycle refuses the rest with
 * 409). A body with a card number or a security code is refused (400): the browser tokenizes the
 * card at the gateway and sends only the token.
 */
export const POST = apiRoute(
  {
    permission: "public",
    params: SessionPathSchema,
    body: StartAttemptBodySchema,
    output: StartAttemptResponseSchema,
    maxBodyBytes: 8 * 1024,
  },
  async ({ params, body }) => {
    const outcome = await startCheckoutAttempt({
      sessionId: params.sessionId,
      pgCode: body.pg_code,
      method: body.method,
      token: body.token,
      savedCardId: body.saved_card_id,
      saveCard: body.save_card,
    });
    return { status: 201, body: await respond(params.sessionId, outcome) };
  },
);

async function respond(
  sessionId: string,
  outcome: Awaited<ReturnType<typeof startCheckoutAttempt>>,
): Promise<StartAttemptResponse> {
  switch (outcome.outcome) {
    case "success": {
      const session = await getSessionRedirect(sessionId);
      const data = { session_id: sessionId, order_no: session.orderNo, state: outcome.state };
      return {
        outcome: "success",
        ...data,
        redirect_url: successRedirectUrl(session.redirectUrl, data),
      };
    }
    case "action_required":
      return { outcome: "action_required", url: outcome.url };
    case "pending":
      return { outcome: "pending" };
    case "form_error":
      return {
        outcome: "form_error",
        state: outcome.state,
        message: outcome.message,
        reason: outcome.reason ?? "not_completed",
        attempts_left: outcome.attemptsLeft,
      };
    case "error":
      return {
        outcome: "error",
        state: outcome.state,
        message: outcome.message,
        reason: outcome.reason ?? "not_completed",
      };
  }
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
