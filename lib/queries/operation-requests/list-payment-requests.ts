import "server-only";
import { Prisma } from "@prisma/client";
import { type OperationRequestRow, selectOperationRequestRows } from "./operation-request-row";

/** More than any payment gathers in practice: each request is a refund or void someone asked for. */
const PAYMENT_REQUESTS_LIMIT = 200;

/**
 * Every request made on one payment, newest first, whatever became of it (rejected with its
 * reason, canceled, expired, failed, done): the payment page's history of asks. The id is checked
 * as a UUID by the caller's earlier lookup; another merchant's payment lists nothing.
 */
export async function listPaymentRequests(
  merchantId: string,
  transactionId: string,
): Promise<OperationRequestRow[]> {
  return selectOperationRequestRows(
    Prisma.sql`r.merchant_id = ${merchantId}::uuid AND r.transaction_id = ${transactionId}::uuid`,
    PAYMENT_REQUESTS_LIMIT,
  );
}
