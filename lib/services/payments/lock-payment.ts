import "server-only";
import type { Tx } from "@/lib/db";
import {
  type PaymentSnapshot,
  type PaymentState,
  toPaymentSnapshot,
} from "@/lib/domain/payments/payment-snapshot";
import { isUuid } from "@/lib/validation/ids";

export type LockedPayment = {
  id: string;
  kind: string;
  gatewayId: string;
  unitId: string;
  customerId: string | null;
  orderNo: string;
  snapshot: PaymentSnapshot;
};

/**
 * Reads one of the merchant's payments FOR UPDATE, so that its amounts move from exactly what was
 * read: writers on one payment queue here. Null when the id is malformed or not the merchant's.
 */
export async function lockPayment(
  tx: Tx,
  merchantId: string,
  id: string,
): Promise<LockedPayment | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.$queryRaw<
    {
      id: string;
      kind: string;
      gatewayId: string;
      unitId: string;
      customerId: string | null;
      orderNo: string;
      state: PaymentState;
      currency: string;
      amount: string;
      capturedAmount: string;
      refundedAmount: string;
    }[]
  >`
    SELECT id, kind::text AS kind, gateway_id AS "gatewayId", unit_id AS "unitId",
           customer_id AS "customerId", order_no AS "orderNo", state::text AS state,
           currency, amount::text AS amount, captured_amount::text AS "capturedAmount",
           refunded_amount::text AS "refundedAmount"
    FROM payment_transaction
    WHERE id = ${id}::uuid AND merchant_id = ${merchantId}::uuid
    FOR UPDATE`;
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    gatewayId: row.gatewayId,
    unitId: row.unitId,
    customerId: row.customerId,
    orderNo: row.orderNo,
    snapshot: toPaymentSnapshot(row),
  };
}
