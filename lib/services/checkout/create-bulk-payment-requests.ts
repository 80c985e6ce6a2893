import "server-only";
import { prisma } from "@/lib/db";
import {
  type BulkRow,
  bulkRowToRequest,
  type FieldError,
  MAX_BULK_ROWS,
} from "@/lib/domain/checkout/payment-links";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { checkoutUrls } from "@/lib/queries/checkout/get-checkout-session";
import { CreateCheckoutSchema } from "@/lib/validation/checkout";
import type { CheckoutCaller } from "./checkout-caller";
import { createPaymentRequest } from "./create-payment-request";

export type BulkRowResult =
  | {
      row: number;
      ok: true;
      session_id: string;
      order_no: string;
      checkout_url: string;
      checkout_short_url: string;
    }
  | { row: number; ok: false; errors: FieldError[] };

export type BulkResult = { created: number; failed: number; rows: BulkRowResult[] };

/** The API's field names in a row's errors, as the file's column names. */
const COLUMN_OF_FIELD: Record<string, string> = {
  currency_code: "currency",
  customer_email: "email",
  customer_phone: "phone",
  due_datetime: "due_date",
  pg_codes: "pg_code",
  notifications: "channels",
};

function columnOf(field: string): string {
  const head = field.split(".")[0] ?? field;
  return COLUMN_OF_FIELD[head] ?? head;
}

/**
 * Creates one payment request per row, each in its own transaction (with its outbox rows), so a bad
 * row is reported and the others still go through. Every row passes the Checkout API's schema and
 * createPaymentRequest, exactly as a single request would. Without pg_code a row is offered every
 * gateway of the merchant in its currency. `firstRow` numbers the rows when the page sends a file in
 * chunks (1 for the first chunk, 51 for the second, ...).
 */
export async function createBulkPaymentRequests(
  caller: CheckoutCaller,
  rows: readonly BulkRow[],
  options: { firstRow?: number; now?: Date } = {},
): Promise<BulkResult> {
  if (rows.length === 0)
    throw new AppError("validation_error", "rows: send at least one row.", [
      { field: "rows", message: "send at least one row" },
    ]);
  if (rows.length > MAX_BULK_ROWS)
    throw new AppError(
      "validation_error",
      `rows: ${rows.length} rows; at most ${MAX_BULK_ROWS} are taken at once.`,
      [{ field: "rows", message: `at most ${MAX_BULK_ROWS} rows` }],
    );
  const firstRow = options.firstRow ?? 1;
  const gateways = await prisma.paymentGateway.findMany({
    where: { merchantId: caller.merchantId },
    orderBy: { code: "asc" },
    select: { code: true, currency: true },
  });
  const results: BulkRowResult[] = [];
  for (const [index, row] of rows.entries()) {
    results.push(await createRow(caller, row, firstRow + index, gateways, options.now));
  }
  const created = results.filter((result) => result.ok).length;
  return { created, failed: results.length - created, rows: results };
}

async function createRow(
  caller: CheckoutCaller,
  row: BulkRow,
  number: number,
  gateways: { code: string; currency: string }[],
  now: Date | undefined,
): Promise<BulkRowResult> {
  const mapped = bulkRowToRequest(row);
  if (!mapped.ok) return { row: number, ok: false, errors: mapped.errors };
  const request = mapped.request;
  if (!request.pg_codes) {
    const codes = gateways.filter((g) => g.currency === request.currency_code).map((g) => g.code);
    if (codes.length === 0)
      return {
        row: number,
        ok: false,
        errors: [
          {
            field: "pg_code",
            message: `you have no gateway in ${request.currency_code || "that currency"}`,
          },
        ],
      };
    request.pg_codes = codes;
  }
  const parsed = CreateCheckoutSchema.safeParse(request);
  if (!parsed.success)
    return {
      row: number,
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        field: columnOf(issue.path.map(String).join(".") || "row"),
        message: issue.message,
      })),
    };
  try {
    const { id } = await createPaymentRequest(caller, parsed.data, { now });
    const session = await prisma.checkoutSession.findUniqueOrThrow({
      where: { id },
      select: { id: true, orderNo: true, shortCode: true },
    });
    const urls = checkoutUrls(session);
    return {
      row: number,
      ok: true,
      session_id: id,
      order_no: session.orderNo,
      checkout_url: urls.checkout_url,
      checkout_short_url: urls.checkout_short_url,
    };
  } catch (error) {
    if (error instanceof AppError) return { row: number, ok: false, errors: errorsOf(error) };
    logger.error({ err: error, row: number }, "bulk payment request: unexpected error on a row");
    return {
      row: number,
      ok: false,
      errors: [
        {
          field: "row",
          message: "could not be created because of an error on our side; try it again",
        },
      ],
    };
  }
}

function errorsOf(error: AppError): FieldError[] {
  const details = Array.isArray(error.details) ? error.details : [];
  const fields = details.filter(
    (detail): detail is FieldError =>
      typeof detail?.field === "string" && typeof detail?.message === "string",
  );
  if (fields.length === 0) return [{ field: "row", message: error.message }];
  return fields.map((detail) => ({ field: columnOf(detail.field), message: detail.message }));
}
