import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { getAccount, listAccountTransfers } from "@/lib/queries/ledger-accounts/list-accounts";
import { toTransferJson } from "@/lib/queries/processes/process-json";
import { authorizedViewerScopes } from "@/lib/services/ledger/viewer-scopes";
import {
  LedgerIdParamsSchema,
  TransferListQuerySchema,
  TransferListResponseSchema,
} from "@/lib/validation/processes";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/accounts/:id/transfers?limit=25&cursor=...: the atomic transfers that debit or credit
 * the account, newest first; 404 when the account is not one the caller may see.
 */
export const GET = apiRoute(
  {
    permission: "authenticated",
    params: LedgerIdParamsSchema,
    query: TransferListQuerySchema,
    output: TransferListResponseSchema,
  },
  async ({ principal, params, query }) => {
    const scopes = authorizedViewerScopes(principal);
    const account = await getAccount(principal.merchantId, scopes, params.id);
    if (!account) throw notFound("Account");
    const page = await listAccountTransfers(account.id, query);
    return { body: { ...page, data: page.data.map(toTransferJson) } };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
