"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { LIMIT_BREACH_LABELS } from "@/lib/domain/ledger/limits";
import type { ProcessOffer } from "@/lib/domain/policies/process-offers";
import { formatAmount, formatTimestamp } from "@/lib/format";
import type { ProcessJson } from "@/lib/validation/processes";
import { type ActionableProcess, ProcessActions } from "./process-actions";
import { ProcessStatusBadge } from "./process-status-badge";

/** A row of a process list; ticket rows also carry what the viewer may do to them. */
export type ProcessListRow = ProcessJson & {
  actionable?: ActionableProcess;
  offers?: ProcessOffer[];
};

export function processHref(id: string): string {
  return `/ledger/transactions/${id}`;
}

const column = createColumnHelper<ProcessListRow>();

export function ProcessLink({ process }: { process: ProcessListRow }) {
  return (
    <Link
      href={processHref(process.id)}
      prefetch={false}
      className="font-medium text-indigo-700 hover:underline"
    >
      {process.typeName}
      <span className="sr-only">
        {" "}
        of {formatAmount(process.amount, process.currency)}, {formatTimestamp(process.createdAt)}
      </span>
    </Link>
  );
}

const BASE = [
  column.accessor("createdAt", {
    id: "created_at",
    header: "Created",
    enableSorting: false,
    cell: (cell) => (
      <span className="whitespace-nowrap text-slate-600">{formatTimestamp(cell.getValue())}</span>
    ),
  }),
  column.accessor("typeName", {
    id: "type",
    header: "Type",
    enableSorting: false,
    cell: (cell) => <ProcessLink process={cell.row.original} />,
  }),
  column.accessor((row) => row.customer?.name ?? "", {
    id: "customer",
    header: "Customer",
    enableSorting: false,
    cell: (cell) => {
      const customer = cell.row.original.customer;
      return customer ? (
        <Link
          href={`/clients/${customer.id}`}
          prefetch={false}
          className="text-slate-800 hover:underline"
        >
          {customer.name}
        </Link>
      ) : (
        <span className="text-slate-400">—</span>
      );
    },
  }),
  column.accessor("amount", {
    id: "amount",
    header: "Amount",
    enableSorting: false,
    meta: { align: "right" },
    cell: (cell) => (
      <span className="whitespace-nowrap font-medium">
        {formatAmount(cell.getValue(), cell.row.original.currency)}
      </span>
    ),
  }),
  column.accessor("status", {
    id: "status",
    header: "Status",
    enableSorting: false,
    cell: (cell) => <ProcessStatusBadge status={cell.getValue()} />,
  }),
];

export const PROCESS_COLUMNS = BASE;

/** The Limited processes tickets: why the limit stopped it, and the review's buttons inline. */
export const LIMITED_PROCESS_COLUMNS = [
  ...BASE,
  column.accessor((row) => row.limitBreaches.join(", "), {
    id: "breaches",
    header: "Limit",
    enableSorting: false,
    cell: (cell) => (
      <span className="text-xs text-slate-600">
        {cell.row.original.limitBreaches.map(describeBreach).join("; ") || "—"}
        {cell.row.original.statusReason && (
          <span className="block text-slate-800">Reason: {cell.row.original.statusReason}</span>
        )}
      </span>
    ),
  }),
  column.display({
    id: "actions",
    header: "Review",
    cell: (cell) => {
      const row = cell.row.original;
      return row.actionable && row.offers ? (
        <ProcessActions process={row.actionable} offers={row.offers} size="compact" />
      ) : null;
    },
  }),
];

export function describeBreach(code: string): string {
  const label = (LIMIT_BREACH_LABELS as Record<string, string>)[code] ?? code.replaceAll("_", " ");
  return label.charAt(0).toUpperCase() + label.slice(1);
}
