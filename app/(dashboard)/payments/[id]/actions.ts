"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action-client";
import { mayManageCheckoutSessions } from "@/lib/domain/policies/checkout";
import { getOperationRequestOutcome } from "@/lib/queries/operation-requests/get-payment-operation-state";
import { authorize } from "@/lib/services/authorization/authorize";
import { captureCheckoutSession } from "@/lib/services/checkout/capture-checkout-session";
import { checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
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

const CaptureSessionActionSchema = z.strictObject({
  sessionId: z.uuid(),
  amount: z.string().max(40).optional(),
});

/** Captures an authorized checkout session (all or part); the policy is checkout.create's. */
export const captureSessionAction = action(
  CaptureSessionActionSchema,
  "authenticated",
  async (input, principal) => {
    authorize(principal, mayManageCheckoutSessions);
    const result = await captureCheckoutSession(checkoutCallerOf(principal), input.sessionId, {
      ...(input.amount ? { amount: input.amount } : {}),
    });
    return result;
  },
);
