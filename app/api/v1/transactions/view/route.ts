import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { listProcessesJson } from "@/lib/queries/processes/list-processes";
import { authorizedViewerScopes } from "@/lib/services/ledger/viewer-scopes";
import { ProcessListResponseSchema, ProcessViewBodySchema } from "@/lib/validation/processes";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/transactions/view: the processes list (GET /api/v1/processes) under the source's
 * name, its filters as a JSON body (`type` and `status` may be arrays). A read: it writes nothing,
 * so it takes no Idempotency-Key. Without a body it lists the first page unfiltered. This static segment wins over /transactions/[id] (the payments),
 * so "view" is never read as a payment id; GET here is 405.
 */
export const POST = apiRoute(
  {
    permission: "authenticated",
    body: ProcessViewBodySchema,
    bodyOptional: true,
    output: ProcessListResponseSchema,
  },
  async ({ principal, body }) => {
    const scopes = authorizedViewerScopes(principal);
    return { body: await listProcessesJson(principal.merchantId, scopes, body) };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
