import { describe, expect, it } from "vitest";
import { InstantSchema, parsePageParams } from "./list-params";
import { OperationRequestFilterSchema } from "./operation-requests";
import { TransactionListQuerySchema } from "./transactions";

describe("parsePageParams (both list pages, lenient)", () => {
  it.each([
    ["from", "0000-01-01"],
    ["to", "9999-12-31"],
    ["q", "a\u0000b"],
    ["gateway", "kn\u0000et"],
    ["cursor", "abc\u0001"],
  ])("drops a transactions %s of %j and names it", (field, value) => {
    const { query, ignored } = parsePageParams(TransactionListQuerySchema, {
      [field]: value,
      currency: "USD",
    });
    expect(ignored.map((param) => param.field)).toEqual([field]);
    expect(query).toEqual({ currency: "USD", sort: "created_at", dir: "desc", limit: 25 });
  });

  it.each([
    ["pg", "a\u0000b"],
    ["from", "0000-01-01"],
    ["to", "9999-12-31"],
    ["state", "bogus"],
  ])("drops a ticket %s of %j and names it", (field, value) => {
    const { query, ignored } = parsePageParams(OperationRequestFilterSchema, {
      [field]: value,
      operation: "refund",
    });
    expect(ignored.map((param) => param.field)).toEqual([field]);
    expect(query).toMatchObject({ operation: "refund", limit: 25 });
    expect(query).not.toHaveProperty(field);
  });

  it("treats empty values as absent and takes the first of repeated ones", () => {
    const { query, ignored } = parsePageParams(OperationRequestFilterSchema, {
      state: "",
      currency: ["EUR", "USD"],
      prev: "whatever",
    });
    expect(ignored).toEqual([]);
    expect(query).toEqual({ currency: "EUR", sort: "created", limit: 25 });
  });

  it("drops the start of a reversed range but keeps its end", () => {
    const { query, ignored } = parsePageParams(OperationRequestFilterSchema, {
      from: "2026-03-02",
      to: "2026-03-01",
    });
    expect(query).toEqual({ to: "2026-03-01", sort: "created", limit: 25 });
    expect(ignored.map((param) => param.field)).toEqual(["from"]);
  });
});

describe("the ticket filters' cross-field rules", () => {
  it("sorting by amount needs a currency: the API refuses it, a page drops the sort", () => {
    const api = OperationRequestFilterSchema.safeParse({ sort: "amount" });
    expect(api.success).toBe(false);
    expect(api.error?.issues[0]).toMatchObject({ path: ["sort"], message: /currency/ });
    expect(OperationRequestFilterSchema.parse({ sort: "amount", currency: "KWD" }).sort).toBe(
      "amount",
    );
    const { query, ignored } = parsePageParams(OperationRequestFilterSchema, {
      sort: "amount",
      state: "pending",
    });
    expect(query).toEqual({ state: "pending", sort: "created", limit: 25 });
    expect(ignored.map((param) => param.field)).toEqual(["sort"]);
  });

  it("accepts gateway next to pg, on both lists", () => {
    expect(OperationRequestFilterSchema.parse({ gateway: "knet" })).toMatchObject({
      gateway: "knet",
    });
    expect(TransactionListQuerySchema.parse({ pg: "knet" })).toMatchObject({ pg: "knet" });
  });
});

describe("InstantSchema (a cursor's position)", () => {
  it("takes an instant exactly as the API writes it", () => {
    expect(InstantSchema.parse("2026-06-01T10:00:00.000Z")).toEqual(
      new Date("2026-06-01T10:00:00.000Z"),
    );
  });

  it("refuses anything else without throwing: text, other spellings, out of range", () => {
    for (const value of [
      "yesterday",
      "",
      "2026-02-30T00:00:00.000Z",
      "2026-06-01T10:00:00Z",
      "2026-06-01T13:00:00.000+03:00",
      "0000-01-01T00:00:00.000Z",
      "+275760-09-13T00:00:00.000Z",
      "2026-06-01T10:00:00.000Z\u0000",
    ]) {
      expect(() => InstantSchema.safeParse(value), value).not.toThrow();
      expect(InstantSchema.safeParse(value).success, value).toBe(false);
    }
  });
});
