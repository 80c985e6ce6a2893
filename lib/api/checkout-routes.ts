import "server-only";
import { getOperationRequestOrThrow } from "@/lib/queries/operation-requests/get-operation-request";
import { toOperationRequestDetailJson } from "@/lib/queries/operation-requests/operation-request-detail-json";
import { checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import { endCheckoutSession } from "@/lib/services/checkout/end-checkout-session";
import { submitOperationRequest } from "@/lib/services/operation-requests/submit-operation-request";
import {
  CancelCheckoutSchema,
  CheckoutSessionParamsSchema,
  CheckoutSessionViewSchema,
  RefundCheckoutSchema,
  VoidCheckoutSchema,
} from "@/lib/validation/checkout";
import { OperationRequestDetailResponseSchema } from "@/lib/validation/operation-requests";
import { notifyOnCheckoutError } from "./checkout-errors";
import { checkoutViewOrThrow } from "./checkout-session-view";
import { apiRoute } from "./route";

/**
 * POST /api/v1/checkout/{session_id}/cancel and /expire { reason? }: ends a session that can still be
 * paid. 200 with the session; 409 invalid_state once it is paid or ended. The body may be left out.
 */
export function endSessionRoute(to: "canceled" | "expired") {
  return apiRoute(
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
        to,
        body.reason ?? `${to} by the merchant`,
      );
      return { body: await checkoutViewOrThrow(principal.merchantId, params.session_id) };
    },
  );
}

/**
 * POST /api/v1/checkout/{session_id}/refund { amount, reason? } and /void { reason? }: through the
 * operations API's own service, so maker-checker applies: 202 with the operation request while it
 * waits for the merchant's checker; 200 with the request once executed (a checker, a whitelisted
 * member, or the approvals plugin off), its state saying how the gateway answered.
 */
export function sessionOperationRoute(operation: "refund" | "void") {
  return apiRoute(
    {
      permission: operation === "refund" ? "payments.refund" : "payments.void",
      params: CheckoutSessionParamsSchema,
      body: operation === "refund" ? RefundCheckoutSchema : VoidCheckoutSchema,
      bodyOptional: operation === "void",
      output: OperationRequestDetailResponseSchema,
      idempotent: true,
      onAnswered: notifyOnCheckoutError,
    },
    async ({ principal, params, body }) => {
      // Only a checkout session's payment, whatever other payments the merchant has.
      await checkoutViewOrThrow(principal.merchantId, params.session_id);
      const id = await submitOperationRequest(principal, {
        transactionId: params.session_id,
        operation,
        ...("amount" in body ? { amount: (body as { amount: string | number }).amount } : {}),
        reason: body.reason,
      });
      const detail = toOperationRequestDetailJson(
        await getOperationRequestOrThrow(principal.merchantId, id),
      );
      return { status: detail.state === "pending" ? 202 : 200, body: { data: detail } };
    },
  );
}
