"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { formatAmount, formatTimestamp, humanize } from "@/lib/format";
import type { OperationRequestJson } from "@/lib/validation/operation-requests";
import { RequestActions, useRequestViewer } from "./request-actions";
import { RequestStateBadge } from "./request-state-badge";

const column = createColumnHelper<OperationRequestJson>();

const NONE = <span className="text-slate-400">—</span>;

function Timestamp({ iso }: { iso: string | null }) {
  if (!iso) return NONE;
  return (
    <time dateTime={iso} className="whitespace-nowrap text-slate-600">
      {formatTimestamp(iso)}
    </time>
  );
}

function RowActions({ request }: { request: OperationRequestJson }) {
  return (
    <div className="flex items-start gap-3">
      <RequestActions request={request} viewer={useRequestViewer()} />
      <Link
        href={`/tickets/operation-requests/${request.id}`}
        prefetch={false}
        className="py-1 text-xs whitespace-nowrap text-indigo-700 underline"
      >
        Details
      </Link>
    </div>
  );
}

/**
 * The ticket table's columns. One order only (newest first), so no column sorts. Row links do not
 * prefetch: every live refresh would otherwise prefetch two pages per row in every open tab.
 */
export const OPERATION_REQUEST_COLUMNS = [
  column.accessor("createdAt", {
    id: "created_at",
    header: "Created",
    cell: (cell) => <Timestamp iso={cell.getValue()} />,
  }),
  column.accessor("orderNo", {
    id: "order_no",
    header: "Order number",
    cell: (cell) => (
      <Link
        href={`/transactions/${cell.row.original.transactionId}`}
        prefetch={false}
        className="font-medium whitespace-nowrap text-indigo-700 hover:underline"
      >
        {cell.getValue()}
      </Link>
    ),
  }),
  column.accessor("operation", {
    id: "operation",
    header: "Operation",
    cell: (cell) => humanize(cell.getValue()),
  }),
  column.accessor("amount", {
    id: "amount",
    header: "Amount",
    meta: { align: "right" },
    cell: (cell) => (
      <span className="whitespace-nowrap">
        {formatAmount(cell.getValue(), cell.row.original.currency)}
      </span>
    ),
  }),
  column.accessor((row) => row.gateway.name, {
    id: "gateway",
    header: "Gateway",
    cell: (cell) => (
      <span className="whitespace-nowrap">
        {cell.getValue()}{" "}
        <span className="text-xs text-slate-500">({cell.row.original.gateway.code})</span>
      </span>
    ),
  }),
  column.accessor((row) => row.maker.name, {
    id: "maker",
    header: "Maker",
    cell: (cell) => <span title={cell.row.original.maker.email}>{cell.getValue()}</span>,
  }),
  column.accessor("state", {
    id: "state",
    header: "State",
    cell: (cell) => <RequestStateBadge state={cell.getValue()} />,
  }),
  column.accessor((row) => row.decidedBy?.name ?? null, {
    id: "decided_by",
    header: "Decided by",
    cell: (cell) => cell.getValue() ?? NONE,
  }),
  column.accessor("decidedAt", {
    id: "decided_at",
    header: "Decided at",
    cell: (cell) => <Timestamp iso={cell.getValue()} />,
  }),
  column.accessor("deadlineAt", {
    id: "deadline_at",
    header: "Deadline",
    cell: (cell) => <Timestamp iso={cell.getValue()} />,
  }),
  column.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: (cell) => <RowActions request={cell.row.original} />,
    // Pinned to the right edge, so the checker's buttons stay in view however wide the table is.
    meta: { className: "sticky right-0 bg-white shadow-[-6px_0_6px_-6px_rgba(15,23,42,0.2)]" },
  }),
];
