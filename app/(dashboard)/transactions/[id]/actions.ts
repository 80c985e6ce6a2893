"use server";

import { action } from "@/lib/actions/action-client";
import { getOperationRequestOutcome } from "@/lib/queries/operation-requests/get-payment-operation-state";
import { submitOperationRequest } from "@/lib/services/operation-requests/submit-operation-request";
import { SubmitOperationSchema } from "@/lib/validation/operation-requests";

/**
 * Every viewer of the payment may try; the service checks the refund or void permission itself, so
 * the message names the operation that was refused.
 */
export const submitOperationAction = action(
  SubmitOperationSchema,
  "transactions.view",
  async (input, principal) => {
    const requestId = await submitOperationRequest(principal, input);
    return getOperationRequestOutcome(principal.merchantId, requestId);
  },
);
