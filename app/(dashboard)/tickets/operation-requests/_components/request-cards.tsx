"use client";

import { OPERATION_LABELS } from "@/lib/domain/operation-requests/operations";
import { formatAmount } from "@/lib/format";
import { DecisionMark } from "./decided-requests";
import { AgeOrDeadline, DetailsLink, OrderLink, type TicketRow } from "./operation-request-columns";
import { RequestActions, useRequestViewer } from "./request-actions";
import { RequestStateBadge } from "./request-state-badge";

/**
 * Phones: one card per request, the amount and order in the same card as Approve and Reject, so the
 * checker never decides without seeing what.
 */
export function RequestCards({ rows }: { rows: TicketRow[] }) {
  const viewer = useRequestViewer();
  return (
    <ul aria-label="Operation requests" className="space-y-3">
      {rows.map((request) => (
        <li
          key={request.id}
          data-row-id={request.id}
          className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
        >
          <div className="flex items-start justify-between gap-3">
            <div>
              <p className="text-lg font-semibold tabular-nums">
                {formatAmount(request.amount, request.currency)}
              </p>
              <p className="text-slate-600">
                {OPERATION_LABELS[request.operation]} on <OrderLink request={request} />
              </p>
            </div>
            <div className="text-right">
              <RequestStateBadge state={request.state} />
              <DecisionMark id={request.id} />
            </div>
          </div>
          <p className="mt-2 text-slate-600">
            By {request.maker.name} · <AgeOrDeadline request={request} />
          </p>
          <div className="mt-3 flex items-start justify-between gap-3">
            <RequestActions request={request} viewer={viewer} size="regular" />
            <DetailsLink request={request} />
          </div>
        </li>
      ))}
    </ul>
  );
}
