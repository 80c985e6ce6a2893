import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { getTransaction } from "@/lib/queries/transactions/get-transaction";
import { toTransactionDetailJson } from "@/lib/queries/transactions/transaction-detail-json";
import {
  TransactionDetailResponseSchema,
  TransactionIdParamsSchema,
} from "@/lib/validation/transactions";

export const dynamic = "force-dynamic";

/** GET /api/v1/transactions/:id: 404 alike for unknown, malformed and other merchants' ids. */
export const GET = apiRoute(
  {
    permission: "transactions.view",
    params: TransactionIdParamsSchema,
    output: TransactionDetailResponseSchema,
  },
  async ({ principal, params }) => {
    const detail = await getTransaction(principal.merchantId, params.id);
    if (!detail) throw notFound("Transaction");
    return { body: { data: toTransactionDetailJson(detail) } };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
