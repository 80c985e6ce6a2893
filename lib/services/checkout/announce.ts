import "server-only";
import type { Tx } from "@/lib/db";
import { type SessionState, sessionEventType } from "@/lib/domain/checkout/lifecycle";
import {
  enqueueWebhookEvent,
  kickWebhookDelivery,
} from "@/lib/services/webhooks/enqueue-webhook-event";
import type { LockedSession } from "./lock-session";

/**
 * The webhook event of a session's move (payment.authorized, .paid, .failed, .canceled, .expired),
 * written in the same transaction as the move: to the merchant's endpoints and to the session's own
 * webhook_url. Returns what to run after the commit (nudging delivery).
 */
export async function announceSessionChange(
  tx: Tx,
  session: LockedSession,
  next: SessionState,
): Promise<() => Promise<void>> {
  const type = sessionEventType(session.state, next);
  if (!type) return async () => {};
  await enqueueWebhookEvent(tx, {
    merchantId: session.merchantId,
    type,
    url: session.webhookUrl,
    data: {
      session_id: session.id,
      order_no: session.orderNo,
      state: next,
      previous_state: session.state,
      amount: session.amount,
      currency_code: session.currency,
      operation: session.operation,
    },
  });
  return async () => kickWebhookDelivery();
}
