import { describe, expect, it } from "vitest";
import {
  parseTransactionListParams,
  TransactionJsonSchema,
  TransactionListQuerySchema,
} from "./transactions";

describe("TransactionListQuerySchema (API, strict)", () => {
  it("applies the defaults", () => {
    expect(TransactionListQuerySchema.parse({})).toEqual({
      sort: "created_at",
      dir: "desc",
      limit: 25,
    });
  });

  it("reads comma-separated states, dropping repeats and blanks", () => {
    expect(TransactionListQuerySchema.parse({ state: "paid, failed,,paid" }).state).toEqual([
      "paid",
      "failed",
    ]);
  });

  it("treats empty parameters as absent, as a GET form sends them", () => {
    expect(TransactionListQuerySchema.parse({ state: "", q: "  ", limit: "" })).toEqual({
      sort: "created_at",
      dir: "desc",
      limit: 25,
    });
  });

  it.each([
    [{ state: "paid,bogus" }, /Unknown state "bogus"/],
    [{ gateway: "x".repeat(26) }, /at most 25/],
    [{ currency: "XYZ" }, /Unknown currency/],
    [{ from: "2026-02-30" }, /date like/],
    [{ from: "2026-03-02", to: "2026-03-01" }, /'from' is after 'to'/],
    [{ q: "x".repeat(101) }, /at most 100/],
    [{ sort: "id" }, /Sort by one of/],
    [{ dir: "up" }, /asc or desc/],
    [{ limit: "0" }, /1 to 100/],
    [{ limit: "101" }, /1 to 100/],
    [{ limit: "2.5" }, /1 to 100/],
    [{ page: "2" }, /Unknown query parameter 'page'/],
  ])("refuses %j", (input, message) => {
    const result = TransactionListQuerySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(message);
  });

  it("accepts a one-day range and lower-case currency codes", () => {
    expect(
      TransactionListQuerySchema.parse({ from: "2026-03-01", to: "2026-03-01", currency: "kwd" }),
    ).toMatchObject({
      from: "2026-03-01",
      to: "2026-03-01",
      currency: "KWD",
    });
  });
});

describe("parseTransactionListParams (pages, lenient)", () => {
  it("ignores unknown parameters and keeps the valid ones", () => {
    const { query, ignored } = parseTransactionListParams({
      state: "paid",
      prev: "abc",
      utm_source: "mail",
    });
    expect(query.state).toEqual(["paid"]);
    expect(ignored).toEqual([]);
  });

  it("drops each invalid value, names it, and never throws", () => {
    const { query, ignored } = parseTransactionListParams({
      state: "bogus",
      limit: "9999",
      currency: "USD",
      sort: "nope",
    });
    expect(query).toEqual({ currency: "USD", sort: "created_at", dir: "desc", limit: 25 });
    expect(ignored.map((param) => param.field).sort()).toEqual(["limit", "sort", "state"]);
  });

  it("drops the start of a reversed range but keeps its end", () => {
    const { query, ignored } = parseTransactionListParams({ from: "2026-03-02", to: "2026-03-01" });
    expect(query).toMatchObject({ to: "2026-03-01" });
    expect(query.from).toBeUndefined();
    expect(ignored.map((param) => param.field)).toEqual(["from"]);
  });

  it("takes the first of repeated parameters", () => {
    expect(parseTransactionListParams({ currency: ["EUR", "USD"] }).query.currency).toBe("EUR");
  });
});

describe("TransactionJsonSchema", () => {
  const json = {
    id: "4ef643f5-dc3e-4315-a9e3-d28ccfb8d4ea",
    orderNo: "DS-1",
    state: "paid",
    kind: "payment",
    amount: "12.500",
    currency: "KWD",
    capturedAmount: "12.500",
    refundedAmount: "0.000",
    remainingAmount: "12.500",
    gateway: { code: "knet", name: "KNET" },
    unit: { id: "u", name: "Online" },
    customer: null,
    parentId: null,
    createdAt: "2026-11-21T05:28:00.000Z",
    updatedAt: "2026-11-21T05:28:00.000Z",
  };

  it("accepts amounts with exactly the currency's decimals", () => {
    expect(TransactionJsonSchema.safeParse(json).success).toBe(true);
  });

  it("refuses an amount with the wrong number of decimals, or a float", () => {
    expect(TransactionJsonSchema.safeParse({ ...json, amount: "12.5" }).success).toBe(false);
    expect(TransactionJsonSchema.safeParse({ ...json, currency: "USD" }).success).toBe(false);
    expect(TransactionJsonSchema.safeParse({ ...json, amount: 12.5 }).success).toBe(false);
  });
});
