"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { formatAmount, formatTimestamp } from "@/lib/format";
import type { TransactionJson } from "@/lib/validation/transactions";
import { StateBadge } from "./state-badge";

const column = createColumnHelper<TransactionJson>();

/** Column ids of sortable columns are the API's `sort` values. */
export const PAYMENT_COLUMNS = [
  column.accessor("createdAt", {
    id: "created_at",
    header: "Created",
    sortDescFirst: true,
    cell: (cell) => (
      <time dateTime={cell.getValue()} className="whitespace-nowrap text-slate-600">
        {formatTimestamp(cell.getValue())}
      </time>
    ),
  }),
  column.accessor("orderNo", {
    id: "order_no",
    header: "Order number",
    sortDescFirst: false,
    cell: (cell) => (
      <Link
        href={`/payments/${cell.row.original.id}`}
        className="font-medium whitespace-nowrap text-indigo-700 hover:underline"
      >
        {cell.getValue()}
      </Link>
    ),
  }),
  column.accessor("customer", {
    id: "customer",
    header: "Customer",
    enableSorting: false,
    meta: { className: "hidden md:table-cell" },
    cell: (cell) => {
      const customer = cell.getValue();
      if (!customer) return <span className="text-slate-400">—</span>;
      return (
        <div className="min-w-0">
          <p className="truncate">{customer.name}</p>
          {customer.email && <p className="truncate text-xs text-slate-500">{customer.email}</p>}
        </div>
      );
    },
  }),
  column.accessor((row) => row.gateway.name, {
    id: "gateway",
    header: "Gateway",
    enableSorting: false,
    meta: { className: "hidden sm:table-cell" },
  }),
  column.accessor("amount", {
    id: "amount",
    header: "Amount",
    sortDescFirst: true,
    meta: { align: "right" },
    cell: (cell) => (
      <span className="whitespace-nowrap">
        {formatAmount(cell.getValue(), cell.row.original.currency)}
      </span>
    ),
  }),
  column.accessor("state", {
    id: "state",
    header: "State",
    enableSorting: false,
    cell: (cell) => <StateBadge state={cell.getValue()} />,
  }),
];
