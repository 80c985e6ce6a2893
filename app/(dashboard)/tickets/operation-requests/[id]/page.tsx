import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePermission } from "@/lib/auth/session";
import { auditActionLabel, describeActor } from "@/lib/domain/audit/actions";
import {
  OPERATION_REQUEST_STATES,
  type OperationRequestState,
} from "@/lib/domain/operation-requests/lifecycle";
import { formatAmount, formatTimestamp, humanize } from "@/lib/format";
import { getOperationRequest } from "@/lib/queries/operation-requests/get-operation-request";
import { toOperationRequestDetailJson } from "@/lib/queries/operation-requests/operation-request-detail-json";
import type { OperationRequestHistoryEntryJson } from "@/lib/validation/operation-requests";
import { RequestActions } from "../_components/request-actions";
import { RequestStateBadge } from "../_components/request-state-badge";
import { requestViewerOf } from "../_components/request-viewer";

export const metadata: Metadata = { title: "Operation request" };

const DIRECT_REASONS: Record<string, string> = {
  checker: "Submitted by the checker",
  whitelisted: "The submitter is whitelisted for this operation",
  plugin_disabled: "The approvals plugin was off",
};

export default async function OperationRequestPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const principal = await requirePermission("operation_requests.view");
  const { id } = await params;
  const detail = await getOperationRequest(principal.merchantId, id);
  // Unknown, malformed and another merchant's ids all look the same from here.
  if (!detail) notFound();
  const request = toOperationRequestDetailJson(detail);

  return (
    <div className="space-y-8" data-request-id={request.id}>
      <div className="space-y-3">
        <Link
          href="/tickets/operation-requests"
          className="text-sm text-indigo-700 hover:underline"
        >
          ← Operation requests
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">
            {humanize(request.operation)} of {formatAmount(request.amount, request.currency)} on
            order {request.orderNo}
          </h1>
          <RequestStateBadge state={request.state} />
        </div>
        <RequestActions request={request} viewer={requestViewerOf(principal)} size="regular" />
      </div>

      <section aria-labelledby="request-heading" className="space-y-3">
        <h2 id="request-heading" className="text-lg font-medium">
          Request
        </h2>
        <dl className="grid grid-cols-1 gap-x-8 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
          <Detail label="Order number">
            <Link
              href={`/payments/${request.transactionId}`}
              className="text-indigo-700 hover:underline"
            >
              {request.orderNo}
            </Link>
          </Detail>
          <Detail label="Operation">{humanize(request.operation)}</Detail>
          <Detail label="Amount">{formatAmount(request.amount, request.currency)}</Detail>
          <Detail label="Gateway">
            {request.gateway.name} <span className="text-slate-500">({request.gateway.code})</span>
          </Detail>
          <Detail label="Maker">
            <span className="block">{request.maker.name}</span>
            <span className="block text-slate-600">{request.maker.email}</span>
          </Detail>
          <Detail label="Maker's note">{request.reason ?? <None />}</Detail>
          <Detail label="Created">
            <Time iso={request.createdAt} />
          </Detail>
          <Detail label="Deadline">
            {request.deadlineAt ? <Time iso={request.deadlineAt} /> : <None />}
          </Detail>
          <Detail label="Decided by">
            {request.decidedBy ? (
              <>
                <span className="block">{request.decidedBy.name}</span>
                <span className="block text-slate-600">{request.decidedBy.email}</span>
              </>
            ) : (
              <None />
            )}
          </Detail>
          <Detail label="Decided at">
            {request.decidedAt ? <Time iso={request.decidedAt} /> : <None />}
          </Detail>
          {request.directReason && (
            <Detail label="Approval skipped">
              {DIRECT_REASONS[request.directReason] ?? humanize(request.directReason)}
            </Detail>
          )}
          {request.rejectionReason && (
            <Detail label="Rejection reason">{request.rejectionReason}</Detail>
          )}
          {(request.failureCode || request.failureMessage) && (
            <Detail label="Last gateway failure">
              {request.failureCode && (
                <code className="mr-2 font-mono text-xs">{request.failureCode}</code>
              )}
              {request.failureMessage}
            </Detail>
          )}
          {request.resultTransactionId && (
            <Detail label="Result">
              <Link
                href={`/payments/${request.resultTransactionId}`}
                className="text-indigo-700 hover:underline"
              >
                The {request.operation} transaction
              </Link>
            </Detail>
          )}
        </dl>
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-medium">
          History
        </h2>
        {request.history.length === 0 ? (
          <div className="rounded-lg border border-slate-200 bg-white">
            <EmptyState
              title="No history yet."
              description="Decisions and gateway attempts are listed here as they happen."
            />
          </div>
        ) : (
          <ol
            aria-label="History"
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          >
            {request.history.map((entry) => (
              <li
                key={entry.id}
                data-history-type={entry.type}
                className="flex flex-col gap-1 px-4 py-3 text-sm sm:flex-row sm:gap-4"
              >
                <Time iso={entry.at} className="shrink-0 text-slate-600 sm:w-48" />
                <div className="min-w-0 space-y-1">
                  {entry.type === "attempt" ? (
                    <Attempt entry={entry} />
                  ) : (
                    <AuditEntry entry={entry} />
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function AuditEntry({ entry }: { entry: OperationRequestHistoryEntryJson }) {
  const what = auditActionLabel(entry.action ?? "");
  const reason = typeof entry.data?.reason === "string" ? entry.data.reason : null;
  return (
    <>
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{what}</span>
        {entry.fromState && isRequestState(entry.fromState) && (
          <RequestStateBadge state={entry.fromState} />
        )}
        {entry.fromState && entry.toState && (
          <span>
            <span aria-hidden="true">→</span>
            <span className="sr-only">to</span>
          </span>
        )}
        {entry.toState && isRequestState(entry.toState) && (
          <RequestStateBadge state={entry.toState} />
        )}
      </p>
      <p className="text-slate-600">
        by {describeActor({ type: entry.actor ? "user" : "system", ...entry.actor })}
      </p>
      {reason && <p className="text-slate-700">Reason: {reason}</p>}
    </>
  );
}

function Attempt({ entry }: { entry: OperationRequestHistoryEntryJson }) {
  return (
    <>
      <p className="font-medium">
        Gateway attempt: {humanize(entry.outcome ?? "unknown")}
        {entry.durationMs !== undefined && (
          <span className="font-normal text-slate-500"> ({entry.durationMs} ms)</span>
        )}
      </p>
      {(entry.code || entry.message) && (
        <p className="text-slate-700">
          {entry.code && <code className="mr-2 font-mono text-xs">{entry.code}</code>}
          {entry.message}
        </p>
      )}
      {entry.reference && <p className="text-slate-600">Reference {entry.reference}</p>}
      <p className="text-slate-600">
        by {describeActor({ type: entry.actor ? "user" : "system", ...entry.actor })}
      </p>
    </>
  );
}

function isRequestState(value: string): value is OperationRequestState {
  return (OPERATION_REQUEST_STATES as readonly string[]).includes(value);
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}

function Time({ iso, className = "" }: { iso: string; className?: string }) {
  return (
    <time dateTime={iso} className={className}>
      {formatTimestamp(iso, { seconds: true })}
    </time>
  );
}

function None() {
  return <span className="text-slate-400">—</span>;
}
