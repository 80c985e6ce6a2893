import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getProcessOrThrow } from "@/lib/queries/processes/get-process";
import { authorizedViewerScopes } from "@/lib/services/ledger/viewer-scopes";
import { LedgerIdParamsSchema, ProcessDetailResponseSchema } from "@/lib/validation/processes";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/processes/:id with its transfers and steps; 404 alike for unknown, malformed, other
 * merchants' and out-of-scope ids, so a scope does not reveal what exists.
 */
export const GET = apiRoute(
  {
    permission: "authenticated",
    params: LedgerIdParamsSchema,
    output: ProcessDetailResponseSchema,
  },
  async ({ principal, params }) => {
    const scopes = authorizedViewerScopes(principal);
    return { body: { data: await getProcessOrThrow(principal.merchantId, scopes, params.id) } };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
