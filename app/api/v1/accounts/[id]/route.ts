import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { getAccount } from "@/lib/queries/ledger-accounts/list-accounts";
import { toAccountJson } from "@/lib/queries/processes/process-json";
import { authorizedViewerScopes } from "@/lib/services/ledger/viewer-scopes";
import { AccountDetailResponseSchema, LedgerIdParamsSchema } from "@/lib/validation/processes";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/accounts/:id: one account with its balances (the four columns, and posted, pending
 * and available on its normal side); 404 alike for unknown, malformed, other merchants' and
 * out-of-scope ids.
 */
export const GET = apiRoute(
  {
    permission: "authenticated",
    params: LedgerIdParamsSchema,
    output: AccountDetailResponseSchema,
  },
  async ({ principal, params }) => {
    const scopes = authorizedViewerScopes(principal);
    const account = await getAccount(principal.merchantId, scopes, params.id);
    if (!account) throw notFound("Account");
    return { body: { data: toAccountJson(account) } };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
