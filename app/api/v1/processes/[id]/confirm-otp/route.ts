import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getProcessOrThrow } from "@/lib/queries/processes/get-process";
import { confirmProcessCode } from "@/lib/services/ledger/decide-process";
import { authorizedViewerScopes } from "@/lib/services/ledger/viewer-scopes";
import {
  ConfirmCodeBodySchema,
  LedgerIdParamsSchema,
  ProcessDetailResponseSchema,
} from "@/lib/validation/processes";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/processes/:id/confirm-otp { code }: the customer's one-time code for a card issue
 * waiting for approval (6 digits, 5 tries, 10 minutes). With the service role's approval too, the
 * card issue runs. A wrong code is a 400 that counts a try. 200 with the process afterwards.
 */
export const POST = apiRoute(
  {
    permission: "authenticated",
    params: LedgerIdParamsSchema,
    body: ConfirmCodeBodySchema,
    output: ProcessDetailResponseSchema,
    idempotent: true,
  },
  async ({ principal, params, body }) => {
    await confirmProcessCode(principal, params.id, body);
    const scopes = authorizedViewerScopes(principal);
    return { body: { data: await getProcessOrThrow(principal.merchantId, scopes, params.id) } };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
