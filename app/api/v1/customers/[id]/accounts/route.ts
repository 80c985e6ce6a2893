import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { getCustomerRef } from "@/lib/queries/customers/get-customer";
import { listAccounts } from "@/lib/queries/ledger-accounts/list-accounts";
import { toAccountJson } from "@/lib/queries/processes/process-json";
import { authorizedClientViewerScopes } from "@/lib/services/ledger/viewer-scopes";
import {
  AccountListResponseSchema,
  CustomerAccountListQuerySchema,
  LedgerIdParamsSchema,
} from "@/lib/validation/processes";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/customers/:id/accounts?kind=&currency=&limit=&cursor=: a customer's coins, vouchers
 * and deposits with their balances. Needs `transactions.view_client`; 404 for an unknown, malformed
 * or other merchant's customer.
 */
export const GET = apiRoute(
  {
    permission: "authenticated",
    params: LedgerIdParamsSchema,
    query: CustomerAccountListQuerySchema,
    output: AccountListResponseSchema,
  },
  async ({ principal, params, query }) => {
    const scopes = authorizedClientViewerScopes(principal);
    const customer = await getCustomerRef(principal.merchantId, params.id);
    if (!customer) throw notFound("Customer");
    const page = await listAccounts(principal.merchantId, scopes, {
      ...query,
      customer: customer.id,
    });
    return { body: { ...page, data: page.data.map(toAccountJson) } };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
