import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { CURRENCY_EXPONENTS } from "@/lib/domain/money/currency";
import { createPayment, resetDatabase, seedMerchant } from "./helpers";

/**
 * Asserts that the write failed because of the named constraint, index or trigger, not for some
 * other reason (a typo in the test data would also "reject"). The pg driver adapter puts the
 * database's message, which names the constraint, into the error's message or its cause.
 */
async function refusedBy(write: Promise<unknown>, name: string | RegExp): Promise<void> {
  const error = await write.then(
    () => {
      throw new Error(`expected the database to refuse the write (${String(name)})`);
    },
    (reason: unknown) => reason,
  );
  const text = describeError(error);
  if (typeof name === "string") expect(text).toContain(name);
  else expect(text).toMatch(name);
}

function describeError(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const record = current as { message?: unknown; meta?: unknown; cause?: unknown };
    if (typeof record.message === "string") parts.push(record.message);
    if (record.meta) parts.push(JSON.stringify(record.meta));
    current = record.cause;
  }
  return parts.join(" | ");
}

/** What the schema itself refuses, whatever the application code does. */
describe("database guarantees", () => {
  beforeEach(resetDatabase);

  it("refuses negative amounts", async () => {
    const m = await seedMerchant();
    await refusedBy(
      createPayment(m, { amount: "-1.000" }),
      "payment_transaction_amounts_non_negative",
    );
  });

  it("refuses more decimals than the currency has", async () => {
    const m = await seedMerchant();
    await refusedBy(
      createPayment(m, { currency: "USD", amount: "1.005" }),
      "payment_transaction_amount_precision",
    );
    await expect(createPayment(m, { currency: "KWD", amount: "1.005" })).resolves.toBeTruthy();
  });

  it("refuses a refunded amount above the captured amount", async () => {
    const m = await seedMerchant();
    await refusedBy(
      createPayment(m, {
        amount: "5.000",
        captured: "5.000",
        refunded: "5.001",
        state: "partially_refunded",
      }),
      "payment_transaction_refunded_within_captured",
    );
  });

  it("refuses a second payment with the same order number for one merchant, but not across merchants", async () => {
    const a = await seedMerchant();
    const b = await seedMerchant();
    await createPayment(a, { orderNo: "SAME-1" });
    await refusedBy(
      createPayment(a, { orderNo: "SAME-1" }),
      "payment_transaction_merchant_order_no_payment_key",
    );
    await expect(createPayment(b, { orderNo: "SAME-1" })).resolves.toBeTruthy();
  });

  it("refuses unknown currencies and malformed gateway codes", async () => {
    const m = await seedMerchant();
    await refusedBy(
      prisma.paymentGateway.create({
        data: {
          merchantId: m.merchant.id,
          code: "x".repeat(26),
          name: "Too long",
          currency: "USD",
        },
      }),
      "value too long for type character varying(25)",
    );
    await refusedBy(
      prisma.paymentGateway.create({
        data: {
          merchantId: m.merchant.id,
          code: "has space",
          name: "Bad format",
          currency: "USD",
        },
      }),
      "payment_gateway_code_format",
    );
    await refusedBy(
      prisma.paymentGateway.create({
        data: { merchantId: m.merchant.id, code: "ok", name: "Bad currency", currency: "XYZ" },
      }),
      "payment_gateway_currency_known",
    );
  });

  it("keeps emails lower-case so uniqueness is case-insensitive", async () => {
    await refusedBy(
      prisma.user.create({ data: { email: "Mixed@Example.test", name: "x", passwordHash: "x" } }),
      "app_user_email_lower",
    );
  });

  it("keeps the audit trail append-only", async () => {
    const event = await prisma.auditEvent.create({
      data: { actorType: "system", entity: "test", entityId: "1", action: "test.created" },
    });
    await expect(
      prisma.auditEvent.update({ where: { id: event.id }, data: { action: "tampered" } }),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(
      /append-only/,
    );
    expect((await prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe(
      "test.created",
    );
  });

  it("keeps an operation request's merchant, gateway and currency those of its payment", async () => {
    const m = await seedMerchant();
    const payment = await createPayment(m, { currency: "KWD" });
    const base = {
      merchantId: m.merchant.id,
      transactionId: payment.id,
      operation: "refund" as const,
      state: "pending" as const,
      submittedById: m.users.maker.id,
    };
    await refusedBy(
      prisma.operationRequest.create({
        data: { ...base, gatewayId: m.gateways.wirecard.id, amount: "1.00", currency: "USD" },
      }),
      "operation_request_matches_payment",
    );
    const other = await seedMerchant();
    await refusedBy(
      prisma.operationRequest.create({
        data: {
          ...base,
          merchantId: other.merchant.id,
          gatewayId: m.gateways.knet.id,
          amount: "1.000",
          currency: "KWD",
        },
      }),
      "operation_request_matches_payment",
    );
    await expect(
      prisma.operationRequest.create({
        data: { ...base, gatewayId: m.gateways.knet.id, amount: "1.000", currency: "KWD" },
      }),
    ).resolves.toBeTruthy();
  });

  it("agrees with the TypeScript currency table: currency_exponent() for every currency", async () => {
    const rows = await prisma.$queryRaw<{ code: string; exponent: number | null }[]>`
      SELECT code, currency_exponent(code) AS exponent
      FROM unnest(${Object.keys(CURRENCY_EXPONENTS)}::text[]) AS code`;
    expect(Object.fromEntries(rows.map((row) => [row.code, row.exponent]))).toEqual(
      CURRENCY_EXPONENTS,
    );
    const [unknown] = await prisma.$queryRaw<{ exponent: number | null }[]>`
      SELECT currency_exponent('XYZ') AS exponent`;
    expect(unknown?.exponent).toBeNull();
  });

  it("lists the same currencies in SQL as in TypeScript (none only on one side)", async () => {
    const [row] = await prisma.$queryRaw<{ source: string }[]>`
      SELECT pg_get_functiondef('currency_exponent(text)'::regprocedure) AS source`;
    const sqlCodes = [...(row?.source ?? "").matchAll(/WHEN '([A-Z]{3})'/g)].map(
      (match) => match[1],
    );
    expect(sqlCodes.sort()).toEqual(Object.keys(CURRENCY_EXPONENTS).sort());
  });
});
