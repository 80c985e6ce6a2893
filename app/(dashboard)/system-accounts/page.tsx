import type { Metadata } from "next";
import Link from "next/link";
import { BalanceCells } from "@/app/(dashboard)/_components/balance-cells";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePermission } from "@/lib/auth/session";
import { listAccounts } from "@/lib/queries/ledger-accounts/list-accounts";
import { toAccountJson } from "@/lib/queries/processes/process-json";
import { MAX_LIMIT } from "@/lib/validation/list-params";

export const metadata: Metadata = { title: "System accounts" };

/**
 * The merchant's own accounts (merchant coin, bank, fees, exchange reserves, a clearing account per
 * gateway, cash desks) with their balances; transactions.view_system. A merchant has a handful per
 * currency, so one page of the most a list returns holds them; the note says when it does not.
 */
export default async function SystemAccountsPage() {
  const principal = await requirePermission("transactions.view_system");
  const page = await listAccounts(principal.merchantId, ["system"], { limit: MAX_LIMIT });
  const accounts = page.data.map(toAccountJson);

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500">Ledger</p>
        <h1 className="text-2xl font-semibold">System accounts</h1>
      </div>
      {page.nextCursor && (
        <p role="note" className="text-sm text-amber-800">
          Showing the first {accounts.length} of {page.total} accounts.
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">System accounts and their balances</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Account
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Kind
              </th>
              <th scope="col" className="px-4 py-2 text-right font-medium">
                Posted
              </th>
              <th scope="col" className="px-4 py-2 text-right font-medium">
                Pending
              </th>
              <th scope="col" className="px-4 py-2 text-right font-medium">
                Available
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                <span className="sr-only">Transactions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {accounts.length === 0 ? (
              <tr>
                <td colSpan={6}>
                  <EmptyState
                    title="No system accounts yet."
                    description="They open with the first process that needs them."
                  />
                </td>
              </tr>
            ) : (
              accounts.map((account) => (
                <tr key={account.id} data-account-id={account.id}>
                  <td className="px-4 py-2 font-medium">
                    {account.name}
                    {account.gatewayCode && (
                      <span className="block text-xs font-normal text-slate-500">
                        Gateway {account.gatewayCode}
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">{account.kindName}</td>
                  <BalanceCells account={account} />
                  <td className="px-4 py-2 whitespace-nowrap">
                    <Link
                      href={`/system-accounts/${account.id}`}
                      className="text-indigo-700 underline"
                    >
                      View transactions<span className="sr-only"> of {account.name}</span>
                    </Link>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
