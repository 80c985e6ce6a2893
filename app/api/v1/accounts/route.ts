import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { listAccounts } from "@/lib/queries/ledger-accounts/list-accounts";
import { toAccountJson } from "@/lib/queries/processes/process-json";
import { authorizedViewerScopes } from "@/lib/services/ledger/viewer-scopes";
import { AccountListQuerySchema, AccountListResponseSchema } from "@/lib/validation/processes";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/accounts?kind=client_coin&currency=KWD&customer=...&limit=25&cursor=...: the ledger
 * accounts the caller's viewer scopes may see (client-side accounts with the client scope, system
 * accounts with the system scope), oldest first, with their balances.
 */
export const GET = apiRoute(
  {
    permission: "authenticated",
    query: AccountListQuerySchema,
    output: AccountListResponseSchema,
  },
  async ({ principal, query }) => {
    const scopes = authorizedViewerScopes(principal);
    const page = await listAccounts(principal.merchantId, scopes, query);
    return { body: { ...page, data: page.data.map(toAccountJson) } };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
