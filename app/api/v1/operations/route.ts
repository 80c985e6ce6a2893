import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getOperationRequestOrThrow } from "@/lib/queries/operation-requests/get-operation-request";
import { toOperationRequestDetailJson } from "@/lib/queries/operation-requests/operation-request-detail-json";
import { submitOperationRequest } from "@/lib/services/operation-requests/submit-operation-request";
import {
  OperationRequestDetailResponseSchema,
  SubmitOperationSchema,
} from "@/lib/validation/operation-requests";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/operations: ask for a refund or void. 201 with the request: pending, or (checker,
 * whitelisted, plugin disabled) already executed. The service checks the refund/void permission.
 */
export const POST = apiRoute(
  {
    permission: "authenticated",
    body: SubmitOperationSchema,
    output: OperationRequestDetailResponseSchema,
    idempotent: true,
  },
  async ({ principal, body }) => {
    const id = await submitOperationRequest(principal, body);
    const detail = await getOperationRequestOrThrow(principal.merchantId, id);
    return { status: 201, body: { data: toOperationRequestDetailJson(detail) } };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
