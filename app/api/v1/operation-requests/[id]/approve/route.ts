import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getOperationRequestOrThrow } from "@/lib/queries/operation-requests/get-operation-request";
import { toOperationRequestDetailJson } from "@/lib/queries/operation-requests/operation-request-detail-json";
import { approveOperationRequest } from "@/lib/services/operation-requests/approve-operation-request";
import {
  OperationRequestDetailResponseSchema,
  OperationRequestIdSchema,
} from "@/lib/validation/operation-requests";

export const dynamic = "force-dynamic";

/** POST /api/v1/operation-requests/:id/approve: the checker approves; the operation then runs against the gateway before this answers. 200 with the request as it now stands. */
export const POST = apiRoute(
  {
    permission: "operation_requests.approve",
    params: OperationRequestIdSchema,
    output: OperationRequestDetailResponseSchema,
    idempotent: true,
  },
  async ({ principal, params }) => {
    await approveOperationRequest(principal, params.id);
    const detail = await getOperationRequestOrThrow(principal.merchantId, params.id);
    return { body: { data: toOperationRequestDetailJson(detail) } };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
