import "server-only";
import type { OperationRequest, OperationRequestState } from "@prisma/client";
import type { Tx } from "@/lib/db";
import { moneyFromDecimal, toDecimalString } from "@/lib/domain/money/money";
import type { WebhookEventType } from "@/lib/domain/webhooks/events";
import { enqueueWebhookEvent } from "./enqueue-webhook-event";

/**
 * The operation_request.* webhook of one move, written by the operation-request services in the
 * transaction that makes the move (beside its audit row), so maker-checker decisions reach the
 * merchant's server exactly when they are committed.
 */
export async function enqueueOperationRequestEvent(
  tx: Tx,
  type: Extract<WebhookEventType, `operation_request.${string}`>,
  request: Pick<
    OperationRequest,
    "id" | "merchantId" | "transactionId" | "operation" | "amount" | "currency" | "reason"
  >,
  state: OperationRequestState,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await enqueueWebhookEvent(tx, {
    merchantId: request.merchantId,
    type,
    data: {
      object: "operation_request",
      id: request.id,
      state,
      operation: request.operation,
      amount: toDecimalString(moneyFromDecimal(request.amount, request.currency)),
      currency: request.currency,
      paymentId: request.transactionId,
      reason: request.reason,
      ...extra,
    },
  });
}
