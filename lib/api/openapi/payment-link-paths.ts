/** Payment links (issue 8): many payment requests at once. */
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { BULK_COLUMNS, MAX_BULK_ROWS } from "@/lib/domain/checkout/payment-links";
import { BulkBodySchema, BulkResponseSchema } from "@/lib/validation/payment-links";
import {
  AUTH_ERRORS,
  errorResponses,
  IDEMPOTENCY_ERRORS,
  IdempotencyHeaders,
  JSON_BODY_ERRORS,
  json,
  SIGNED_IN,
} from "./shared";

export function registerPaymentLinkPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "post",
    path: "/api/v1/checkout/bulk",
    tags: ["Checkout"],
    summary: "Create payment requests in bulk",
    description:
      `Up to ${MAX_BULK_ROWS} payment requests (checkout sessions of type \`payment_request\`) at once, as JSON ` +
      `(\`{ "rows": [...] }\`) or as a CSV file (\`Content-Type: text/csv\`, a header line naming the columns), at most 2 MB. ` +
      `Columns: ${BULK_COLUMNS.join(", ")}; amount and currency are required. Each row is validated as ` +
      "`POST /api/v1/checkout` would validate it and becomes a session in its own transaction, sent by the channels of " +
      "its `channels` column (email, sms, whatsapp). The answer lists every row: `ok` with the session and its links, " +
      "or the row's errors by column. A body that cannot be read as rows is a 400 and creates nothing. Needs `checkout.create`.",
    security: SIGNED_IN,
    request: {
      headers: IdempotencyHeaders,
      body: {
        required: true,
        content: {
          "application/json": { schema: BulkBodySchema },
          "text/csv": { schema: z.string().describe("A CSV file with a header line.") },
        },
      },
    },
    responses: {
      200: json(BulkResponseSchema, "Every row's result."),
      ...errorResponses([...JSON_BODY_ERRORS, ...IDEMPOTENCY_ERRORS, ...AUTH_ERRORS]),
    },
  });
}
