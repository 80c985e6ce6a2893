"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { CursorPagination } from "@/components/data-table/cursor-pagination";
import { DataTable } from "@/components/data-table/data-table";
import { FilterField, FilterForm } from "@/components/data-table/filter-form";
import { useFilterForm } from "@/components/data-table/use-filter-form";
import { useTableUrlState } from "@/components/data-table/use-table-url-state";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { formatAmount } from "@/lib/format";

export type ClientRow = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** Each coin's available balance; null when the viewer may not see client accounts. */
  balances: { id: string; name: string; available: string; currency: string }[] | null;
};

const column = createColumnHelper<ClientRow>();

const COLUMNS = [
  column.accessor("name", {
    header: "Client",
    enableSorting: false,
    cell: (cell) => (
      <Link
        href={`/clients/${cell.row.original.id}`}
        prefetch={false}
        className="font-medium text-indigo-700 hover:underline"
      >
        {cell.getValue()}
      </Link>
    ),
  }),
  column.accessor((row) => row.email ?? "", {
    id: "email",
    header: "Email",
    enableSorting: false,
    meta: { className: "hidden sm:table-cell" },
    cell: (cell) => <span className="text-slate-700">{cell.getValue() || "—"}</span>,
  }),
  column.accessor((row) => row.phone ?? "", {
    id: "phone",
    header: "Phone",
    enableSorting: false,
    meta: { className: "hidden lg:table-cell" },
    cell: (cell) => (
      <span className="whitespace-nowrap text-slate-700">{cell.getValue() || "—"}</span>
    ),
  }),
  column.display({
    id: "balances",
    header: "Available balances",
    cell: (cell) => {
      const balances = cell.row.original.balances;
      if (balances === null) return <span className="text-slate-400">Not shown</span>;
      if (balances.length === 0) return <span className="text-slate-500">No accounts</span>;
      return (
        <ul className="space-y-0.5">
          {balances.map((balance) => (
            <li key={balance.id} className="whitespace-nowrap tabular-nums">
              {formatAmount(balance.available, balance.currency)}{" "}
              <span className="text-xs text-slate-500">{balance.name}</span>
            </li>
          ))}
        </ul>
      );
    },
  }),
];

export function ClientsView({
  rows,
  nextCursor,
  q,
}: {
  rows: ClientRow[];
  nextCursor: string | null;
  q: string;
}) {
  const urlState = useTableUrlState();
  const form = useFilterForm({ applied: { q }, cleared: { q: null }, urlState });
  return (
    <div className="space-y-4">
      <FilterForm label="Search clients" wideAt="xl" form={form}>
        <FilterField label="Search" htmlFor="filter-q">
          <Input
            id="filter-q"
            name="q"
            type="search"
            value={form.values.q}
            maxLength={100}
            placeholder="Name or email"
            onChange={form.onInput}
          />
        </FilterField>
      </FilterForm>
      <DataTable
        caption="Clients"
        columns={COLUMNS}
        data={rows}
        getRowId={(row) => row.id}
        pending={urlState.isPending}
        empty={
          q ? (
            <EmptyState title="No client matches this search." />
          ) : (
            <EmptyState
              title="No clients yet."
              description="Customers appear here with their first payment or account."
            />
          )
        }
      />
      <CursorPagination
        state={urlState}
        nextCursor={nextCursor}
        rowCount={rows.length}
        noun={["client", "clients"]}
      />
    </div>
  );
}
