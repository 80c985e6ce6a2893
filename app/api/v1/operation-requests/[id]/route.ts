import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getOperationRequestOrThrow } from "@/lib/queries/operation-requests/get-operation-request";
import { toOperationRequestDetailJson } from "@/lib/queries/operation-requests/operation-request-detail-json";
import {
  OperationRequestDetailResponseSchema,
  OperationRequestIdSchema,
} from "@/lib/validation/operation-requests";

export const dynamic = "force-dynamic";

/** GET /api/v1/operation-requests/:id with its history; 404 alike for unknown, malformed and other merchants' ids. */
export const GET = apiRoute(
  {
    permission: "operation_requests.view",
    params: OperationRequestIdSchema,
    output: OperationRequestDetailResponseSchema,
  },
  async ({ principal, params }) => {
    const detail = await getOperationRequestOrThrow(principal.merchantId, params.id);
    return { body: { data: toOperationRequestDetailJson(detail) } };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
