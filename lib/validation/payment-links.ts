import { z } from "zod";
import { SESSION_STATES } from "@/lib/domain/checkout/lifecycle";
import {
  BULK_CHUNK_ROWS,
  BULK_COLUMNS,
  MAX_BULK_ROWS,
  PAYMENT_LINK_CHANNELS,
} from "@/lib/domain/checkout/payment-links";
import {
  MAX_EXPIRATION_SECONDS,
  MIN_EXPIRATION_SECONDS,
} from "@/lib/domain/checkout/session-rules";
import { CURRENCY_CODES } from "@/lib/domain/money/currency";
import { toE164 } from "@/lib/domain/phones/phone";
import {
  CursorParamSchema,
  DaySchema,
  DEFAULT_LIMIT,
  type IgnoredParam,
  LimitSchema,
  MAX_LIMIT,
  optionalParam,
  type PageSearchParams,
  paramWithDefault,
  parsePageParams,
} from "./list-params";
import { SafeLine } from "./strings";

/*
 * Payment links in the dashboard and the bulk API: the list's filters (from the address), the
 * create form, resend and cancel, and the bulk rows. A form's values become a Checkout API request
 * and go through the API's own schema and service, so the rules are the same everywhere.
 */

// ---------------------------------------------------------------------------------------------
// List
// ---------------------------------------------------------------------------------------------

export const PAYMENT_LINK_STATES = SESSION_STATES;

const StateSchema = z.enum(SESSION_STATES, {
  error: `Use one of ${SESSION_STATES.join(", ")}.`,
});

export const PaymentLinkListQuerySchema = z
  .object({
    state: optionalParam(StateSchema),
    from: optionalParam(DaySchema),
    to: optionalParam(DaySchema),
    q: optionalParam(SafeLine.trim().max(100, "Search for at most 100 characters.")),
    limit: paramWithDefault(LimitSchema, DEFAULT_LIMIT),
    cursor: optionalParam(CursorParamSchema),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: "'from' is after 'to'; the range is empty.",
    path: ["from"],
  });
export type PaymentLinkListQuery = z.output<typeof PaymentLinkListQuerySchema>;
export const PAYMENT_LINK_FILTER_KEYS = ["state", "from", "to", "q"] as const;
export type PaymentLinkFilterKey = (typeof PAYMENT_LINK_FILTER_KEYS)[number];
export { MAX_LIMIT };

export function parsePaymentLinkListParams(raw: PageSearchParams): {
  query: PaymentLinkListQuery;
  ignored: IgnoredParam[];
} {
  return parsePageParams(PaymentLinkListQuerySchema, raw);
}

// ---------------------------------------------------------------------------------------------
// Create (the dashboard form)
// ---------------------------------------------------------------------------------------------

const Channel = z.enum(PAYMENT_LINK_CHANNELS as readonly ["email", "sms", "whatsapp"]);
const Optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional(),
  );

/** The expiry choices the form offers, in minutes; the API takes anything from 5 minutes to 30 days. */
export const EXPIRY_CHOICES_MINUTES = [
  5,
  30,
  60,
  6 * 60,
  24 * 60,
  3 * 24 * 60,
  7 * 24 * 60,
  14 * 24 * 60,
  30 * 24 * 60,
] as const;
export const DEFAULT_EXPIRY_MINUTES = 24 * 60;

export const CreatePaymentLinkSchema = z.strictObject({
  amount: SafeLine.trim().min(1, "Enter the amount.").max(40),
  currency: z.enum(CURRENCY_CODES, { error: "Choose a currency." }),
  pg_codes: z.array(SafeLine.trim().min(1).max(25)).min(1, "Choose at least one gateway.").max(20),
  order_no: Optional(SafeLine.trim().max(64)),
  customer_first_name: Optional(SafeLine.trim().max(100)),
  customer_last_name: Optional(SafeLine.trim().max(100)),
  customer_email: Optional(z.email("Enter an email address such as name@example.com.").max(254)),
  customer_phone: Optional(
    SafeLine.max(40).superRefine((value, context) => {
      const phone = toE164(value);
      if (!phone.ok) context.addIssue({ code: "custom", message: phone.reason });
    }),
  ),
  /** From a datetime-local field, in the person's own time zone, sent as an ISO instant. */
  due_at: Optional(z.iso.datetime({ offset: true, message: "Enter a valid due date." })),
  expiry_minutes: z.coerce
    .number()
    .int()
    .min(MIN_EXPIRATION_SECONDS / 60, "The link must last at least 5 minutes.")
    .max(MAX_EXPIRATION_SECONDS / 60, "The link may last at most 30 days.")
    .default(DEFAULT_EXPIRY_MINUTES),
  language: z.enum(["en", "ar"]).default("en"),
  channels: z.array(Channel).max(3).default([]),
});
export type CreatePaymentLinkInput = z.output<typeof CreatePaymentLinkSchema>;

/** The form's values as a Checkout API request (the phone already in E.164). */
export function toCheckoutRequest(input: CreatePaymentLinkInput) {
  const phone = input.customer_phone ? toE164(input.customer_phone) : null;
  const minutes = input.expiry_minutes;
  const days = Math.floor(minutes / 1440);
  const rest = minutes % 1440;
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor(rest / 60))}:${pad(rest % 60)}:00`;
  return {
    type: "payment_request" as const,
    amount: input.amount,
    currency_code: input.currency,
    pg_codes: input.pg_codes,
    order_no: input.order_no,
    customer_first_name: input.customer_first_name,
    customer_last_name: input.customer_last_name,
    customer_email: input.customer_email,
    customer_phone: phone?.ok ? phone.e164 : input.customer_phone,
    due_datetime: input.due_at,
    expiration_time: days > 0 ? `${days} ${clock}` : clock,
    language: input.language,
    notifications: Object.fromEntries(input.channels.map((channel) => [channel, true])),
  };
}

export const PaymentLinkIdSchema = z.strictObject({ id: z.uuid("No such payment link.") });

export const ResendPaymentLinkSchema = z.strictObject({
  id: z.uuid("No such payment link."),
  channels: z.array(Channel).min(1, "Choose at least one channel.").max(3),
});

// ---------------------------------------------------------------------------------------------
// Bulk
// ---------------------------------------------------------------------------------------------

const CellSchema = z.union([SafeLine.max(500), z.number().finite()], {
  error: "must be text (at most 500 characters) or a number",
});
const rowShape = Object.fromEntries(
  BULK_COLUMNS.map((column) => [column, CellSchema.optional()]),
) as Record<(typeof BULK_COLUMNS)[number], z.ZodOptional<typeof CellSchema>>;

/** A row of the API's JSON body: the CSV's columns as keys. */
export const BulkRowSchema = z.strictObject(rowShape).transform((row) =>
  Object.fromEntries(
    Object.entries(row)
      .filter(([, value]) => value !== undefined && String(value).trim() !== "")
      .map(([key, value]) => [key, String(value).trim()]),
  ),
);

export const BulkBodySchema = z.strictObject({
  rows: z
    .array(BulkRowSchema)
    .min(1, "send at least one row")
    .max(MAX_BULK_ROWS, `at most ${MAX_BULK_ROWS} rows are taken at once`),
});

/** One chunk of a file, as the page sends it: rows already read from the CSV in the browser. */
export const BulkChunkSchema = z.strictObject({
  rows: z.array(BulkRowSchema).min(1).max(BULK_CHUNK_ROWS),
  firstRow: z.number().int().min(1).max(MAX_BULK_ROWS),
});

const FieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export const BulkResponseSchema = z.object({
  created: z.number().int(),
  failed: z.number().int(),
  rows: z.array(
    z.discriminatedUnion("ok", [
      z.object({
        row: z.number().int(),
        ok: z.literal(true),
        session_id: z.uuid(),
        order_no: z.string(),
        checkout_url: z.string(),
        checkout_short_url: z.string(),
      }),
      z.object({ row: z.number().int(), ok: z.literal(false), errors: z.array(FieldErrorSchema) }),
    ]),
  ),
});
