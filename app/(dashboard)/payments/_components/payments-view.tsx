"use client";

import Link from "next/link";
import { CursorPagination } from "@/components/data-table/cursor-pagination";
import { DataTable } from "@/components/data-table/data-table";
import { useTableUrlState } from "@/components/data-table/use-table-url-state";
import { EmptyState } from "@/components/ui/empty-state";
import type { GatewayOption } from "@/lib/queries/transactions/list-gateway-options";
import type { TransactionJson, TransactionSort } from "@/lib/validation/transactions";
import { PAYMENT_COLUMNS } from "./payment-columns";
import {
  CLEARED_FILTERS,
  type FilterValues,
  hasActiveFilters,
  PaymentFilters,
} from "./payment-filters";

/** The one client island of the list: filters, table and paging share one URL state and one pending flag. */
export function PaymentsView({
  rows,
  nextCursor,
  applied,
  sort,
  gateways,
  states,
  currencies,
}: {
  rows: TransactionJson[];
  nextCursor: string | null;
  applied: FilterValues;
  sort: { id: TransactionSort; desc: boolean };
  gateways: GatewayOption[];
  states: readonly string[];
  currencies: readonly string[];
}) {
  const urlState = useTableUrlState({ defaultSort: { id: "created_at", desc: true } });
  const filtered = hasActiveFilters(applied);

  return (
    <div className="space-y-4">
      <PaymentFilters
        applied={applied}
        urlState={urlState}
        gateways={gateways}
        states={states}
        currencies={currencies}
      />
      <DataTable
        caption="Payments"
        columns={PAYMENT_COLUMNS}
        data={rows}
        getRowId={(row) => row.id}
        // What the server sorted by, not the raw URL: an invalid `sort` was ignored there.
        sorting={[sort]}
        onSortingChange={urlState.setSorting}
        pending={urlState.isPending}
        empty={
          filtered ? (
            <EmptyState
              title="No payments match these filters."
              action={
                <Link
                  href={urlState.hrefWith(CLEARED_FILTERS)}
                  className="text-sm text-indigo-700 underline"
                >
                  Clear filters
                </Link>
              }
            />
          ) : (
            <EmptyState
              title="No payments yet."
              description="Payments appear here as your gateways report them."
            />
          )
        }
      />
      <CursorPagination
        state={urlState}
        nextCursor={nextCursor}
        rowCount={rows.length}
        noun={["payment", "payments"]}
      />
    </div>
  );
}
