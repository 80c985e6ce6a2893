"use server";

import { action } from "@/lib/actions/action-client";
import { getOperationRequestOutcome } from "@/lib/queries/operation-requests/get-payment-operation-state";
import { submitOperationRequest } from "@/lib/services/operation-requests/submit-operation-request";
import { SubmitOperationSchema } from "@/lib/validation/operation-requests";

/**
 * Like POST /api/v1/operations: any signed-in member may try; the service's policy (maySubmit)
 * checks the refund or void permission, so the message names the operation that was refused.
 */
export const submitOperationAction = action(
  SubmitOperationSchema,
  "authenticated",
  async (input, principal) => {
    const requestId = await submitOperationRequest(principal, input);
    return getOperationRequestOutcome(principal.merchantId, requestId);
  },
);
