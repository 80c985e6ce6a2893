import Link from "next/link";
import { RequestStateBadge } from "@/app/(dashboard)/tickets/operation-requests/_components/request-state-badge";
import { OPERATION_LABELS } from "@/lib/domain/operation-requests/operations";
import { describeFailure } from "@/lib/domain/operation-requests/wording";
import { formatAmount, formatTimestamp } from "@/lib/format";
import type { OperationRequestJson } from "@/lib/validation/operation-requests";

/** The line under a request that says how it ended, or why it waits. */
function outcomeOf(request: OperationRequestJson): string | null {
  switch (request.state) {
    case "rejected":
      return `Rejected by ${request.decidedBy?.name ?? "the checker"}: ${request.rejectionReason ?? "no reason recorded"}`;
    case "manual_action_required":
      return `It ${describeFailure(request.failureCode)}${request.failureMessage ? ` (${request.failureMessage})` : ""}.`;
    case "done":
      return request.decidedBy && request.directReason === null
        ? `Approved by ${request.decidedBy.name}.`
        : "Done without approval.";
    case "canceled":
      return "Canceled before a decision.";
    case "expired":
      return "Expired before anyone acted.";
    default:
      return null;
  }
}

/** Every request made on this payment, newest first: the asks behind the refunds and voids below. */
export function PaymentRequests({ requests }: { requests: OperationRequestJson[] }) {
  return (
    <section aria-labelledby="payment-requests-heading" className="space-y-2">
      <h3 id="payment-requests-heading" className="font-medium">
        Requests on this payment
      </h3>
      {requests.length === 0 ? (
        <p className="text-sm text-slate-600">No refund or void has been requested.</p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {requests.map((request) => {
            const outcome = outcomeOf(request);
            return (
              <li
                key={request.id}
                data-request-id={request.id}
                className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 px-4 py-3 text-sm"
              >
                <div className="min-w-0">
                  <p>
                    <span className="font-medium">
                      {OPERATION_LABELS[request.operation]} of{" "}
                      {formatAmount(request.amount, request.currency)}
                    </span>{" "}
                    <span className="text-slate-600">
                      by {request.maker.name} at{" "}
                      <time dateTime={request.createdAt}>{formatTimestamp(request.createdAt)}</time>
                    </span>
                  </p>
                  {outcome && <p className="mt-0.5 break-words text-slate-700">{outcome}</p>}
                </div>
                <div className="flex items-center gap-3">
                  <RequestStateBadge state={request.state} />
                  <Link
                    href={`/tickets/operation-requests/${request.id}`}
                    className="text-xs text-indigo-700 underline"
                  >
                    Details
                    <span className="sr-only">
                      {" "}
                      of the {request.operation} requested at {formatTimestamp(request.createdAt)}
                    </span>
                  </Link>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
