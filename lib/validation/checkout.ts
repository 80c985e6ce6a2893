import { z } from "zod";
import {
  CHECKOUT_LANGUAGES,
  CHECKOUT_OPERATIONS,
  CHECKOUT_TYPES,
  CUSTOMER_ID_MAX_LENGTH,
  ORDER_NO_MAX_LENGTH,
  PAYMENT_TYPES,
  parseExpirationTime,
} from "@/lib/domain/checkout/session-rules";
import { CURRENCY_CODES } from "@/lib/domain/money/currency";
import { SafeLine } from "./strings";

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
