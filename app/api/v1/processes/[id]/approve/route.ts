import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getProcessOrThrow } from "@/lib/queries/processes/get-process";
import { approveProcessStep } from "@/lib/services/ledger/decide-process";
import { authorizedViewerScopes } from "@/lib/services/ledger/viewer-scopes";
import {
  ApproveProcessBodySchema,
  LedgerIdParamsSchema,
  ProcessDetailResponseSchema,
} from "@/lib/validation/processes";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/processes/:id/approve { amount?, sourceAccountId? }: the approval the process's
 * status calls for (anti-fraud review of a limited process, the service role's approval of a card
 * issue, the second session of a pending distributed process, the payer of a created merchant
 * payment). 200 with the process as it stands afterwards. The body may be left out.
 */
export const POST = apiRoute(
  {
    permission: "authenticated",
    params: LedgerIdParamsSchema,
    body: ApproveProcessBodySchema,
    bodyOptional: true,
    output: ProcessDetailResponseSchema,
    idempotent: true,
  },
  async ({ principal, params, body }) => {
    await approveProcessStep(principal, params.id, body);
    const scopes = authorizedViewerScopes(principal);
    return { body: { data: await getProcessOrThrow(principal.merchantId, scopes, params.id) } };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
