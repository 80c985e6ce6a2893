import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getProcessOrThrow } from "@/lib/queries/processes/get-process";
import { reviewRejectProcess } from "@/lib/services/ledger/decide-process";
import { authorizedViewerScopes } from "@/lib/services/ledger/viewer-scopes";
import {
  LedgerIdParamsSchema,
  ProcessDetailResponseSchema,
  ReasonBodySchema,
} from "@/lib/validation/processes";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/processes/:id/reject { reason }: the anti-fraud reviewer (`processes.review`)
 * rejects a limited process; nothing was held, nothing moves. 200 with the process afterwards.
 */
export const POST = apiRoute(
  {
    permission: "authenticated",
    params: LedgerIdParamsSchema,
    body: ReasonBodySchema,
    output: ProcessDetailResponseSchema,
    idempotent: true,
  },
  async ({ principal, params, body }) => {
    await reviewRejectProcess(principal, params.id, body);
    const scopes = authorizedViewerScopes(principal);
    return { body: { data: await getProcessOrThrow(principal.merchantId, scopes, params.id) } };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
