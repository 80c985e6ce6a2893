import { z } from "zod";
import { CURRENCY_CODES } from "@/lib/domain/money/currency";
import { SafeLine } from "./strings";

export const CreateSandboxTransactionSchema = z.strictObject({
  amount: z.union([SafeLine.max(40), z.number()], {
    error: 'amount must be a decimal string such as "12.500" or a number.',
  }),
  currency: z.enum(CURRENCY_CODES, {
    error: `currency must be one of ${CURRENCY_CODES.join(", ")}.`,
  }),
  gateway: SafeLine.trim().min(1).max(25),
  state: z.enum(["paid", "authorized"], { error: 'state must be "paid" or "authorized".' }),
  customerEmail: z.email("customerEmail must be an email address.").max(254).optional(),
  orderNo: SafeLine.trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, "orderNo may hold letters, digits, dots, dashes and underscores.")
    .optional(),
});

export type CreateSandboxTransactionInput = z.output<typeof CreateSandboxTransactionSchema>;
