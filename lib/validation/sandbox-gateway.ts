import { z } from "zod";
import { SafeLine } from "./strings";

/*
 * What the sandbox gateway's endpoints accept and answer. The card rules themselves (Luhn, expiry,
 * code length) are lib/domain/cards, applied after these shapes so each field gets its own message.
 */

/** A month or year as the browser's form sends it: a whole number, or its digits as a string. */
const WholeNumber = z.union([
  z.number().int().min(0).max(9999),
  z
    .string()
    .regex(/^\d{1,4}$/, "must be a whole number")
    .transform(Number),
]);

export const TokenizeBodySchema = z.strictObject({
  number: SafeLine.max(40),
  expMonth: WholeNumber,
  expYear: WholeNumber,
  cvc: SafeLine.max(8),
  holder: SafeLine.max(200),
});
export type TokenizeBody = z.output<typeof TokenizeBodySchema>;

export const TokenizeResponseSchema = z.strictObject({
  token: z.string(),
  brand: z.enum(["visa", "mastercard", "amex", "unknown"]),
  last4: z.string().regex(/^\d{4}$/),
  expMonth: z.number().int(),
  expYear: z.number().int(),
});
export type TokenizeResponse = z.output<typeof TokenizeResponseSchema>;

export const GatewayCodeSchema = SafeLine.min(1).max(25);
/** References the sandbox issues: SBXC- and 16 upper-case hex digits. */
export const ChargeReferenceSchema = z
  .string()
  .regex(/^SBXC-[0-9A-F]{16}$/, "is not a charge reference");
export const CardTokenSchema = z.string().regex(/^tok_sbx_[0-9a-f]{32}$/, "is not a card token");
const DecimalAmount = z.string().regex(/^\d{1,17}(\.\d{1,3})?$/, "must be a decimal string");
const Currency = z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter currency code");

export const ChargeBodySchema = z.strictObject({
  merchantId: z.uuid(),
  paymentId: z.uuid(),
  attemptId: SafeLine.min(1).max(255),
  amount: DecimalAmount,
  currency: Currency,
  capture: z.boolean(),
  source: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("card_token"), token: CardTokenSchema }),
    z.strictObject({ kind: z.literal("saved_card"), token: CardTokenSchema }),
    z.strictObject({ kind: z.literal("redirect") }),
    z.strictObject({ kind: z.literal("apple_pay"), token: SafeLine.min(1).max(4096) }),
  ]),
  returnUrl: SafeLine.min(1).max(2048),
});
export type ChargeBody = z.output<typeof ChargeBodySchema>;

export const CaptureBodySchema = z.strictObject({
  merchantId: z.uuid(),
  reference: ChargeReferenceSchema,
  amount: DecimalAmount,
  currency: Currency,
});
export type CaptureBody = z.output<typeof CaptureBodySchema>;

export const IdempotencyKeySchema = SafeLine.min(1).max(255);

/** The answer of charge and get-charge: lib/gateways/port.ts ChargeResult, as JSON. */
const ThreeDs = z.enum(["none", "frictionless", "challenge"]);
export const ChargeResultSchema = z.discriminatedUnion("outcome", [
  z.strictObject({
    outcome: z.literal("succeeded"),
    captured: z.boolean(),
    reference: z.string(),
    code: z.string(),
    message: z.string(),
    threeDs: ThreeDs,
    card: z
      .strictObject({
        brand: z.string(),
        last4: z.string(),
        expMonth: z.number().int(),
        expYear: z.number().int(),
        token: z.string(),
      })
      .nullable(),
  }),
  z.strictObject({
    outcome: z.literal("action_required"),
    action: z.enum(["challenge", "redirect"]),
    url: z.string(),
    reference: z.string(),
  }),
  z.strictObject({
    outcome: z.literal("declined"),
    reference: z.string().nullable(),
    code: z.string(),
    message: z.string(),
    threeDs: ThreeDs,
  }),
  z.strictObject({
    outcome: z.literal("pending"),
    reference: z.string(),
    code: z.string(),
    message: z.string(),
  }),
  z.strictObject({
    outcome: z.enum(["timeout", "error"]),
    code: z.string(),
    message: z.string(),
    reference: z.string().nullable(),
  }),
]);

/** The answer of capture (as refund and void answer). */
export const OperationReplySchema = z.strictObject({
  status: z.enum(["succeeded", "failed", "pending"]),
  code: z.string(),
  message: z.string(),
  reference: z.string().optional(),
});
