import "server-only";
import type { Tx } from "@/lib/db";
import type { SessionSnapshot, SessionState } from "@/lib/domain/checkout/lifecycle";
import { isUuid } from "@/lib/validation/ids";

export type LockedSession = SessionSnapshot & {
  id: string;
  merchantId: string;
  type: "e_commerce" | "payment_request";
  operation: "purchase" | "authorize";
  paymentType: "one_off" | "save_card";
  pgCodes: string[];
  orderNo: string;
  amount: string;
  currency: string;
  capturedAmount: string;
  customerId: string | null;
  gatewayId: string;
  webhookUrl: string | null;
};

/**
 * Reads a session and locks its payment row FOR UPDATE: every writer of a session (the customer's
 * attempts, the merchant's update and cancel, the expiry job, a late gateway answer) queues here, so
 * each decides from exactly what it read. `merchantId` null: the hosted page (any merchant's session
 * by its unguessable id). Null when the id is malformed or unknown.
 */
export async function lockSession(
  tx: Tx,
  merchantId: string | null,
  id: string,
): Promise<LockedSession | null> {
  if (!isUuid(id)) return null;
  // Lock first, read after, in two statements: under READ COMMITTED a statement that waited for the
  // lock re-reads only the locked row, while its subqueries and joins keep the snapshot taken before
  // the wait (so a concurrent attempt just committed would be missed). The read that follows the
  // lock takes a fresh snapshot and sees everything the previous holder committed.
  const [locked] = await tx.$queryRaw<{ id: string }[]>`
    SELECT p.id FROM payment_transaction p JOIN checkout_session s ON s.id = p.id
    WHERE p.id = ${id}::uuid AND (${merchantId}::uuid IS NULL OR s.merchant_id = ${merchantId}::uuid)
    FOR UPDATE OF p`;
  if (!locked) return null;
  const [row] = await tx.$queryRaw<
    (Omit<LockedSession, "state" | "attemptPending"> & {
      state: SessionState;
      attemptPending: boolean;
    })[]
  >`
    SELECT s.id, s.merchant_id AS "merchantId", s.type::text AS type, s.operation::text AS operation,
           s.payment_type::text AS "paymentType", s.pg_codes AS "pgCodes", s.order_no AS "orderNo",
           s.expires_at AS "expiresAt", s.attempt_count AS "attemptCount", s.max_attempts AS "maxAttempts",
           s.webhook_url AS "webhookUrl",
           p.state::text AS state, p.amount::text AS amount, p.currency,
           p.captured_amount::text AS "capturedAmount", p.customer_id AS "customerId",
           p.gateway_id AS "gatewayId",
           EXISTS (SELECT 1 FROM checkout_attempt a WHERE a.session_id = s.id AND a.state = 'pending')
             AS "attemptPending"
    FROM checkout_session s JOIN payment_transaction p ON p.id = s.id
    WHERE s.id = ${id}::uuid`;
  return row ?? null;
}
