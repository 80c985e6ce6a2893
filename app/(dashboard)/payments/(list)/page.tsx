import type { Metadata } from "next";
import { FilterNotice } from "@/components/data-table/filter-notice";
import { ListTotal } from "@/components/data-table/list-total";
import { requirePermission } from "@/lib/auth/session";
import { CURRENCY_CODES } from "@/lib/domain/money/currency";
import { firstPageIfCursorRefused } from "@/lib/queries/keyset-cursor";
import { listGatewayOptions } from "@/lib/queries/transactions/list-gateway-options";
import { listTransactions } from "@/lib/queries/transactions/list-transactions";
import { toTransactionJson } from "@/lib/queries/transactions/transaction-row";
import { parseTransactionListParams, TRANSACTION_STATES } from "@/lib/validation/transactions";
import { PaymentsView } from "../_components/payments-view";

export const metadata: Metadata = { title: "Payments" };

/** The address's parameters, named as the filters and the table name them. */
const PARAM_LABELS: Record<string, string> = {
  state: "State",
  gateway: "Gateway",
  pg: "Gateway (PG)",
  currency: "Currency",
  from: "From date",
  to: "To date",
  q: "Search",
  sort: "Sort",
  dir: "Sort direction",
  limit: "Page size",
  cursor: "Page",
};

export default async function PaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePermission("transactions.view");
  const { query, ignored } = parseTransactionListParams(await searchParams);
  const [{ page, cursorRejected }, gateways] = await Promise.all([
    firstPageIfCursorRefused((q) => listTransactions(principal.merchantId, q), query),
    listGatewayOptions(principal.merchantId),
  ]);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Payments</h1>
      <FilterNotice ignored={ignored} cursorRejected={cursorRejected} labels={PARAM_LABELS} />
      <ListTotal total={page.total} capped={page.totalCapped} noun={["payment", "payments"]} />
      <PaymentsView
        rows={page.data.map(toTransactionJson)}
        nextCursor={page.nextCursor}
        applied={{
          state: query.state?.join(",") ?? "",
          gateway: query.gateway ?? query.pg ?? "",
          currency: query.currency ?? "",
          from: query.from ?? "",
          to: query.to ?? "",
          q: query.q ?? "",
        }}
        sort={{ id: query.sort, desc: query.dir === "desc" }}
        gateways={gateways}
        states={TRANSACTION_STATES}
        currencies={CURRENCY_CODES}
      />
    </div>
  );
}
