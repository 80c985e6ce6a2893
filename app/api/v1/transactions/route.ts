import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { listTransactions } from "@/lib/queries/transactions/list-transactions";
import { toTransactionJson } from "@/lib/queries/transactions/transaction-row";
import {
  TransactionListQuerySchema,
  TransactionListResponseSchema,
} from "@/lib/validation/transactions";

export const dynamic = "force-dynamic";

/** GET /api/v1/transactions?state=paid,refunded&gateway=knet&from=2026-01-01&sort=amount&limit=50&cursor=... */
export const GET = apiRoute(
  {
    permission: "transactions.view",
    query: TransactionListQuerySchema,
    output: TransactionListResponseSchema,
  },
  async ({ principal, query }) => {
    const page = await listTransactions(principal.merchantId, query);
    return {
      body: {
        data: page.data.map(toTransactionJson),
        nextCursor: page.nextCursor,
        total: page.total,
        totalCapped: page.totalCapped,
      },
    };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
