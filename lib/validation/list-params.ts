import { z } from "zod";
import { isDayInBounds, isInstantInBounds, MAX_DAY, MIN_DAY } from "@/lib/domain/time/date-bounds";
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

/**
 * How many rows match a list's filters, counted up to a cap so that counting stays cheap however
 * many there are: past it the list says "10,000+".
 */
export const LIST_TOTAL_CAP = 10_000;

export const ListTotalShape = {
  total: z
    .number()
    .int()
    .min(0)
    .max(LIST_TOTAL_CAP)
    .describe(`Rows matching the filters, at most ${LIST_TOTAL_CAP}.`),
  totalCapped: z.boolean().describe(`True when more than ${LIST_TOTAL_CAP} rows match.`),
};

/** An ISO 8601 UTC instant. */
export const Timestamp = z.iso.datetime();

// ---------------------------------------------------------------------------------------------
// Pages: the one lenient parser
// ---------------------------------------------------------------------------------------------

export type IgnoredParam = { field: string; message: string };

export type PageSearchParams = Record<string, string | string[] | undefined>;

/**
 * For a list page: never throws. The API refuses a bad parameter with a 400; a page drops it, names
 * it, and shows the rest, so an edited or outdated link still opens (a NUL byte, a year 0000 or an
 * unknown state included). Parameters the schema does not name (the paging stack `prev`, say) are
 * left alone; an empty one means "no filter"; of a repeated one the first counts. A rule across
 * fields (a reversed range, a sort that needs a filter) drops the field the rule names.
 */
export function parsePageParams<Shape extends z.ZodRawShape, Output>(
  schema: z.ZodType<Output> & { shape: Shape },
  raw: PageSearchParams,
): { query: Output; ignored: IgnoredParam[] } {
  // The raw text of each value that parsed on its own; the whole schema then parses these.
  const accepted: Record<string, string> = {};
  const ignored: IgnoredParam[] = [];
  for (const key of Object.keys(schema.shape)) {
    const value = Array.isArray(raw[key]) ? raw[key][0] : raw[key];
    if (value === undefined || value.trim() === "") continue;
    const result = (schema.shape[key] as z.ZodType).safeParse(value);
    if (result.success) accepted[key] = value;
    else
      ignored.push({
        field: key,
        message: result.error.issues[0]?.message ?? "Not a valid value.",
      });
  }
  for (let round = 0; round < Object.keys(schema.shape).length; round++) {
    const whole = schema.safeParse(accepted);
    if (whole.success) return { query: whole.data, ignored };
    const field = String(whole.error.issues[0]?.path[0] ?? "");
    if (!(field in accepted)) break;
    ignored.push({ field, message: whole.error.issues[0].message });
    delete accepted[field];
  }
  return { query: schema.parse({}), ignored };
}

/** An instant a client sent back (inside a cursor): ISO 8601 UTC, exactly as we print it, in bounds. */
export const InstantSchema = SafeLine.pipe(z.iso.datetime())
  // zod runs this check even when the ISO check before it failed: an unparseable text must not
  // reach toISOString(), which throws on an invalid date (a 500 for a crafted cursor).
  .refine((text) => {
    const at = new Date(text);
    return !Number.isNaN(at.getTime()) && at.toISOString() === text;
  }, "not an instant as this API writes it")
  .transform((text) => new Date(text))
  .refine(isInstantInBounds, `outside ${MIN_DAY} to ${MAX_DAY}`);
