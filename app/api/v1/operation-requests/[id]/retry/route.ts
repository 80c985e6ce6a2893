import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getOperationRequestOrThrow } from "@/lib/queries/operation-requests/get-operation-request";
import { toOperationRequestDetailJson } from "@/lib/queries/operation-requests/operation-request-detail-json";
import { retryOperationRequest } from "@/lib/services/operation-requests/retry-operation-request";
import {
  OperationRequestDetailResponseSchema,
  OperationRequestIdSchema,
} from "@/lib/validation/operation-requests";

export const dynamic = "force-dynamic";

/** POST /api/v1/operation-requests/:id/retry: runs a request that needs manual action against the gateway again, before this answers. 200 with the request as it now stands. */
export const POST = apiRoute(
  {
    // The permission is the request's own operation's (payments.refund or payments.void), known
    // once it is loaded: the service's policy (lib/domain/policies) decides, as for the action.
    permission: "authenticated",
    params: OperationRequestIdSchema,
    output: OperationRequestDetailResponseSchema,
    idempotent: true,
  },
  async ({ principal, params }) => {
    await retryOperationRequest(principal, params.id);
    const detail = await getOperationRequestOrThrow(principal.merchantId, params.id);
    return { body: { data: toOperationRequestDetailJson(detail) } };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
