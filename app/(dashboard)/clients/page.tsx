import type { Metadata } from "next";
import { FilterNotice } from "@/components/data-table/filter-notice";
import { ListTotal } from "@/components/data-table/list-total";
import { decisionActorOf } from "@/lib/auth/principal";
import { requirePermission } from "@/lib/auth/session";
import { mayViewClientProcesses } from "@/lib/domain/policies/processes";
import { listCustomers } from "@/lib/queries/customers/list-customers";
import { firstPageIfCursorRefused } from "@/lib/queries/keyset-cursor";
import { toAccountJson } from "@/lib/queries/processes/process-json";
import { ClientListQuerySchema } from "@/lib/validation/customers";
import { parsePageParams } from "@/lib/validation/list-params";
import { ClientsView } from "./_components/clients-view";

export const metadata: Metadata = { title: "Clients" };

/**
 * The merchant's customers. Every member sees who they are (payments show them already); their
 * coins and balances only with the client viewer scope (transactions.view_client).
 */
export default async function ClientsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePermission("transactions.view");
  const withAccounts = mayViewClientProcesses(decisionActorOf(principal)).ok;
  const { query, ignored } = parsePageParams(ClientListQuerySchema, await searchParams);
  const { page, cursorRejected } = await firstPageIfCursorRefused(
    (q) => listCustomers(principal.merchantId, { ...q, withAccounts }),
    query,
  );

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Clients</h1>
      <FilterNotice
        ignored={ignored}
        cursorRejected={cursorRejected}
        labels={{ q: "Search", limit: "Page size", cursor: "Page" }}
      />
      <ListTotal total={page.total} capped={page.totalCapped} noun={["client", "clients"]} />
      <ClientsView
        rows={page.data.map((customer) => ({
          id: customer.id,
          name: customer.name,
          email: customer.email,
          phone: customer.phone,
          balances: withAccounts
            ? customer.accounts.map((row) => {
                const account = toAccountJson(row);
                return {
                  id: account.id,
                  name: account.name,
                  available: account.balances.available,
                  currency: account.currency,
                };
              })
            : null,
        }))}
        nextCursor={page.nextCursor}
        q={query.q ?? ""}
      />
    </div>
  );
}
