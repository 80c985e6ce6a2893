"use server";

import { refresh } from "next/cache";
import { action } from "@/lib/actions/action-client";
import { getOperationRequestOutcome } from "@/lib/queries/operation-requests/get-payment-operation-state";
import { approveOperationRequest } from "@/lib/services/operation-requests/approve-operation-request";
import { cancelOperationRequest } from "@/lib/services/operation-requests/cancel-operation-request";
import { rejectOperationRequest } from "@/lib/services/operation-requests/reject-operation-request";
import { retryOperationRequest } from "@/lib/services/operation-requests/retry-operation-request";
import {
  OperationRequestIdSchema,
  RejectOperationSchema,
} from "@/lib/validation/operation-requests";

/*
 * The ticket table's and the detail page's buttons, with the same permissions as the API routes:
 * approve and reject need operation_requests.approve (the checker's); cancel and retry need the
 * request's own operation permission, which only the service knows once it has loaded the request,
 * so its policy decides. The services ask the same policies again, whichever door was used.
 * Each answers where the request stands afterwards, which the toast words.
 */

const RejectInputSchema = OperationRequestIdSchema.extend(RejectOperationSchema.shape);

export const approveOperationRequestAction = action(
  OperationRequestIdSchema,
  "operation_requests.approve",
  async ({ id }, principal) => {
    await approveOperationRequest(principal, id);
    refresh();
    return getOperationRequestOutcome(principal.merchantId, id);
  },
);

export const rejectOperationRequestAction = action(
  RejectInputSchema,
  "operation_requests.approve",
  async ({ id, reason }, principal) => {
    await rejectOperationRequest(principal, id, reason);
    refresh();
    return getOperationRequestOutcome(principal.merchantId, id);
  },
);

export const cancelOperationRequestAction = action(
  OperationRequestIdSchema,
  "authenticated",
  async ({ id }, principal) => {
    await cancelOperationRequest(principal, id);
    refresh();
    return getOperationRequestOutcome(principal.merchantId, id);
  },
);

export const retryOperationRequestAction = action(
  OperationRequestIdSchema,
  "authenticated",
  async ({ id }, principal) => {
    await retryOperationRequest(principal, id);
    refresh();
    return getOperationRequestOutcome(principal.merchantId, id);
  },
);
