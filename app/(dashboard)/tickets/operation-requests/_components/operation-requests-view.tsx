"use client";

import Link from "next/link";
import { CursorPagination } from "@/components/data-table/cursor-pagination";
import { DataTable } from "@/components/data-table/data-table";
import { useTableUrlState } from "@/components/data-table/use-table-url-state";
import { EmptyState } from "@/components/ui/empty-state";
import type { GatewayOption } from "@/lib/queries/transactions/list-gateway-options";
import type { OperationRequestJson } from "@/lib/validation/operation-requests";
import { OPERATION_REQUEST_COLUMNS } from "./operation-request-columns";
import {
  CLEARED_TICKET_FILTERS,
  hasActiveTicketFilters,
  OperationRequestFilterForm,
  type TicketFilterValues,
} from "./operation-request-filters";
import { RequestViewerProvider } from "./request-actions";
import type { RequestViewer } from "./request-viewer";

/** The ticket table's client island: filters, table and paging share one URL state and one pending flag. */
export function OperationRequestsView({
  rows,
  nextCursor,
  applied,
  viewer,
  gateways,
  states,
  operations,
  currencies,
}: {
  rows: OperationRequestJson[];
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
      <div>
        <RequestViewerProvider viewer={viewer}>
          <DataTable
            caption="Operation requests"
            columns={OPERATION_REQUEST_COLUMNS}
            data={rows}
            getRowId={(row) => row.id}
            pending={urlState.isPending}
            empty={
              filtered ? (
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
              )
            }
          />
        </RequestViewerProvider>
      </div>
      <CursorPagination
        state={urlState}
        nextCursor={nextCursor}
        rowCount={rows.length}
        noun={["request", "requests"]}
      />
    </div>
  );
}
