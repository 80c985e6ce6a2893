import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { type BulkRow, MAX_BULK_BYTES, parseBulkCsv } from "@/lib/domain/checkout/payment-links";
import { mayCreatePaymentLinks } from "@/lib/domain/policies/payment-links";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/services/authorization/authorize";
import { checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import { createBulkPaymentRequests } from "@/lib/services/checkout/create-bulk-payment-requests";
import { BulkBodySchema, BulkResponseSchema } from "@/lib/validation/payment-links";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/checkout/bulk: many payment requests at once, as JSON (`{ "rows": [ { "amount",
 * "currency", "customer_name", "email", "phone", "order_no", "pg_code", "due_date", "channels" } ] }`)
 * or as a CSV file with those columns (`Content-Type: text/csv`). At most 5,000 rows and 2 MB. Each
 * row becomes a session in its own transaction; the answer (200) lists every row's result: the
 * session and its link, or the row's errors. A body that cannot be read as rows is a 400 and
 * creates nothing. `Idempotency-Key` replays the first answer.
 */
export const POST = apiRoute(
  {
    permission: "checkout.create",
    idempotent: true,
    maxBodyBytes: MAX_BULK_BYTES,
    output: BulkResponseSchema,
  },
  async ({ request, principal, rawBody }) => {
    authorize(principal, mayCreatePaymentLinks);
    const rows = rowsOf(request.headers.get("content-type") ?? "", rawBody ?? "");
    const result = await createBulkPaymentRequests(checkoutCallerOf(principal, "bulk"), rows);
    return { status: 200, body: result };
  },
);

function rowsOf(contentType: string, text: string): BulkRow[] {
  if (/^text\/csv\b/i.test(contentType)) {
    const parsed = parseBulkCsv(text);
    if (!parsed.ok)
      throw new AppError("validation_error", `The CSV cannot be read: ${parsed.error.message}`, [
        { field: "body", message: parsed.error.message },
      ]);
    return parsed.rows;
  }
  if (/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError("invalid_json", "The body is not valid JSON.");
    }
    const parsed = BulkBodySchema.safeParse(json);
    if (!parsed.success) {
      const details = parsed.error.issues.slice(0, 20).map((issue) => ({
        field: issue.path.join(".") || "body",
        message: issue.message,
      }));
      throw new AppError(
        "validation_error",
        `Invalid body: ${details[0].field === "body" ? "" : `${details[0].field}: `}${details[0].message}`,
        details,
      );
    }
    return parsed.data.rows as BulkRow[];
  }
  throw new AppError(
    "unsupported_media_type",
    "Send the rows as JSON ('Content-Type: application/json') or as a CSV file ('Content-Type: text/csv').",
  );
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
