"use client";

import { Button } from "@/components/ui/button";
import type { TableUrlState } from "./use-table-url-state";

/**
 * Previous/Next for keyset pages. Shows how many rows this page holds, never a grand total: a
 * total would need COUNT(*) over everything the filters match.
 */
export function CursorPagination({
  state,
  nextCursor,
  rowCount,
  noun = ["row", "rows"],
}: {
  state: TableUrlState;
  nextCursor: string | null;
  rowCount: number;
  noun?: [singular: string, plural: string];
}) {
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600" aria-live="polite">
        {rowCount} {rowCount === 1 ? noun[0] : noun[1]} on page {state.pageNumber}
      </p>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          type="button"
          disabled={!state.hasPreviousPage || state.isPending}
          onClick={state.previousPage}
        >
          Previous page
        </Button>
        <Button
          variant="secondary"
          type="button"
          disabled={!nextCursor || state.isPending}
          onClick={() => nextCursor && state.nextPage(nextCursor)}
        >
          Next page
        </Button>
      </div>
    </nav>
  );
}
