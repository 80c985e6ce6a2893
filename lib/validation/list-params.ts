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

// ---------------------------------------------------------------------------------------------
// Pages: the one lenient parser
// ---------------------------------------------------------------------------------------------

export type IgnoredParam = { field: string; message: string };

export type PageSearchParams = Record<string, string | string[] | undefined>;

/**
 * For a list page: never throws. The API refuses a bad parameter with a 400; a page drops it, names
 * it, and shows the rest, so an edited or outdated link still opens (a NUL byte, a year 0000 or an
 * unknown state included). Parameters the schema does not name (the paging stack `prev`, say) are
 * left alone; an empty one means "no filter"; of a repeated one the first counts. A `from` after
 * `to` is dropped, keeping `to`. `aliases` maps another name to the schema's (gateway -> pg): the
 * schema's own name wins when both are sent.
 */
export function parsePageParams<Shape extends z.ZodRawShape, Output>(
  schema: z.ZodType<Output> & { shape: Shape },
  raw: PageSearchParams,
  aliases: Readonly<Record<string, keyof Shape & string>> = {},
): { query: Output; ignored: IgnoredParam[] } {
  // The raw text of each value that parsed on its own; the whole schema then parses these.
  const accepted: Record<string, string> = {};
  const ignored: IgnoredParam[] = [];
  const firstValue = (key: string) => {
    const value = raw[key];
    return Array.isArray(value) ? value[0] : value;
  };
  for (const key of Object.keys(schema.shape)) {
    const alias = Object.keys(aliases).find((name) => aliases[name] === key);
    const field = firstValue(key) !== undefined || !alias ? key : alias;
    const value = firstValue(field);
    if (value === undefined || value.trim() === "") continue;
    const result = (schema.shape[key] as z.ZodType).safeParse(value);
    if (result.success) accepted[key] = value;
    else ignored.push({ field, message: result.error.issues[0]?.message ?? "Not a valid value." });
  }
  // Days compare as text (YYYY-MM-DD).
  if (accepted.from !== undefined && accepted.to !== undefined && accepted.from > accepted.to) {
    ignored.push({ field: "from", message: "'from' is after 'to'; the range would be empty." });
    delete accepted.from;
  }
  const whole = schema.safeParse(accepted);
  if (whole.success) return { query: whole.data, ignored };
  // A rule across fields the loop above does not know: name it and fall back to the defaults.
  for (const issue of whole.error.issues)
    ignored.push({ field: String(issue.path[0] ?? "address"), message: issue.message });
  return { query: schema.parse({}), ignored };
}
