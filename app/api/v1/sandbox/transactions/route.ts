import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { getTransaction } from "@/lib/queries/transactions/get-transaction";
import { toTransactionDetailJson } from "@/lib/queries/transactions/transaction-detail-json";
import {
  createSandboxTransaction,
  sandboxEnabled,
} from "@/lib/services/transactions/create-sandbox-transaction";
import { CreateSandboxTransactionSchema } from "@/lib/validation/sandbox";
import { TransactionDetailResponseSchema } from "@/lib/validation/transactions";

export const dynamic = "force-dynamic";

/** POST /api/v1/sandbox/transactions: a paid or authorized payment for demos and tests (sandbox mode only). */
export const POST = apiRoute(
  {
    permission: "sandbox.use",
    body: CreateSandboxTransactionSchema,
    output: TransactionDetailResponseSchema,
    idempotent: true,
  },
  async ({ principal, body }) => {
    if (!sandboxEnabled()) throw notFound("Sandbox");
    const id = await createSandboxTransaction(principal, body);
    const detail = await getTransaction(principal.merchantId, id);
    if (!detail) throw notFound("Transaction");
    return { status: 201, body: { data: toTransactionDetailJson(detail) } };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
