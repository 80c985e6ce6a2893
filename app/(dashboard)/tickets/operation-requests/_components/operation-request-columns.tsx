"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { isOpenState } from "@/lib/domain/operation-requests/lifecycle";
import { OPERATION_LABELS } from "@/lib/domain/operation-requests/operations";
import { formatAmount } from "@/lib/format";
import type { OperationRequestJson } from "@/lib/validation/operation-requests";
import { DecisionMark } from "./decided-requests";
import { RequestActions, useRequestViewer } from "./request-actions";
import { RequestStateBadge } from "./request-state-badge";

/** A ticket row as the views show it: the request and its payment's customer, when known. */
export type TicketRow = OperationRequestJson & { customer: string | null };

const column = createColumnHelper<TicketRow>();

export function requestHref(id: string): string {
  return `/tickets/operation-requests/${id}`;
}

/**
 * An open request with a deadline shows when it expires ("expires in 3h"); anything else how long
 * ago it was made ("2d ago"). The full timestamp is the tooltip; the detail page has them all.
 */
export function AgeOrDeadline({ request }: { request: TicketRow }) {
  if (request.deadlineAt && isOpenState(request.state))
    return (
      <RelativeTime
        iso={request.deadlineAt}
        prefix="expires "
        className="whitespace-nowrap font-medium text-amber-800"
      />
    );
  return <RelativeTime iso={request.createdAt} className="whitespace-nowrap text-slate-600" />;
}

export function OrderLink({ request }: { request: TicketRow }) {
  return (
    <Link
      href={`/payments/${request.transactionId}`}
      prefetch={false}
      className="font-medium whitespace-nowrap text-indigo-700 hover:underline"
    >
      {request.orderNo}
    </Link>
  );
}

export function DetailsLink({ request }: { request: TicketRow }) {
  return (
    <Link
      href={requestHref(request.id)}
      prefetch={false}
      className="py-1 text-xs whitespace-nowrap text-indigo-700 underline"
    >
      Details<span className="sr-only"> of the request on order {request.orderNo}</span>
    </Link>
  );
}

function RowActions({ request }: { request: TicketRow }) {
  return (
    <div className="flex items-start gap-3">
      <RequestActions request={request} viewer={useRequestViewer()} />
      <DetailsLink request={request} />
    </div>
  );
}

/**
 * The ticket table's six columns, narrow enough to fit beside the navigation from 1280 px wide
 * without scrolling sideways. Gateway, decider and exact times are on the detail page. Row links do
 * not prefetch: every live refresh would otherwise prefetch two pages per row in every open tab.
 */
export const OPERATION_REQUEST_COLUMNS = [
  column.accessor("orderNo", {
    id: "order_no",
    header: "Order",
    cell: (cell) => <OrderLink request={cell.row.original} />,
  }),
  column.accessor("amount", {
    id: "amount",
    header: "Amount",
    meta: { align: "right" },
    cell: (cell) => (
      <>
        <span className="block whitespace-nowrap font-medium">
          {formatAmount(cell.getValue(), cell.row.original.currency)}
        </span>
        <span className="block text-xs text-slate-500">
          {OPERATION_LABELS[cell.row.original.operation]}
        </span>
      </>
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
    cell: (cell) => (
      <>
        <RequestStateBadge state={cell.getValue()} />
        <DecisionMark id={cell.row.original.id} />
      </>
    ),
  }),
  column.display({
    id: "age",
    header: "Age or deadline",
    cell: (cell) => <AgeOrDeadline request={cell.row.original} />,
  }),
  column.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: (cell) => <RowActions request={cell.row.original} />,
  }),
];
