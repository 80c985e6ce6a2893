"use client";

import Link from "next/link";
import { CursorPagination } from "@/components/data-table/cursor-pagination";
import type { FilterOption } from "@/components/data-table/filter-form";
import { hasActiveFilters } from "@/components/data-table/use-filter-form";
import { useTableUrlState } from "@/components/data-table/use-table-url-state";
import { EmptyState } from "@/components/ui/empty-state";
import type { ProcessListRow } from "./process-columns";
import {
  CLEARED_PROCESS_FILTERS,
  type ProcessFilterKey,
  ProcessFilters,
  type ProcessFilterValues,
} from "./process-filters";
import { ProcessList } from "./process-list";

/** The one client island of a process list: filters, table and paging share one URL state. */
export function ProcessesView({
  rows,
  nextCursor,
  applied,
  types,
  statuses,
  currencies,
  customers,
  caption,
  emptyTitle,
  emptyDescription,
  filterLabel,
  show,
  variant = "plain",
  allStatusesLabel,
}: {
  rows: ProcessListRow[];
  nextCursor: string | null;
  applied: ProcessFilterValues;
  types: readonly FilterOption[];
  statuses: readonly FilterOption[];
  currencies: readonly string[];
  customers: readonly FilterOption[];
  caption: string;
  emptyTitle: string;
  emptyDescription: string;
  filterLabel?: string;
  show?: readonly ProcessFilterKey[];
  variant?: "plain" | "tickets";
  allStatusesLabel?: string;
}) {
  const urlState = useTableUrlState();
  const filtered = hasActiveFilters(applied);
  return (
    <div className="space-y-4">
      <ProcessFilters
        applied={applied}
        urlState={urlState}
        types={types}
        statuses={statuses}
        currencies={currencies}
        customers={customers}
        label={filterLabel}
        show={show}
        allStatusesLabel={allStatusesLabel}
      />
      <ProcessList
        rows={rows}
        caption={caption}
        pending={urlState.isPending}
        variant={variant}
        empty={
          filtered ? (
            <EmptyState
              title="Nothing matches these filters."
              action={
                <Link
                  href={urlState.hrefWith(CLEARED_PROCESS_FILTERS)}
                  className="text-sm text-indigo-700 underline"
                >
                  Clear filters
                </Link>
              }
            />
          ) : (
            <EmptyState title={emptyTitle} description={emptyDescription} />
          )
        }
      />
      <CursorPagination
        state={urlState}
        nextCursor={nextCursor}
        rowCount={rows.length}
        noun={["process", "processes"]}
      />
    </div>
  );
}
