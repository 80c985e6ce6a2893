import Link from "next/link";
import { RequestActions } from "@/app/(dashboard)/tickets/operation-requests/_components/request-actions";
import { requestViewerOf } from "@/app/(dashboard)/tickets/operation-requests/_components/request-viewer";
import { decisionActorOf, type Principal } from "@/lib/auth/principal";
import {
  isOpenState,
  type Operation,
  type OperationRequestState,
} from "@/lib/domain/operation-requests/lifecycle";
import { describeOpenRequest } from "@/lib/domain/operation-requests/wording";
import { maySubmit } from "@/lib/domain/policies/operation-requests";
import { formatTimestamp } from "@/lib/format";
import {
  getPaymentOperationState,
  type OperationAvailability,
} from "@/lib/queries/operation-requests/get-payment-operation-state";
import { listPaymentRequests } from "@/lib/queries/operation-requests/list-payment-requests";
import { toOperationRequestJson } from "@/lib/queries/operation-requests/operation-request-row";
import { OperationForm, type OperationOption } from "./operation-form";
import { PaymentRequests } from "./payment-requests";

/** Amber waits for the checker, sky is on its way to the gateway, red needs someone. */
const BANNER_CLASSES: Partial<Record<OperationRequestState, string>> = {
  pending: "border-amber-300 bg-amber-50 text-amber-950",
  approved: "border-sky-300 bg-sky-50 text-sky-950",
  manual_action_required: "border-red-300 bg-red-50 text-red-950",
};

/**
 * Refund and Void for one payment, the open request worded by its state (with Retry or Cancel
 * where this viewer may), and every request ever made on the payment. The buttons follow the
 * payment rules and the user's permissions only as a convenience: the services decide again.
 */
export async function OperationPanel({
  principal,
  transactionId,
}: {
  principal: Principal;
  transactionId: string;
}) {
  const [state, rows] = await Promise.all([
    getPaymentOperationState(principal.merchantId, transactionId),
    listPaymentRequests(principal.merchantId, transactionId),
  ]);
  if (!state) return null;
  const requests = rows.map(toOperationRequestJson);
  const openRequest = requests.find((request) => isOpenState(request.state)) ?? null;

  const option = (operation: Operation, availability: OperationAvailability): OperationOption => {
    // The policy the service asks on submit, so the button and the service agree.
    const allowed = maySubmit(decisionActorOf(principal), operation);
    if (!allowed.ok) return { enabled: false, reason: allowed.message };
    // With a request open, the banner below says why; repeating it under each button adds nothing.
    return { enabled: availability.allowed, reason: openRequest ? null : availability.reason };
  };

  return (
    <div className="space-y-4">
      <h2 className="text-lg font-medium">Operations</h2>
      {openRequest && (
        <div
          role="note"
          data-testid="open-request-banner"
          data-state={openRequest.state}
          className={`space-y-2 rounded-lg border px-4 py-3 text-sm ${BANNER_CLASSES[openRequest.state] ?? ""}`}
        >
          <p className="font-medium">
            {describeOpenRequest(
              {
                ...openRequest,
                makerName: openRequest.maker.name,
              },
              formatTimestamp(openRequest.createdAt),
              new Date(),
            )}
          </p>
          <div className="flex flex-wrap items-start gap-3">
            <RequestActions
              request={{ ...openRequest, customer: state.customer }}
              viewer={requestViewerOf(principal)}
              size="regular"
            />
            <Link
              href={`/tickets/operation-requests/${openRequest.id}`}
              className="py-2 text-indigo-700 underline"
            >
              View the request
            </Link>
          </div>
        </div>
      )}
      <OperationForm
        transactionId={transactionId}
        orderNo={state.orderNo}
        customer={state.customer}
        currency={state.currency}
        amount={state.amount}
        remainingAmount={state.remainingAmount}
        refund={option("refund", state.refund)}
        void={option("void", state.void)}
      />
      <PaymentRequests requests={requests} />
    </div>
  );
}
