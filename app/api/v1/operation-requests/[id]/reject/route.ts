import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getOperationRequestOrThrow } from "@/lib/queries/operation-requests/get-operation-request";
import { toOperationRequestDetailJson } from "@/lib/queries/operation-requests/operation-request-detail-json";
import { rejectOperationRequest } from "@/lib/services/operation-requests/reject-operation-request";
import {
  OperationRequestDetailResponseSchema,
  OperationRequestIdSchema,
  RejectOperationSchema,
} from "@/lib/validation/operation-requests";

export const dynamic = "force-dynamic";

/** POST /api/v1/operation-requests/:id/reject { reason }: the checker refuses a pending request. 200 with the request as it now stands. */
export const POST = apiRoute(
  {
    permission: "operation_requests.approve",
    params: OperationRequestIdSchema,
    body: RejectOperationSchema,
    output: OperationRequestDetailResponseSchema,
    idempotent: true,
  },
  async ({ principal, params, body }) => {
    await rejectOperationRequest(principal, params.id, body.reason);
    const detail = await getOperationRequestOrThrow(principal.merchantId, params.id);
    return { body: { data: toOperationRequestDetailJson(detail) } };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
