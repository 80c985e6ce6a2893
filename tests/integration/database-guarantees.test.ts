import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createPayment, resetDatabase, seedMerchant } from "./helpers";

/** What the schema itself refuses, whatever the application code does. */
describe("database guarantees", () => {
  beforeEach(resetDatabase);

  it("refuses negative amounts", async () => {
    const m = await seedMerchant();
    await expect(createPayment(m, { amount: "-1.000" })).rejects.toThrow();
  });

  it("refuses more decimals than the currency has", async () => {
    const m = await seedMerchant();
    await expect(createPayment(m, { currency: "USD", amount: "1.005" })).rejects.toThrow();
    await expect(createPayment(m, { currency: "KWD", amount: "1.005" })).resolves.toBeTruthy();
  });

  it("refuses a refunded amount above the captured amount", async () => {
    const m = await seedMerchant();
    await expect(
      createPayment(m, {
        amount: "5.000",
        captured: "5.000",
        refunded: "5.001",
        state: "partially_refunded",
      }),
    ).rejects.toThrow();
  });

  it("refuses a second payment with the same order number for one merchant, but not across merchants", async () => {
    const a = await seedMerchant();
    const b = await seedMerchant();
    await createPayment(a, { orderNo: "SAME-1" });
    await expect(createPayment(a, { orderNo: "SAME-1" })).rejects.toThrow();
    await expect(createPayment(b, { orderNo: "SAME-1" })).resolves.toBeTruthy();
  });

  it("refuses unknown currencies and malformed gateway codes", async () => {
    const m = await seedMerchant();
    await expect(
      prisma.paymentGateway.create({
        data: {
          merchantId: m.merchant.id,
          code: "x".repeat(26),
          name: "Too long",
          currency: "USD",
        },
      }),
    ).rejects.toThrow();
    await expect(
      prisma.paymentGateway.create({
        data: { merchantId: m.merchant.id, code: "ok", name: "Bad currency", currency: "XYZ" },
      }),
    ).rejects.toThrow();
  });

  it("keeps emails lower-case so uniqueness is case-insensitive", async () => {
    await expect(
      prisma.user.create({ data: { email: "Mixed@Example.test", name: "x", passwordHash: "x" } }),
    ).rejects.toThrow();
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
    await expect(
      prisma.operationRequest.create({
        data: { ...base, gatewayId: m.gateways.wirecard.id, amount: "1.00", currency: "USD" },
      }),
    ).rejects.toThrow();
    const other = await seedMerchant();
    await expect(
      prisma.operationRequest.create({
        data: {
          ...base,
          merchantId: other.merchant.id,
          gatewayId: m.gateways.knet.id,
          amount: "1.000",
          currency: "KWD",
        },
      }),
    ).rejects.toThrow();
    await expect(
      prisma.operationRequest.create({
        data: { ...base, gatewayId: m.gateways.knet.id, amount: "1.000", currency: "KWD" },
      }),
    ).resolves.toBeTruthy();
  });
});
