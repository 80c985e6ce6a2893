import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { sandboxOnly } from "@/lib/api/sandbox-only";
import { captureSandboxCharge } from "@/lib/services/sandbox-gateway/capture-sandbox-charge";
import {
  CaptureBodySchema,
  GatewayCodeSchema,
  IdempotencyKeySchema,
  OperationReplySchema,
} from "@/lib/validation/sandbox-gateway";

export const dynamic = "force-dynamic";

/** The sandbox gateway's capture of an authorized charge (sandbox mode only), by Idempotency-Key. */
export const POST = sandboxOnly(
  apiRoute(
    {
      permission: "public",
      params: z.strictObject({ code: GatewayCodeSchema }),
      body: CaptureBodySchema,
      output: OperationReplySchema,
      maxBodyBytes: 4 * 1024,
    },
    async ({ request, params, body }) => {
      const key = IdempotencyKeySchema.safeParse(request.headers.get("idempotency-key") ?? "");
      if (!key.success)
        throw new AppError(
          "validation_error",
          "Send an Idempotency-Key header (1 to 255 characters, no control characters).",
          [{ field: "Idempotency-Key", message: "required" }],
        );
      const reply = await captureSandboxCharge({
        ...body,
        gatewayCode: params.code,
        idempotencyKey: key.data,
      });
      if ("hang" in reply) {
        await new Promise((resolve) => setTimeout(resolve, reply.hang));
        return {
          status: 504,
          body: { status: "failed" as const, code: "504", message: "Timed out." },
        };
      }
      return { status: reply.httpStatus, body: OperationReplySchema.parse(reply.body) };
    },
  ),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
