import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getProcessOrThrow } from "@/lib/queries/processes/get-process";
import { declineProcess } from "@/lib/services/ledger/decide-process";
import { authorizedViewerScopes } from "@/lib/services/ledger/viewer-scopes";
import {
  LedgerIdParamsSchema,
  OptionalReasonBodySchema,
  ProcessDetailResponseSchema,
} from "@/lib/validation/processes";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/processes/:id/decline { reason? }: a pending distributed process's holds are
 * released; a created merchant payment or a card issue waiting for approval ends without moving
 * anything. 200 with the process as it stands afterwards. The body may be left out.
 */
export const POST = apiRoute(
  {
    permission: "authenticated",
    params: LedgerIdParamsSchema,
    body: OptionalReasonBodySchema,
    bodyOptional: true,
    output: ProcessDetailResponseSchema,
    idempotent: true,
  },
  async ({ principal, params, body }) => {
    await declineProcess(principal, params.id, body);
    const scopes = authorizedViewerScopes(principal);
    return { body: { data: await getProcessOrThrow(principal.merchantId, scopes, params.id) } };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
