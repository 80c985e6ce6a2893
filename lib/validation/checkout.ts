import { z } from "zod";
import {
  CHECKOUT_LANGUAGES,
  CHECKOUT_METHODS,
  CHECKOUT_OPERATIONS,
  CHECKOUT_TYPES,
  CUSTOMER_ID_MAX_LENGTH,
  MAX_ATTEMPTS_LIMIT,
  ORDER_NO_MAX_LENGTH,
  PAYMENT_TYPES,
  parseExpirationTime,
} from "@/lib/domain/checkout/session-rules";
import { CURRENCY_CODES } from "@/lib/domain/money/currency";
import { REQUEST_REASON_MAX_LENGTH } from "@/lib/domain/operation-requests/lifecycle";
import { PAYMENT_STATES } from "@/lib/domain/payments/payment-snapshot";
import {
  CursorParamSchema,
  DaySchema,
  DEFAULT_LIMIT,
  LimitSchema,
  ListTotalShape,
  MAX_LIMIT,
  optionalParam,
  paramWithDefault,
} from "./list-params";
import { SafeLine, SafeText } from "./strings";

/*
 * The Checkout API's input, with Ottu's field names so that an integration written for it needs few
 * changes. Amount precision, gateways and the due date are checked by the service, which knows the
 * currency, the merchant's gateways and the clock.
 */

const Amount = z.union([SafeLine.max(40), z.number()], {
  error: 'amount must be a decimal string such as "12.500".',
});
const Name = SafeLine.trim().min(1).max(100);
const Url = SafeLine.trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password
      );
    } catch {
      return false;
    }
  }, "must be an http(s) URL without credentials");
/** Read into E.164 by the service (lib/domain/phones), which says exactly what is wrong. */
const Phone = SafeLine.trim().min(1).max(40);
const Email = z.email("must be an email address").max(254);

export const OrderNo = SafeLine.trim()
  .min(1)
  .max(ORDER_NO_MAX_LENGTH)
  .regex(/^[A-Za-z0-9._:/#-]+$/, "may hold letters, digits and . _ : / # -");
export const CustomerRef = SafeLine.trim()
  .min(1)
  .max(CUSTOMER_ID_MAX_LENGTH)
  .regex(/^[A-Za-z0-9._:@-]+$/, "may hold letters, digits and . _ : @ -");

const ExpirationTime = SafeLine.superRefine((value, context) => {
  const parsed = parseExpirationTime(value);
  if (!parsed.ok) context.addIssue({ code: "custom", message: parsed.reason });
});

const Notifications = z.strictObject({
  email: z.literal(true).optional(),
  sms: z.literal(true).optional(),
  whatsapp: z.literal(true).optional(),
});

const IsoDateTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });

const CustomerFields = {
  customer_id: CustomerRef.optional(),
  customer_first_name: Name.optional(),
  customer_last_name: Name.optional(),
  customer_email: Email.optional(),
  customer_phone: Phone.optional(),
};

export const CreateCheckoutSchema = z.strictObject({
  type: z.enum(CHECKOUT_TYPES, { error: `type must be one of ${CHECKOUT_TYPES.join(", ")}.` }),
  amount: Amount,
  currency_code: z.enum(CURRENCY_CODES, {
    error: `currency_code must be one of ${CURRENCY_CODES.join(", ")}.`,
  }),
  pg_codes: z
    .array(SafeLine.trim().min(1).max(25))
    .min(1, "at least one gateway code is required")
    .max(20),
  order_no: OrderNo.optional(),
  ...CustomerFields,
  operation: z.enum(CHECKOUT_OPERATIONS).default("purchase"),
  payment_type: z.enum(PAYMENT_TYPES).default("one_off"),
  expiration_time: ExpirationTime.optional(),
  due_datetime: IsoDateTime.optional(),
  redirect_url: Url.optional(),
  webhook_url: Url.optional(),
  language: z.enum(CHECKOUT_LANGUAGES).default("en"),
  notifications: Notifications.optional(),
});
export type CreateCheckoutInput = z.output<typeof CreateCheckoutSchema>;

/** An update: the amount and the customer fields, while no attempt is under way. */
export const UpdateCheckoutSchema = z
  .strictObject({ amount: Amount.optional(), ...CustomerFields })
  .refine((value) => Object.keys(value).length > 0, "send at least one field to change");
export type UpdateCheckoutInput = z.output<typeof UpdateCheckoutSchema>;

export const CaptureCheckoutSchema = z.strictObject({ amount: Amount.optional() });
export const CancelCheckoutSchema = z.strictObject({
  reason: SafeLine.trim().min(1).max(500).optional(),
});

// ---------------------------------------------------------------------------------------------
// The Checkout API's paths, lists, refunds and settings
// ---------------------------------------------------------------------------------------------

/**
 * The session id in a path: any short single-line text, so that a malformed id answers 404 like an
 * unknown one (the query checks the UUID form before reading), while control characters are a 400
 * like everywhere else.
 */
export const CheckoutSessionParamsSchema = z.strictObject({
  session_id: SafeLine.max(100).describe("The session's id (a UUID)."),
});

/** POST /api/v1/checkout/{session_id}/refund: through the operations API, so maker-checker applies. */
export const RefundCheckoutSchema = z.strictObject({
  amount: Amount.describe('The amount to refund, a decimal string such as "2.500".'),
  reason: SafeText.trim().min(1).max(REQUEST_REASON_MAX_LENGTH).optional(),
});

/** POST /api/v1/checkout/{session_id}/void: the whole authorization is released. */
export const VoidCheckoutSchema = z.strictObject({
  reason: SafeText.trim().min(1).max(REQUEST_REASON_MAX_LENGTH).optional(),
});

const unknownListKeys = (issue: { code: string; keys?: string[] }) =>
  issue.code === "unrecognized_keys" && issue.keys
    ? `Unknown parameter${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((key) => `'${key}'`).join(", ")}; allowed: type, state, order_no, created_from, created_to, limit, cursor.`
    : undefined;

/**
 * The filters of a merchant's sessions: GET /api/v1/checkout and the Payment links page (which
 * fixes `type` to payment_request). Newest first, keyset paging.
 */
export const CheckoutListQuerySchema = z
  .strictObject(
    {
      type: optionalParam(
        z.enum(CHECKOUT_TYPES, { error: `type must be one of ${CHECKOUT_TYPES.join(", ")}.` }),
      ).describe("e_commerce or payment_request."),
      state: optionalParam(
        z.enum(PAYMENT_STATES, { error: `state must be one of ${PAYMENT_STATES.join(", ")}.` }),
      ).describe("The payment's state."),
      order_no: optionalParam(OrderNo).describe("The exact order number."),
      created_from: optionalParam(DaySchema).describe("First day, inclusive, YYYY-MM-DD in UTC."),
      created_to: optionalParam(DaySchema).describe("Last day, inclusive, YYYY-MM-DD in UTC."),
      limit: paramWithDefault(LimitSchema, DEFAULT_LIMIT).describe(
        `Rows per page, 1 to ${MAX_LIMIT}.`,
      ),
      cursor: optionalParam(CursorParamSchema).describe("Opaque: the previous page's nextCursor."),
    },
    { error: unknownListKeys },
  )
  .refine(
    (query) => !query.created_from || !query.created_to || query.created_from <= query.created_to,
    {
      message: "'created_from' is after 'created_to'; the range is empty.",
      path: ["created_from"],
    },
  );
export type CheckoutListQuery = z.output<typeof CheckoutListQuerySchema>;

/** Administration > Checkout: who is told about API errors, and the attempts a session allows. */
export const CheckoutSettingsSchema = z.strictObject({
  notify_on_error: z
    .array(Email)
    .max(20, "At most 20 addresses.")
    .describe(
      "Told by email when the Checkout API answers your server with an error; empty: the active owners and admins.",
    ),
  max_attempts: z
    .number({ error: `max_attempts must be a whole number from 1 to ${MAX_ATTEMPTS_LIMIT}.` })
    .int(`max_attempts must be a whole number from 1 to ${MAX_ATTEMPTS_LIMIT}.`)
    .min(1, `max_attempts must be a whole number from 1 to ${MAX_ATTEMPTS_LIMIT}.`)
    .max(MAX_ATTEMPTS_LIMIT, `max_attempts must be a whole number from 1 to ${MAX_ATTEMPTS_LIMIT}.`)
    .describe("Payment attempts a new session allows."),
});
export type CheckoutSettingsInput = z.output<typeof CheckoutSettingsSchema>;
export const CheckoutSettingsResponseSchema = CheckoutSettingsSchema.extend({
  notify_on_error: z.array(z.string()),
  updated_at: z.iso.datetime().nullable(),
}).meta({ id: "CheckoutSettings" });

// Output: the session as the API answers it (lib/queries/checkout/get-checkout-session.ts).

const Decimal = z.string().regex(/^\d+(\.\d+)?$/);
const Instant = z.iso.datetime();

export const CheckoutAttemptViewSchema = z
  .object({
    id: z.uuid(),
    seq: z.number().int(),
    method: z.enum(CHECKOUT_METHODS),
    state: z.enum(["pending", "success", "failed", "canceled", "error"]),
    three_ds: z.string().nullable().describe("frictionless, challenge, or null when none ran."),
    challenge_occurred: z.boolean(),
    card_brand: z.string().nullable(),
    card_last4: z.string().nullable(),
    code: z.string().nullable().describe("The internal result code."),
    message: z.string().nullable(),
    created_at: Instant,
    finished_at: Instant.nullable(),
  })
  .meta({ id: "CheckoutAttempt" });

const sessionViewFields = {
  session_id: z.uuid(),
  checkout_url: z.string().describe("The hosted payment page."),
  checkout_short_url: z.string().describe("A short link to the page."),
  qr_code_url: z.string().describe("A QR code (SVG) of the short link."),
  state: z.enum(PAYMENT_STATES),
  type: z.enum(CHECKOUT_TYPES),
  amount: Decimal.describe("In the currency's precision."),
  currency_code: z.string().describe("ISO 4217."),
  captured_amount: Decimal,
  refunded_amount: Decimal,
  pg_codes: z.array(z.string()),
  pg_code: z.string().describe("The gateway the payment is recorded under."),
  order_no: z.string(),
  customer_id: z.string().nullable(),
  customer_first_name: z.string().nullable(),
  customer_last_name: z.string().nullable(),
  customer_email: z.string().nullable(),
  customer_phone: z.string().nullable().describe("E.164."),
  operation: z.enum(CHECKOUT_OPERATIONS),
  payment_type: z.enum(PAYMENT_TYPES),
  expiration_time: z.string().describe('"D HH:MM:SS" or "HH:MM:SS".'),
  expires_at: Instant,
  due_datetime: Instant.nullable(),
  redirect_url: z.string().nullable(),
  webhook_url: z.string().nullable(),
  language: z.string(),
  notifications: z.record(z.string(), z.boolean()),
  attempts_left: z.number().int().min(0),
  ended_reason: z.string().nullable(),
  paid_late: z.boolean().describe("Paid after the session had failed or expired."),
  duplicate_payment: z.boolean().describe("Paid a second time: flagged, not counted."),
  created_via: z.string(),
  created_at: Instant,
  updated_at: Instant,
};

export const CheckoutSessionViewSchema = z
  .object({ ...sessionViewFields, attempts: z.array(CheckoutAttemptViewSchema) })
  .meta({ id: "CheckoutSession" });

export const CheckoutSessionListItemSchema = z
  .object(sessionViewFields)
  .meta({ id: "CheckoutSessionListItem" });

export const CheckoutListResponseSchema = z.object({
  data: z.array(CheckoutSessionListItemSchema),
  nextCursor: z.string().nullable(),
  ...ListTotalShape,
});
