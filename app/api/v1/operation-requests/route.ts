import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { listOperationRequests } from "@/lib/queries/operation-requests/list-operation-requests";
import { toOperationRequestJson } from "@/lib/queries/operation-requests/operation-request-row";
import {
  OperationRequestFilterSchema,
  OperationRequestListResponseSchema,
} from "@/lib/validation/operation-requests";

export const dynamic = "force-dynamic";

/** GET /api/v1/operation-requests?state=pending&operation=refund&from=2026-01-01&pg=knet&currency=KWD&limit=25&cursor=... */
export const GET = apiRoute(
  {
    permission: "operation_requests.view",
    query: OperationRequestFilterSchema,
    output: OperationRequestListResponseSchema,
  },
  async ({ principal, query }) => {
    const page = await listOperationRequests(principal.merchantId, query);
    return {
      body: {
        data: page.data.map(toOperationRequestJson),
        nextCursor: page.nextCursor,
        total: page.total,
        totalCapped: page.totalCapped,
      },
    };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
