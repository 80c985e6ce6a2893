import { z } from "zod";
import { errorResponse, methodNotAllowed } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { processSandboxOperation } from "@/lib/services/gateways/process-sandbox-operation";
import { sandboxEnabled } from "@/lib/services/transactions/create-sandbox-transaction";
import { SafeLine } from "@/lib/validation/strings";

export const dynamic = "force-dynamic";

const BodySchema = z.object({
  merchantId: z.uuid(),
  paymentId: z.uuid(),
  amount: z.string().regex(/^\d+(\.\d+)?$/),
  currency: SafeLine.length(3),
});
const ParamsSchema = z.object({
  code: SafeLine.min(1).max(25),
  operation: z.enum(["refund", "void"]),
});

/**
 * The sandbox payment gateway (sandbox mode only). Called by this app's own gateway adapter over
 * loopback HTTP; answers as Administration > Gateways and the magic amounts say.
 */
export async function POST(
  request: Request,
  context: { params: Promise<{ code: string; operation: string }> },
) {
  try {
    if (!sandboxEnabled()) throw new AppError("not_found", "Not found.");
    const params = ParamsSchema.safeParse(await context.params);
    if (!params.success) {
      const message = `Invalid path: ${params.error.issues[0]?.path.join(".")}: ${params.error.issues[0]?.message}`;
      throw new AppError("validation_error", message);
    }
    const body = BodySchema.safeParse(await request.json().catch(() => null));
    const key = request.headers.get("idempotency-key");
    if (!body.success || !key || key.length > 255) {
      throw new AppError(
        "validation_error",
        "Send { merchantId, paymentId, amount, currency } with an Idempotency-Key header.",
      );
    }
    const reply = await processSandboxOperation({
      ...body.data,
      gatewayCode: params.data.code,
      operation: params.data.operation,
      idempotencyKey: key,
    });
    if ("hang" in reply) {
      // A real timeout: answer only after the caller has given up.
      await new Promise((resolve) => setTimeout(resolve, reply.hang));
      return Response.json(
        { status: "failed", code: "504", message: "Timed out." },
        { status: 504 },
      );
    }
    return Response.json(reply.body, { status: reply.httpStatus });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
