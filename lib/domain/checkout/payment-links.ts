import Papa from "papaparse";
import { NOTIFICATION_CHANNELS, type NotificationChannel } from "./session-rules";

/*
 * Payment links (checkout sessions of type payment_request): the channels a link is sent by, and
 * the bulk file's rules — which columns a CSV may have, how a row becomes a Checkout API request,
 * and the limits. Pure: the page (in the browser) and the API parse a file with the same code.
 */

export type { NotificationChannel };
export const PAYMENT_LINK_CHANNELS: readonly NotificationChannel[] = NOTIFICATION_CHANNELS;

export const CHANNEL_LABELS: Record<NotificationChannel, string> = {
  email: "Email",
  sms: "SMS",
  whatsapp: "WhatsApp",
};

/** The channels switched on in a session's `notifications`, in a fixed order. */
export function channelsOf(
  notifications: Partial<Record<NotificationChannel, boolean>> | null | undefined,
): NotificationChannel[] {
  return PAYMENT_LINK_CHANNELS.filter((channel) => notifications?.[channel] === true);
}

/** `notifications` as the Checkout API takes it, from a list of channels. */
export function notificationsOf(
  channels: readonly NotificationChannel[],
): Partial<Record<NotificationChannel, true>> {
  const notifications: Partial<Record<NotificationChannel, true>> = {};
  for (const channel of channels) notifications[channel] = true;
  return notifications;
}

export const MAX_BULK_ROWS = 5_000;
export const MAX_BULK_BYTES = 2 * 1024 * 1024;
/** The page sends a file in chunks of this many rows, so it can show progress. */
export const BULK_CHUNK_ROWS = 50;

export const BULK_COLUMNS = [
  "amount",
  "currency",
  "customer_name",
  "customer_first_name",
  "customer_last_name",
  "email",
  "phone",
  "order_no",
  "pg_code",
  "due_date",
  "channels",
  "expiration_time",
  "language",
] as const;
export type BulkColumn = (typeof BULK_COLUMNS)[number];
export const REQUIRED_BULK_COLUMNS: readonly BulkColumn[] = ["amount", "currency"];

/**
 * One row of a bulk file or of the API's `rows`: column name -> text as written. `extraFields`:
 * how many fields a CSV line had beyond the header's (they would otherwise be dropped unseen).
 */
export type BulkRow = Partial<Record<BulkColumn, string>> & { extraFields?: number };

export type BulkFileError = { message: string };

export type ParsedBulkFile = { ok: true; rows: BulkRow[] } | { ok: false; error: BulkFileError };

/** "Customer Name" / "customer-name" / " CUSTOMER_NAME " all name the column customer_name. */
export function normalizeColumnName(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

function isBulkColumn(name: string): name is BulkColumn {
  return (BULK_COLUMNS as readonly string[]).includes(name);
}

/** The header's own mistakes: an unknown, repeated or missing column. */
export function checkBulkColumns(headers: readonly string[]): BulkFileError | null {
  const names = headers.map(normalizeColumnName);
  const unknown = names.filter((name) => !isBulkColumn(name));
  if (unknown.length > 0)
    return {
      message: `Unknown column${unknown.length === 1 ? "" : "s"} ${unknown
        .slice(0, 5)
        .map((name) => `"${name.slice(0, 40)}"`)
        .join(", ")}; the columns are ${BULK_COLUMNS.join(", ")}.`,
    };
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) return { message: `The column "${repeated[0]}" appears twice.` };
  const missing = REQUIRED_BULK_COLUMNS.filter((name) => !names.includes(name));
  if (missing.length > 0)
    return {
      message: `The file needs the column${missing.length === 1 ? "" : "s"} ${missing.join(", ")}.`,
    };
  return null;
}

/**
 * Reads a CSV (a header line, then one payment request per line; comma, semicolon or tab
 * separated; quotes as RFC 4180 says). A file that cannot be read as a table — unbalanced quotes,
 * no header, unknown columns, NUL bytes, too many rows — is refused as a whole; a row's own
 * mistakes are left to the row's validation, so one bad row does not stop the others.
 */
export function parseBulkCsv(text: string): ParsedBulkFile {
  if (text.includes("\u0000")) return fail("The file contains NUL bytes; is it really a CSV?");
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") return fail("The file is empty.");
  const result = Papa.parse<string[]>(body, {
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", ";", "\t"],
  });
  const quoteError = result.errors.find((error) => error.type === "Quotes");
  if (quoteError)
    return fail(`Row ${(quoteError.row ?? 0) + 1} has an unclosed quote: ${quoteError.message}.`);
  const [header, ...lines] = result.data;
  if (!header || header.length === 0) return fail("The file has no header line.");
  const columnError = checkBulkColumns(header);
  if (columnError) return { ok: false, error: columnError };
  if (lines.length === 0) return fail("The file has a header but no rows.");
  if (lines.length > MAX_BULK_ROWS)
    return fail(`The file has ${lines.length} rows; at most ${MAX_BULK_ROWS} are taken at once.`);
  const names = header.map(normalizeColumnName) as BulkColumn[];
  const rows = lines.map((fields) => {
    const row: BulkRow = {};
    names.forEach((name, index) => {
      const value = fields[index];
      if (value !== undefined && value.trim() !== "") row[name] = value.trim();
    });
    // A line with more fields than the header: the extra ones would be silently dropped.
    if (fields.length > names.length) row.extraFields = fields.length - names.length;
    return row;
  });
  return { ok: true, rows };
}

function fail(message: string): ParsedBulkFile {
  return { ok: false, error: { message } };
}

export type FieldError = { field: string; message: string };

/** The Checkout API request a bulk row stands for (validated afterwards by the API's own schema). */
export type BulkRequest = {
  type: "payment_request";
  amount: string;
  currency_code: string;
  pg_codes?: string[];
  order_no?: string;
  customer_first_name?: string;
  customer_last_name?: string;
  customer_email?: string;
  customer_phone?: string;
  due_datetime?: string;
  expiration_time?: string;
  language?: string;
  notifications?: Partial<Record<NotificationChannel, true>>;
};

/**
 * A row as a Checkout API request. The column names are the file's (currency, email, phone, ...);
 * customer_name is split at its first space unless customer_first_name is given; pg_code may name
 * several gateways separated by spaces, semicolons or "|"; due_date is a day (the end of that day in
 * UTC) or an ISO date-time; channels is a list of email, sms and whatsapp.
 */
export function bulkRowToRequest(
  row: BulkRow,
): { ok: true; request: BulkRequest } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (row.extraFields)
    errors.push({ field: "row", message: `has ${row.extraFields} more field(s) than the header` });
  if (!row.amount) errors.push({ field: "amount", message: "is required" });
  if (!row.currency) errors.push({ field: "currency", message: "is required" });
  const request: BulkRequest = {
    type: "payment_request",
    amount: row.amount ?? "",
    currency_code: (row.currency ?? "").toUpperCase(),
  };
  if (row.pg_code) request.pg_codes = row.pg_code.split(/[\s;|]+/).filter(Boolean);
  if (row.order_no) request.order_no = row.order_no;
  if (row.customer_first_name || row.customer_last_name) {
    if (row.customer_first_name) request.customer_first_name = row.customer_first_name;
    if (row.customer_last_name) request.customer_last_name = row.customer_last_name;
  } else if (row.customer_name) {
    const name = row.customer_name.replace(/\s+/g, " ").trim();
    const space = name.indexOf(" ");
    request.customer_first_name = space < 0 ? name : name.slice(0, space);
    if (space >= 0) request.customer_last_name = name.slice(space + 1);
  }
  if (row.email) request.customer_email = row.email;
  if (row.phone) request.customer_phone = row.phone;
  if (row.expiration_time) request.expiration_time = row.expiration_time;
  if (row.language) request.language = row.language.toLowerCase();
  if (row.due_date) {
    const due = dueDateTime(row.due_date);
    if (due) request.due_datetime = due;
    else
      errors.push({
        field: "due_date",
        message: "must be a day (YYYY-MM-DD) or an ISO 8601 date-time",
      });
  }
  if (row.channels) {
    const names = row.channels
      .toLowerCase()
      .split(/[\s,;|+]+/)
      .filter(Boolean);
    const unknown = names.filter(
      (name) => !(PAYMENT_LINK_CHANNELS as readonly string[]).includes(name),
    );
    if (unknown.length > 0)
      errors.push({
        field: "channels",
        message: `unknown channel "${unknown[0].slice(0, 20)}"; use email, sms or whatsapp`,
      });
    else request.notifications = notificationsOf(names as NotificationChannel[]);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, request };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-12-31" -> the last millisecond of that day in UTC; a date-time is passed through. */
export function dueDateTime(value: string): string | null {
  const day = DAY.exec(value);
  if (day) {
    const [, year, month, date] = day.map(Number);
    const end = new Date(Date.UTC(year, month - 1, date, 23, 59, 59, 999));
    // Date.UTC rolls 2026-02-30 over into March; such a day does not exist.
    if (
      end.getUTCFullYear() !== year ||
      end.getUTCMonth() !== month - 1 ||
      end.getUTCDate() !== date
    )
      return null;
    return end.toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return value;
  return null;
}

/** Splits rows into the chunks the page sends one after another: [start, end) row indexes. */
export function chunkRanges(total: number, size = BULK_CHUNK_ROWS): [number, number][] {
  if (!Number.isInteger(size) || size < 1) throw new Error("chunk size must be a positive integer");
  const ranges: [number, number][] = [];
  for (let start = 0; start < total; start += size)
    ranges.push([start, Math.min(total, start + size)]);
  return ranges;
}
