import { notifyOnCheckoutError } from "@/lib/api/checkout-errors";
import { checkoutViewOrThrow } from "@/lib/api/checkout-session-view";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getOperationRequestOrThrow } from "@/lib/queries/operation-requests/get-operation-request";
import { toOperationRequestDetailJson } from "@/lib/queries/operation-requests/operation-request-detail-json";
import { submitOperationRequest } from "@/lib/services/operation-requests/submit-operation-request";
import { CheckoutSessionParamsSchema, RefundCheckoutSchema } from "@/lib/validation/checkout";
import { OperationRequestDetailResponseSchema } from "@/lib/validation/operation-requests";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/checkout/{session_id}/refund { amount, reason? }: refunds part or all of a paid session.
 * Through the operations API's own service, so maker-checker applies: 202 with the operation
 * request while it waits for the merchant's checker; 200 with the request once executed (a checker,
 * a whitelisted member, or the approvals plugin off), its state saying how the gateway answered.
 */
export const POST = apiRoute(
  {
    permission: "payments.refund",
    params: CheckoutSessionParamsSchema,
    body: RefundCheckoutSchema,
    output: OperationRequestDetailResponseSchema,
    idempotent: true,
    onAnswered: notifyOnCheckoutError,
  },
  async ({ principal, params, body }) => {
    // Only a checkout session's payment, whatever other payments the merchant has.
    await checkoutViewOrThrow(principal.merchantId, params.session_id);
    const id = await submitOperationRequest(principal, {
      transactionId: params.session_id,
      operation: "refund",
      amount: body.amount,
      reason: body.reason,
    });
    const detail = toOperationRequestDetailJson(
      await getOperationRequestOrThrow(principal.merchantId, id),
    );
    return { status: detail.state === "pending" ? 202 : 200, body: { data: detail } };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
