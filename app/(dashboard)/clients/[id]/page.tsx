import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { BalanceCells } from "@/app/(dashboard)/_components/balance-cells";
import { EmptyState } from "@/components/ui/empty-state";
import { decisionActorOf } from "@/lib/auth/principal";
import { requirePermission } from "@/lib/auth/session";
import { processTypeDefinition } from "@/lib/domain/ledger/catalogue";
import { mayRunProcess, mayViewClientProcesses } from "@/lib/domain/policies/processes";
import { getCustomer } from "@/lib/queries/customers/list-customers";
import { gatewayCodesOf, listProcesses } from "@/lib/queries/processes/list-processes";
import { toAccountJson, toProcessJson } from "@/lib/queries/processes/process-json";
import { CLIENT_FORM_TYPES } from "@/lib/validation/customers";
import { ProcessList } from "../../ledger/_components/process-list";
import { NewProcessForm } from "../_components/new-process-form";

export const metadata: Metadata = { title: "Client" };

const LAST_TRANSACTIONS = 20;

export default async function ClientPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePermission("transactions.view");
  const actor = decisionActorOf(principal);
  const clientScope = mayViewClientProcesses(actor).ok;
  const { id } = await params;
  const customer = await getCustomer(principal.merchantId, id, { withAccounts: clientScope });
  if (!customer) notFound();

  const [processes, gateways] = clientScope
    ? await Promise.all([
        listProcesses(principal.merchantId, ["client"], {
          customer: customer.id,
          scope: "client",
          dir: "desc",
          limit: LAST_TRANSACTIONS,
        }),
        gatewayCodesOf(principal.merchantId),
      ])
    : [null, null];
  const accounts = customer.accounts.map(toAccountJson);
  const coins = accounts.filter((a) => a.kind === "client_coin" && a.status === "active");
  const runnable = CLIENT_FORM_TYPES.filter((type) => mayRunProcess(actor, type).ok).map(
    (type) => ({ value: type, label: processTypeDefinition(type).uiName }),
  );

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href="/clients" className="text-sm text-indigo-700 hover:underline">
          ← Clients
        </Link>
        <h1 className="text-2xl font-semibold">{customer.name}</h1>
      </div>

      <section aria-labelledby="details-heading" className="space-y-3">
        <h2 id="details-heading" className="text-lg font-medium">
          Details
        </h2>
        <dl className="grid grid-cols-1 gap-x-8 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
          <Detail label="Email">{customer.email ?? "—"}</Detail>
          <Detail label="Phone">{customer.phone ?? "—"}</Detail>
          <Detail label="Base currency">{customer.baseCurrency}</Detail>
          <Detail label="Client since">{customer.createdAt.toISOString().slice(0, 10)}</Detail>
        </dl>
      </section>

      {clientScope && (
        <section aria-labelledby="accounts-heading" className="space-y-3">
          <h2 id="accounts-heading" className="text-lg font-medium">
            Accounts
          </h2>
          {accounts.length === 0 ? (
            <div className="rounded-lg border border-slate-200 bg-white">
              <EmptyState title="No accounts yet." />
            </div>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Accounts of {customer.name}</caption>
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Account
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Status
                    </th>
                    <th scope="col" className="px-4 py-2 text-right font-medium">
                      Posted
                    </th>
                    <th scope="col" className="px-4 py-2 text-right font-medium">
                      Pending (held)
                    </th>
                    <th scope="col" className="px-4 py-2 text-right font-medium">
                      Available
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {accounts.map((account) => (
                    <tr key={account.id} data-account-id={account.id}>
                      <td className="px-4 py-2">
                        <span className="font-medium">{account.name}</span>{" "}
                        <span className="text-slate-500">({account.kindName})</span>
                      </td>
                      <td className="px-4 py-2 capitalize">{account.status}</td>
                      <BalanceCells account={account} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      {clientScope && runnable.length > 0 && coins.length > 0 && (
        <section aria-labelledby="new-heading" className="space-y-3">
          <h2 id="new-heading" className="text-lg font-medium">
            New process
          </h2>
          <NewProcessForm
            types={runnable}
            accounts={coins.map((a) => ({ id: a.id, name: a.name, currency: a.currency }))}
            customer={customer.name}
          />
        </section>
      )}

      {processes && gateways && (
        <section aria-labelledby="last-heading" className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="last-heading" className="text-lg font-medium">
              Last transactions
            </h2>
            <Link
              href={`/ledger/transactions?customer=${customer.id}`}
              className="text-sm text-indigo-700 underline"
            >
              All transactions of {customer.name}
            </Link>
          </div>
          <ProcessList
            rows={processes.data.map((row) => toProcessJson(row, gateways))}
            caption={`Last transactions of ${customer.name}`}
            empty={<EmptyState title="No transactions yet." />}
          />
        </section>
      )}
    </div>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}
