import Link from "next/link";
import { decisionActorOf, type Principal } from "@/lib/auth/principal";
import type { Operation } from "@/lib/domain/operation-requests/lifecycle";
import { operationPendingMessage } from "@/lib/domain/operation-requests/operations";
import { maySubmit } from "@/lib/domain/policies/operation-requests";
import { humanize } from "@/lib/format";
import {
  getPaymentOperationState,
  type OperationAvailability,
} from "@/lib/queries/operation-requests/get-payment-operation-state";
import { OperationForm, type OperationOption } from "./operation-form";

/**
 * Refund and Void for one payment. The buttons follow the payment rules and the user's permissions
 * only as a convenience: the service decides again on submit.
 */
export async function OperationPanel({
  principal,
  transactionId,
}: {
  principal: Principal;
  transactionId: string;
}) {
  const state = await getPaymentOperationState(principal.merchantId, transactionId);
  if (!state) return null;
  const { openRequest } = state;

  const option = (operation: Operation, availability: OperationAvailability): OperationOption => {
    // The policy the service asks on submit, so the button and the service agree.
    const allowed = maySubmit(decisionActorOf(principal), operation);
    if (!allowed.ok) return { enabled: false, reason: allowed.message };
    // With a request open, the banner below says why; repeating it under each button adds nothing.
    return { enabled: availability.allowed, reason: openRequest ? null : availability.reason };
  };

  return (
    <div className="space-y-3">
      <h2 className="text-lg font-medium">Operations</h2>
      {openRequest && (
        <div className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="font-medium">{operationPendingMessage(openRequest.operation)}</p>
          <p className="mt-1">
            {openRequest.state !== "pending" && <>State: {humanize(openRequest.state)}. </>}
            <Link
              href={`/tickets/operation-requests/${openRequest.id}`}
              className="text-indigo-700 underline"
            >
              View the request
            </Link>
          </p>
        </div>
      )}
      <OperationForm
        transactionId={transactionId}
        currency={state.currency}
        amount={state.amount}
        remainingAmount={state.remainingAmount}
        refund={option("refund", state.refund)}
        void={option("void", state.void)}
      />
    </div>
  );
}
