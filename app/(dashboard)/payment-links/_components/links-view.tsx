"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { CursorPagination } from "@/components/data-table/cursor-pagination";
import { DataTable } from "@/components/data-table/data-table";
import {
  DateRangeFields,
  FilterField,
  FilterForm,
  FilterSelect,
} from "@/components/data-table/filter-form";
import { hasActiveFilters, useFilterForm } from "@/components/data-table/use-filter-form";
import { useTableUrlState } from "@/components/data-table/use-table-url-state";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { formatAmount, formatTimestamp, humanize } from "@/lib/format";
import type { PaymentLinkRow } from "@/lib/queries/checkout/list-payment-links";
import type { PaymentLinkFilterKey } from "@/lib/validation/payment-links";
import { CopyLinkButton, QrButton, ResendCancelButtons } from "./link-actions";
import { LinkStateBadge } from "./link-state-badge";

export type LinkFilterValues = Record<PaymentLinkFilterKey, string>;
const CLEARED: Record<PaymentLinkFilterKey, null> = { state: null, from: null, to: null, q: null };
const OPEN_STATES = ["created", "pending", "attempted"];

const column = createColumnHelper<PaymentLinkRow>();

function columns(canManage: boolean) {
  return [
    column.accessor("createdAt", {
      header: "Created",
      meta: { className: "hidden md:table-cell" },
      cell: (cell) => (
        <time dateTime={cell.getValue()} className="whitespace-nowrap text-slate-600">
          {formatTimestamp(cell.getValue())}
        </time>
      ),
    }),
    column.accessor("orderNo", {
      header: "Order number",
      cell: (cell) => (
        <div className="min-w-0">
          <Link
            href={`/payment-links/${cell.row.original.id}`}
            className="font-medium break-all text-indigo-700 hover:underline"
          >
            {cell.getValue()}
          </Link>
          <p className="truncate text-xs text-slate-500 md:hidden">
            {cell.row.original.customerName ?? cell.row.original.customerEmail ?? ""}
          </p>
        </div>
      ),
    }),
    column.accessor("customerName", {
      header: "Customer",
      meta: { className: "hidden md:table-cell" },
      cell: (cell) => {
        const row = cell.row.original;
        if (!row.customerName && !row.customerEmail && !row.customerPhone)
          return <span className="text-slate-400">—</span>;
        return (
          <div className="min-w-0">
            <p className="truncate">{row.customerName ?? "—"}</p>
            <p className="truncate text-xs text-slate-500">
              {row.customerEmail ?? row.customerPhone}
            </p>
          </div>
        );
      },
    }),
    column.accessor("amount", {
      header: "Amount",
      cell: (cell) => (
        <span className="whitespace-nowrap tabular-nums">
          {formatAmount(cell.getValue(), cell.row.original.currency)}
        </span>
      ),
    }),
    column.accessor("state", {
      header: "State",
      cell: (cell) => <LinkStateBadge state={cell.getValue()} />,
    }),
    column.display({
      id: "actions",
      header: "Link",
      cell: (cell) => {
        const row = cell.row.original;
        return (
          <div className="flex flex-wrap gap-1">
            <CopyLinkButton url={row.shortUrl} label="Copy" />
            <QrButton qrUrl={row.qrUrl} shortUrl={row.shortUrl} />
            {canManage && (
              <ResendCancelButtons link={{ ...row, open: OPEN_STATES.includes(row.state) }} />
            )}
          </div>
        );
      },
    }),
  ];
}

/** Filters, table and paging of the Payment links page; the truth of every filter is the URL. */
export function LinksView({
  rows,
  nextCursor,
  applied,
  states,
  canCreate,
  canManage,
}: {
  rows: PaymentLinkRow[];
  nextCursor: string | null;
  applied: LinkFilterValues;
  states: readonly string[];
  canCreate: boolean;
  canManage: boolean;
}) {
  const urlState = useTableUrlState({ defaultSort: { id: "created_at", desc: true } });
  const form = useFilterForm({ applied, cleared: CLEARED, urlState });
  const filtered = hasActiveFilters(applied);
  return (
    <div className="space-y-4">
      <FilterForm label="Filter payment links" wideAt="xl" form={form}>
        <FilterSelect
          form={form}
          name="state"
          label="State"
          allLabel="All states"
          options={states.map((state) => ({ value: state, label: humanize(state) }))}
        />
        <DateRangeFields form={form} />
        <FilterField label="Search" htmlFor="filter-q">
          <Input
            id="filter-q"
            name="q"
            type="search"
            value={form.values.q}
            maxLength={100}
            placeholder="Order no., customer name, email or phone"
            onChange={form.onInput}
          />
        </FilterField>
      </FilterForm>
      <DataTable
        caption="Payment links"
        columns={columns(canManage)}
        data={rows}
        getRowId={(row) => row.id}
        pending={urlState.isPending}
        empty={
          filtered ? (
            <EmptyState
              title="No payment links match these filters."
              action={
                <Link
                  href={urlState.hrefWith(CLEARED)}
                  className="text-sm text-indigo-700 underline"
                >
                  Clear filters
                </Link>
              }
            />
          ) : (
            <EmptyState
              title="No payment links yet."
              description="A payment link asks a customer to pay by email, SMS or WhatsApp."
              action={
                canCreate ? (
                  <Link href="/payment-links/new" className="text-sm text-indigo-700 underline">
                    Create a payment link
                  </Link>
                ) : undefined
              }
            />
          )
        }
      />
      <CursorPagination
        state={urlState}
        nextCursor={nextCursor}
        rowCount={rows.length}
        noun={["link", "links"]}
      />
    </div>
  );
}
