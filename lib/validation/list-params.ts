import { z } from "zod";
import { isDayInBounds, MAX_DAY, MIN_DAY } from "@/lib/domain/time/date-bounds";
import { SafeLine } from "./strings";

/*
 * The pieces every list's query is built from (the transactions list and the ticket table, in the
 * API and on the pages), so that a day, a limit or a cursor means the same thing on both.
 */

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

/** A query parameter sent empty (`?state=`, as a GET form does) means "no filter". */
export const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

export function optionalParam<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional());
}

export function paramWithDefault<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
  return z.preprocess(blankToUndefined, schema.default(fallback as never));
}

/** A calendar day, YYYY-MM-DD in UTC, inside the product's date bounds. */
export const DaySchema = SafeLine.pipe(z.iso.date({ error: "Use a date like 2026-01-31." })).refine(
  isDayInBounds,
  `Use a date from ${MIN_DAY} to ${MAX_DAY}.`,
);

export const LimitSchema = z.coerce
  .number({ error: `The limit is a whole number from 1 to ${MAX_LIMIT}.` })
  .int(`The limit is a whole number from 1 to ${MAX_LIMIT}.`)
  .min(1, `The limit is a whole number from 1 to ${MAX_LIMIT}.`)
  .max(MAX_LIMIT, `The limit is a whole number from 1 to ${MAX_LIMIT}.`);

/** The opaque cursor as sent; what it holds is checked by lib/queries/keyset-cursor.ts. */
export const CursorParamSchema = SafeLine.max(1024, "The cursor is not one we issued.");

// Output pieces, shared by the JSON both lists emit.

/** An unsigned exact decimal, as every amount leaves the API. */
export const DecimalText = z.string().regex(/^\d+(\.\d+)?$/, "an unsigned decimal string");

/** An ISO 8601 UTC instant. */
export const Timestamp = z.iso.datetime();
