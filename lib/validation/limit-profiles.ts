import { z } from "zod";
import { PROCESS_TYPES } from "@/lib/domain/ledger/catalogue";
import { SafeLine } from "./strings";
import { CurrencySchema } from "./transactions";

const Bound = z
  .union([SafeLine.trim().max(40), z.number()])
  .transform((value) => String(value))
  .nullable();

export const LimitProfileBodySchema = z.strictObject({
  type: z.enum(PROCESS_TYPES, { error: "Unknown process type." }),
  currency: CurrencySchema,
  maxAmount: Bound.describe("Most one process may move; null for no limit."),
  maxDailyTotal: Bound.describe(
    "Most one customer may move per day with this type; null for no limit.",
  ),
  maxDailyCount: z
    .number()
    .int("A whole number.")
    .min(1, "At least 1, or null for no limit.")
    .max(1_000_000)
    .nullable()
    .describe("Most processes of this type per customer per day; null for no limit."),
});

export const LimitProfileJsonSchema = z.object({
  type: z.enum(PROCESS_TYPES),
  currency: z.string(),
  maxAmount: z.string().nullable(),
  maxDailyTotal: z.string().nullable(),
  maxDailyCount: z.number().int().nullable(),
});

export const LimitProfileListResponseSchema = z.object({ data: z.array(LimitProfileJsonSchema) });
