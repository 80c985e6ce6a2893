import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { FilterNotice } from "@/components/data-table/filter-notice";
import { ListTotal } from "@/components/data-table/list-total";
import { requirePermission } from "@/lib/auth/session";
import { CURRENCY_CODES } from "@/lib/domain/money/currency";
import { formatAmount } from "@/lib/format";
import { getAccount } from "@/lib/queries/ledger-accounts/list-accounts";
import { toAccountJson } from "@/lib/queries/processes/process-json";
import {
  loadProcessPage,
  PROCESS_PARAM_LABELS,
  STATUS_OPTIONS,
} from "../../ledger/_components/load-process-page";
import { ProcessesView } from "../../ledger/_components/processes-view";

export const metadata: Metadata = { title: "System account" };

/** System account > View transactions: the system processes that touch this account. */
export default async function SystemAccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePermission("transactions.view_system");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const row = await getAccount(principal.merchantId, ["system"], id);
  if (!row) notFound();
  const account = toAccountJson(row);
  const page = await loadProcessPage(principal.merchantId, ["system"], await searchParams, {
    account: account.id,
    scope: "system",
  });
  const money = (decimal: string) => formatAmount(decimal, account.currency);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/system-accounts" className="text-sm text-indigo-700 hover:underline">
          ← System accounts
        </Link>
        <h1 className="text-2xl font-semibold">{account.name}</h1>
        <p className="text-sm text-slate-600">
          {account.kindName} · {account.currency}
          {account.gatewayCode ? ` · gateway ${account.gatewayCode}` : ""} · {account.status}
        </p>
      </div>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {(
          [
            ["Posted", account.balances.posted],
            ["Pending", account.balances.pending],
            ["Available", account.balances.available],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums">{money(value)}</dd>
          </div>
        ))}
      </dl>
      <h2 className="text-lg font-medium">Transactions</h2>
      <FilterNotice
        ignored={page.ignored}
        cursorRejected={page.cursorRejected}
        labels={PROCESS_PARAM_LABELS}
      />
      <ListTotal total={page.total} capped={page.totalCapped} noun={["process", "processes"]} />
      <ProcessesView
        rows={page.rows}
        nextCursor={page.nextCursor}
        applied={page.applied}
        types={page.typeOptions}
        statuses={STATUS_OPTIONS}
        currencies={CURRENCY_CODES}
        customers={[]}
        caption={`System transactions of ${account.name}`}
        emptyTitle="No system transactions on this account yet."
        emptyDescription="Processes that move this account's money appear here."
        filterLabel="Filter this account's transactions"
        show={["type", "status", "from", "to", "minAmount", "maxAmount", "currency"]}
      />
    </div>
  );
}
