import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { toPaymentSnapshot } from "./payment-snapshot";

describe("toPaymentSnapshot", () => {
  it("reads Prisma decimals and raw SQL text alike, in the currency's minor units", () => {
    const fromPrisma = toPaymentSnapshot({
      state: "partially_refunded",
      currency: "KWD",
      amount: new Prisma.Decimal("12.5"),
      capturedAmount: new Prisma.Decimal("12.500"),
      refundedAmount: new Prisma.Decimal("0.25"),
    });
    const fromSql = toPaymentSnapshot({
      state: "partially_refunded",
      currency: "KWD",
      amount: "12.500",
      capturedAmount: "12.500",
      refundedAmount: "0.250",
    });
    expect(fromPrisma).toEqual({
      state: "partially_refunded",
      currency: "KWD",
      amountMinor: 12500n,
      capturedMinor: 12500n,
      refundedMinor: 250n,
    });
    expect(fromSql).toEqual(fromPrisma);
  });

  it("follows each currency's exponent", () => {
    const base = { state: "paid" as const, capturedAmount: "0", refundedAmount: "0" };
    expect(toPaymentSnapshot({ ...base, currency: "JPY", amount: "1500" }).amountMinor).toBe(1500n);
    expect(toPaymentSnapshot({ ...base, currency: "USD", amount: "15.00" }).amountMinor).toBe(
      1500n,
    );
  });

  it("throws on a stored amount its currency cannot hold, or an unknown currency", () => {
    const base = { state: "paid" as const, capturedAmount: "0", refundedAmount: "0" };
    expect(() => toPaymentSnapshot({ ...base, currency: "USD", amount: "1.234" })).toThrow(
      /invalid/,
    );
    expect(() => toPaymentSnapshot({ ...base, currency: "XXX", amount: "1" })).toThrow(/invalid/);
  });
});
