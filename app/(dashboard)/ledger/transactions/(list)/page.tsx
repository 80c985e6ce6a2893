import type { Metadata } from "next";
import { FilterNotice } from "@/components/data-table/filter-notice";
import { ListTotal } from "@/components/data-table/list-total";
import { requirePermission } from "@/lib/auth/session";
import { CURRENCY_CODES } from "@/lib/domain/money/currency";
import { listCustomerOptions } from "@/lib/queries/customers/list-customers";
import {
  loadProcessPage,
  PROCESS_PARAM_LABELS,
  STATUS_OPTIONS,
} from "../../_components/load-process-page";
import { ProcessesView } from "../../_components/processes-view";

export const metadata: Metadata = { title: "Transactions" };

/**
 * The client side of the ledger (transactions.view_client): every process a customer's money
 * moved in, whatever else the viewer may see; system processes live under System accounts.
 */
export default async function LedgerTransactionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePermission("transactions.view_client");
  const [page, customers] = await Promise.all([
    loadProcessPage(principal.merchantId, ["client"], await searchParams, { scope: "client" }),
    listCustomerOptions(principal.merchantId),
  ]);

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500">Ledger</p>
        <h1 className="text-2xl font-semibold">Transactions</h1>
      </div>
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
        customers={customers}
        caption="Client transactions"
        emptyTitle="No client transactions yet."
        emptyDescription="Top-ups, transfers, withdrawals and card payments of your customers appear here."
      />
    </div>
  );
}
