import { z } from "zod";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { sandboxOnly } from "@/lib/api/sandbox-only";
import { getSandboxChargeResult } from "@/lib/queries/sandbox-gateway/sandbox-charges";
import {
  ChargeReferenceSchema,
  ChargeResultSchema,
  GatewayCodeSchema,
} from "@/lib/validation/sandbox-gateway";

export const dynamic = "force-dynamic";

/** A sandbox charge as it stands (after the customer came back from the ACS or payment page). */
export const GET = sandboxOnly(
  apiRoute(
    {
      permission: "public",
      params: z.strictObject({ code: GatewayCodeSchema, reference: ChargeReferenceSchema }),
      query: z.strictObject({ merchantId: z.uuid() }),
      output: ChargeResultSchema,
    },
    async ({ params, query }) => ({
      body: await getSandboxChargeResult({
        merchantId: query.merchantId,
        gatewayCode: params.code,
        reference: params.reference,
      }),
    }),
  ),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
