import { z } from "zod";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { sandboxOnly } from "@/lib/api/sandbox-only";
import { createSandboxCharge } from "@/lib/services/sandbox-gateway/create-sandbox-charge";
import {
  ChargeBodySchema,
  ChargeResultSchema,
  GatewayCodeSchema,
} from "@/lib/validation/sandbox-gateway";

export const dynamic = "force-dynamic";

/**
 * The sandbox gateway's charge (sandbox mode only), server to server: our checkout adapter
 * (lib/gateways/sandbox-gateway.ts) posts a ChargeInput; one charge per attempt id.
 */
export const POST = sandboxOnly(
  apiRoute(
    {
      permission: "public",
      params: z.strictObject({ code: GatewayCodeSchema }),
      body: ChargeBodySchema,
      output: ChargeResultSchema,
      maxBodyBytes: 16 * 1024,
    },
    async ({ params, body }) => {
      const reply = await createSandboxCharge({ ...body, gatewayCode: params.code });
      if ("hang" in reply) {
        // A real timeout: answer only after the caller has given up.
        await new Promise((resolve) => setTimeout(resolve, reply.hang));
        return {
          status: 504,
          body: {
            outcome: "timeout" as const,
            code: "504",
            message: "Timed out.",
            reference: null,
          },
        };
      }
      return { status: reply.httpStatus, body: reply.body };
    },
  ),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
