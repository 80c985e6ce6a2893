"use client";

import {
  type ColumnDef,
  flexRender,
  functionalUpdate,
  getCoreRowModel,
  type RowData,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table";
import type { ReactNode } from "react";

declare module "@tanstack/react-table" {
  // TData and TValue must be redeclared to merge with TanStack's interface.
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Numbers and amounts align right. */
    align?: "left" | "right";
    /** Extra classes for the column's header and cells, e.g. "hidden md:table-cell". */
    className?: string;
  }
}

export type DataTableProps<TData> = {
  // Columns differ in their value type; TanStack's own examples type the array this way.
  // biome-ignore lint/suspicious/noExplicitAny: a column array mixes value types
  columns: ColumnDef<TData, any>[];
  data: TData[];
  /** Names the table for assistive technology. */
  caption: string;
  getRowId?: (row: TData) => string;
  /**
   * Server-side sorting: the rows arrive sorted, and a header click reports the wanted order.
   * A column sorts when it has an accessor and `enableSorting` is not false; its id is the sort key.
   */
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
  /** Shown in place of the rows when there are none. */
  empty?: ReactNode;
  /** A navigation is loading: the current rows stay, dimmed, and the table is marked busy. */
  pending?: boolean;
};

export function DataTable<TData>({
  columns,
  data,
  caption,
  getRowId,
  sorting = [],
  onSortingChange,
  empty,
  pending = false,
}: DataTableProps<TData>) {
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    enableSorting: Boolean(onSortingChange),
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater) => onSortingChange?.(functionalUpdate(updater, sorting)),
  });
  const rows = table.getRowModel().rows;

  return (
    <div
      className={`overflow-x-auto rounded-lg border border-slate-200 bg-white transition-opacity ${pending ? "opacity-60" : ""}`}
    >
      <table aria-busy={pending} className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const { column } = header;
                const meta = column.columnDef.meta;
                const sorted = column.getIsSorted();
                const label = header.isPlaceholder
                  ? null
                  : flexRender(column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      column.getCanSort()
                        ? sorted === "asc"
                          ? "ascending"
                          : sorted === "desc"
                            ? "descending"
                            : "none"
                        : undefined
                    }
                    className={`px-4 py-2 font-medium whitespace-nowrap text-slate-600 ${meta?.align === "right" ? "text-right" : "text-left"} ${meta?.className ?? ""}`}
                  >
                    {column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={column.getToggleSortingHandler()}
                        className={`inline-flex items-center gap-1 rounded hover:text-slate-900 ${meta?.align === "right" ? "flex-row-reverse" : ""}`}
                      >
                        {label}
                        <SortIndicator direction={sorted} />
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={table.getVisibleLeafColumns().length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr
                key={row.id}
                data-row-id={getRowId ? row.id : undefined}
                className="hover:bg-slate-50"
              >
                {row.getVisibleCells().map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  return (
                    <td
                      key={cell.id}
                      className={`px-4 py-2 align-top ${meta?.align === "right" ? "text-right tabular-nums" : ""} ${meta?.className ?? ""}`}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function SortIndicator({ direction }: { direction: false | "asc" | "desc" }) {
  return (
    <span
      aria-hidden="true"
      className={`text-xs ${direction ? "text-slate-900" : "text-slate-300"}`}
    >
      {direction === "asc" ? "▲" : direction === "desc" ? "▼" : "↕"}
    </span>
  );
}
