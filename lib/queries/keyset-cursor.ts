import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { SafeLine } from "@/lib/validation/strings";

/*
 * The one keyset cursor codec, for every list. A cursor is base64url JSON naming the sort it was
 * issued for (`s`, `d`) and the last row's sort value (`v`, null when that row has none) and id;
 * (sort value, id) is unique, so paging never skips or repeats a row however many rows share a
 * value. Cursors are not secret: an edited one only moves within the caller's own merchant, whose
 * scope every query applies independently. Everything decoded is checked with the shared schemas
 * before it reaches SQL, so a forged cursor is a validation_error, never a database error.
 */

export type CursorKey = { sort: string; dir: "asc" | "desc" };

const BASE64URL = /^[A-Za-z0-9_-]{1,1024}$/;

const PayloadSchema = z.strictObject({
  s: SafeLine.max(40),
  d: z.enum(["asc", "desc"]),
  v: SafeLine.max(500).nullable(),
  id: z.uuid(),
});

export function encodeKeysetCursor(key: CursorKey, value: string | null, id: string): string {
  const payload: z.input<typeof PayloadSchema> = { s: key.sort, d: key.dir, v: value, id };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/**
 * The position the next page starts after. `value` checks and converts the sort value (an instant,
 * a decimal, a text; nullable where the sort column is); a cursor from another sort or direction, or anything we did not issue, is a
 * validation_error.
 */
export function decodeKeysetCursor<V>(
  cursor: string,
  key: CursorKey,
  value: z.ZodType<V>,
): { value: V; id: string } {
  const payload = BASE64URL.test(cursor)
    ? PayloadSchema.safeParse(parseJson(Buffer.from(cursor, "base64url").toString("utf8")))
    : null;
  if (!payload?.success) throw invalidCursor("The cursor is not one we issued");
  const { s, d, v, id } = payload.data;
  if (s !== key.sort || d !== key.dir) {
    throw invalidCursor(`The cursor belongs to another sort order (${s} ${d})`);
  }
  // A schema that is not .nullable() refuses a null value like any other bad one.
  const parsed = value.safeParse(v);
  if (!parsed.success)
    throw invalidCursor(`The cursor's position is not valid (${parsed.error.issues[0]?.message})`);
  return { value: parsed.data, id: id.toLowerCase() };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function invalidCursor(reason: string): AppError {
  const message = `${reason}; start again from the first page.`;
  return new AppError("validation_error", message, [{ field: "cursor", message }]);
}

/**
 * For pages: a stale or edited page link shows the first page with a notice; the API answers 400.
 * Runs `list` with the cursor, and again without it if the cursor was refused.
 */
export async function firstPageIfCursorRefused<Q extends { cursor?: string }, P>(
  list: (query: Q) => Promise<P>,
  query: Q,
): Promise<{ page: P; cursorRejected: boolean }> {
  try {
    return { page: await list(query), cursorRejected: false };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "validation_error" && query.cursor))
      throw error;
    return { page: await list({ ...query, cursor: undefined }), cursorRejected: true };
  }
}
