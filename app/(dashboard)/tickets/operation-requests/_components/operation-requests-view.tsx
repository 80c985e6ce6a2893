"use client";

import Link from "next/link";
import { CursorPagination } from "@/components/data-table/cursor-pagination";
import { DataTable } from "@/components/data-table/data-table";
import { useTableUrlState } from "@/components/data-table/use-table-url-state";
import { EmptyState } from "@/components/ui/empty-state";
import type { GatewayOption } from "@/lib/queries/transactions/list-gateway-options";
import type { OperationRequestJson } from "@/lib/validation/operation-requests";
import { DecisionsProvider, useDecidedRows } from "./decided-requests";
import { OPERATION_REQUEST_COLUMNS, type TicketRow } from "./operation-request-columns";
import {
  CLEARED_TICKET_FILTERS,
  hasActiveTicketFilters,
  OperationRequestFilterForm,
  type TicketFilterValues,
} from "./operation-request-filters";
import { RequestViewerProvider } from "./request-actions";
import { RequestCards } from "./request-cards";
import type { RequestViewer } from "./request-viewer";

/**
 * The ticket table's client island: filters, table and paging share one URL state and one pending
 * flag. From 768 px a six-column table; below, one card per request (CSS picks, so the server's
 * HTML is right before any script runs).
 */
export function OperationRequestsView({
  rows: serverRows,
  customers,
  nextCursor,
  applied,
  viewer,
  gateways,
  states,
  operations,
  currencies,
}: {
  rows: OperationRequestJson[];
  /** The payment's customer, by payment id, for the approval's confirmation. */
  customers: Record<string, string>;
  nextCursor: string | null;
  applied: TicketFilterValues;
  viewer: RequestViewer;
  gateways: GatewayOption[];
  states: readonly string[];
  operations: readonly string[];
  currencies: readonly string[];
}) {
  const urlState = useTableUrlState();
  const filtered = hasActiveTicketFilters(applied);
  const { displayed, value: decisions } = useDecidedRows(serverRows);
  const rows: TicketRow[] = displayed.map((row) => ({
    ...row,
    customer: customers[row.transactionId] ?? null,
  }));
  const empty = filtered ? (
    <EmptyState
      title="No operation requests match these filters."
      action={
        <Link
          href={urlState.hrefWith(CLEARED_TICKET_FILTERS)}
          className="text-sm text-indigo-700 underline"
        >
          Clear filters
        </Link>
      }
    />
  ) : (
    <EmptyState
      title="No operation requests yet."
      description="Refunds and voids that wait for the checker, or need someone to act after a gateway failure, appear here."
    />
  );

  return (
    <div className="space-y-4">
      <OperationRequestFilterForm
        applied={applied}
        urlState={urlState}
        gateways={gateways}
        states={states}
        operations={operations}
        currencies={currencies}
      />
      <RequestViewerProvider viewer={viewer}>
        <DecisionsProvider value={decisions}>
          <div className="hidden md:block">
            <DataTable
              caption="Operation requests"
              columns={OPERATION_REQUEST_COLUMNS}
              data={rows}
              getRowId={(row) => row.id}
              pending={urlState.isPending}
              empty={empty}
            />
          </div>
          <div
            className={`md:hidden ${urlState.isPending ? "opacity-60" : ""}`}
            aria-busy={urlState.isPending}
          >
            {rows.length === 0 ? (
              <div className="rounded-lg border border-slate-200 bg-white">{empty}</div>
            ) : (
              <RequestCards rows={rows} />
            )}
          </div>
        </DecisionsProvider>
      </RequestViewerProvider>
      <CursorPagination
        state={urlState}
        nextCursor={nextCursor}
        rowCount={rows.length}
        noun={["request", "requests"]}
      />
    </div>
  );
}
