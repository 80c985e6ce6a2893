import { describe, expect, it } from "vitest";
import {
  BULK_CHUNK_ROWS,
  bulkRowToRequest,
  channelsOf,
  checkBulkColumns,
  chunkRanges,
  dueDateTime,
  MAX_BULK_ROWS,
  normalizeColumnName,
  notificationsOf,
  parseBulkCsv,
} from "./payment-links";

describe("channels", () => {
  it("lists the channels switched on, in a fixed order", () => {
    expect(channelsOf({ whatsapp: true, email: true })).toEqual(["email", "whatsapp"]);
    expect(channelsOf({ sms: false })).toEqual([]);
    expect(channelsOf(null)).toEqual([]);
    expect(channelsOf(undefined)).toEqual([]);
  });
  it("builds notifications from channels and back", () => {
    expect(notificationsOf(["sms", "email"])).toEqual({ sms: true, email: true });
    expect(channelsOf(notificationsOf(["whatsapp", "sms", "email"]))).toEqual([
      "email",
      "sms",
      "whatsapp",
    ]);
    expect(notificationsOf([])).toEqual({});
  });
});

describe("column names", () => {
  it("normalises case, spaces, dashes and a byte-order mark", () => {
    expect(normalizeColumnName(" Customer Name ")).toBe("customer_name");
    expect(normalizeColumnName("ORDER-NO")).toBe("order_no");
    expect(normalizeColumnName("\uFEFFamount")).toBe("amount");
  });
  it("refuses unknown, repeated and missing columns", () => {
    expect(checkBulkColumns(["amount", "currency"])).toBeNull();
    expect(checkBulkColumns(["amount", "currency", "colour"])?.message).toMatch(
      /Unknown column "colour"/,
    );
    expect(checkBulkColumns(["amount", "Amount", "currency"])?.message).toMatch(/appears twice/);
    expect(checkBulkColumns(["amount", "email"])?.message).toMatch(/needs the column currency/);
    expect(checkBulkColumns(["email"])?.message).toMatch(/columns amount, currency/);
  });
});

describe("parseBulkCsv", () => {
  it("reads a header and rows, trimming values and dropping empty ones", () => {
    const parsed = parseBulkCsv(
      "amount,currency,customer_name,email,phone,order_no\n12.500, KWD ,Sara Ali,sara@example.test,,A-1\n3.000,KWD,,,+96550001234,A-2\n",
    );
    expect(parsed).toEqual({
      ok: true,
      rows: [
        {
          amount: "12.500",
          currency: "KWD",
          customer_name: "Sara Ali",
          email: "sara@example.test",
          order_no: "A-1",
        },
        { amount: "3.000", currency: "KWD", phone: "+96550001234", order_no: "A-2" },
      ],
    });
  });
  it("honours quotes, embedded commas and line breaks, CRLF, a BOM and semicolons", () => {
    const parsed = parseBulkCsv(
      '\uFEFFamount;currency;customer_name\r\n"1,5";KWD;"Ali ""the"" Test"\r\n2;KWD;"two\nlines"\r\n',
    );
    expect(parsed.ok && parsed.rows).toEqual([
      { amount: "1,5", currency: "KWD", customer_name: 'Ali "the" Test' },
      { amount: "2", currency: "KWD", customer_name: "two\nlines" },
    ]);
  });
  it("skips blank lines and marks a line with more fields than the header", () => {
    const parsed = parseBulkCsv("amount,currency\n1,KWD\n\n  \n2,KWD,extra,more\n");
    expect(parsed.ok && parsed.rows).toEqual([
      { amount: "1", currency: "KWD" },
      { amount: "2", currency: "KWD", extraFields: 2 },
    ]);
  });
  it("refuses a file that is not a table", () => {
    const refused = (text: string) => {
      const parsed = parseBulkCsv(text);
      return parsed.ok ? null : parsed.error.message;
    };
    expect(refused("")).toMatch(/empty/);
    expect(refused("   \n\n")).toMatch(/empty/);
    expect(refused("amount,currency\n")).toMatch(/no rows/);
    expect(refused('amount,currency\n"12,KWD\n')).toMatch(/unclosed quote/);
    expect(refused("amount,currency\n1,KWD\u0000\n")).toMatch(/NUL/);
    expect(refused("foo,bar\n1,2\n")).toMatch(/Unknown columns "foo", "bar"/);
    expect(refused("<html><body>not csv</body></html>")).toMatch(/Unknown column/);
  });
  it("takes at most MAX_BULK_ROWS rows", () => {
    const line = "1.000,KWD\n";
    expect(parseBulkCsv(`amount,currency\n${line.repeat(MAX_BULK_ROWS)}`).ok).toBe(true);
    const over = parseBulkCsv(`amount,currency\n${line.repeat(MAX_BULK_ROWS + 1)}`);
    expect(over.ok ? null : over.error.message).toMatch(/5001 rows; at most 5000/);
  });
});

describe("bulkRowToRequest", () => {
  it("maps the file's columns to the Checkout API's fields", () => {
    expect(
      bulkRowToRequest({
        amount: "12.500",
        currency: "kwd",
        customer_name: "Sara  bint Ali",
        email: "sara@example.test",
        phone: "+965 5000 1234",
        order_no: "A-1",
        pg_code: "knet; other|third",
        due_date: "2030-01-31",
        channels: "Email; SMS",
        expiration_time: "1 00:00:00",
        language: "AR",
      }),
    ).toEqual({
      ok: true,
      request: {
        type: "payment_request",
        amount: "12.500",
        currency_code: "KWD",
        customer_first_name: "Sara",
        customer_last_name: "bint Ali",
        customer_email: "sara@example.test",
        customer_phone: "+965 5000 1234",
        order_no: "A-1",
        pg_codes: ["knet", "other", "third"],
        due_datetime: "2030-01-31T23:59:59.999Z",
        notifications: { email: true, sms: true },
        expiration_time: "1 00:00:00",
        language: "ar",
      },
    });
  });
  it("prefers the first and last name columns over customer_name; a single name is a first name", () => {
    const both = bulkRowToRequest({
      amount: "1",
      currency: "KWD",
      customer_name: "Ignored Name",
      customer_first_name: "Sara",
    });
    expect(both.ok && both.request.customer_first_name).toBe("Sara");
    expect(both.ok && both.request.customer_last_name).toBeUndefined();
    const single = bulkRowToRequest({ amount: "1", currency: "KWD", customer_name: "Sara" });
    expect(
      single.ok && [single.request.customer_first_name, single.request.customer_last_name],
    ).toEqual(["Sara", undefined]);
  });
  it("names every mistake of a row at once", () => {
    expect(
      bulkRowToRequest({ due_date: "31/01/2030", channels: "email,fax", extraFields: 1 }),
    ).toEqual({
      ok: false,
      errors: [
        { field: "row", message: "has 1 more field(s) than the header" },
        { field: "amount", message: "is required" },
        { field: "currency", message: "is required" },
        { field: "due_date", message: "must be a day (YYYY-MM-DD) or an ISO 8601 date-time" },
        { field: "channels", message: 'unknown channel "fax"; use email, sms or whatsapp' },
      ],
    });
  });
});

describe("dueDateTime", () => {
  it("takes a real day or an ISO date-time", () => {
    expect(dueDateTime("2028-02-29")).toBe("2028-02-29T23:59:59.999Z");
    expect(dueDateTime("2030-01-01T10:00:00+03:00")).toBe("2030-01-01T10:00:00+03:00");
  });
  it("refuses days that do not exist and other shapes", () => {
    for (const value of [
      "2027-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-04-31",
      "tomorrow",
      "2026-1-1",
      "2026-01-01Tnope",
    ])
      expect(dueDateTime(value), value).toBeNull();
  });
});

describe("chunkRanges", () => {
  it("covers every row once, in order", () => {
    expect(chunkRanges(0)).toEqual([]);
    expect(chunkRanges(3, 2)).toEqual([
      [0, 2],
      [2, 3],
    ]);
    const ranges = chunkRanges(MAX_BULK_ROWS);
    expect(ranges).toHaveLength(MAX_BULK_ROWS / BULK_CHUNK_ROWS);
    expect(ranges.at(-1)).toEqual([MAX_BULK_ROWS - BULK_CHUNK_ROWS, MAX_BULK_ROWS]);
  });
  it("refuses a chunk size that is not a positive integer", () => {
    expect(() => chunkRanges(10, 0)).toThrow();
    expect(() => chunkRanges(10, 1.5)).toThrow();
  });
});
