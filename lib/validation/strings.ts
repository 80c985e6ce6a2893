import { z } from "zod";

/*
 * The one rule for text a client sends: no C0 control characters (U+0000-U+001F) and no DEL
 * (U+007F). PostgreSQL cannot store NUL in text at all (a NUL reaching a query is a server error),
 * and the other controls have no business in names, codes, filters or ids. Free text (reasons,
 * notes) may hold tab and line breaks (LF, and the CR of the CRLF a form's textarea sends).
 */

/** Line breaks and tab: what free text may hold (a textarea sends CRLF). */
const FREE_TEXT_CONTROLS = new Set(["\t", "\n", "\r"]);

export const CONTROL_CHARACTER_MESSAGE = "must not contain control characters";

function containsControl(value: string, allowed?: ReadonlySet<string>): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if ((code < 0x20 || code === 0x7f) && !allowed?.has(value[index])) return true;
  }
  return false;
}

/** Whether a value would fail SafeLine: for code that is not a zod schema (the proxy, cursors). */
export function hasControlCharacters(value: string): boolean {
  return containsControl(value);
}

/** A single-line string: names, codes, filters, ids, cursors. Chain `.trim().min().max()` as needed. */
export const SafeLine = z
  .string()
  .refine((value) => !containsControl(value), CONTROL_CHARACTER_MESSAGE);

/** Free text (a reason, a note): tab and line breaks allowed, every other control character refused. */
export const SafeText = z
  .string()
  .refine((value) => !containsControl(value, FREE_TEXT_CONTROLS), CONTROL_CHARACTER_MESSAGE);
