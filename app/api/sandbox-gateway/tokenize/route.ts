import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { sameOriginCors, sandboxOnly } from "@/lib/api/sandbox-only";
import { tokenizeSandboxCard } from "@/lib/services/sandbox-gateway/tokenize-sandbox-card";
import { TokenizeBodySchema, TokenizeResponseSchema } from "@/lib/validation/sandbox-gateway";

export const dynamic = "force-dynamic";

/**
 * The sandbox gateway's tokenize (sandbox mode only): the hosted page's browser posts the card here
 * and gets a token; our own server never sees the number or the code. See
 * lib/gateways/sandbox-tokenize-client.ts.
 */
const cors = sameOriginCors(
  apiRoute(
    {
      permission: "public",
      body: TokenizeBodySchema,
      output: TokenizeResponseSchema,
      maxBodyBytes: 4 * 1024,
    },
    async ({ body }) => ({ status: 201, body: await tokenizeSandboxCard(body) }),
  ),
  "POST",
);

export const POST = sandboxOnly(cors.handler);
export const OPTIONS = sandboxOnly(cors.preflight);
export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);
