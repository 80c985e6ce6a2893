import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { recordCardPayment } from "@/lib/services/ledger/card-payments";
import { submitOperationRequest } from "@/lib/services/operation-requests/submit-operation-request";
import {
  createPayment,
  enableApprovals,
  principalOf,
  resetDatabase,
  seedMerchant,
  startSandboxGateway,
} from "./helpers";

let gateway: Awaited<ReturnType<typeof startSandboxGateway>>;
beforeAll(async () => {
  gateway = await startSandboxGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(resetDatabase);

async function processesOf(paymentId: string) {
  return prisma.businessProcess.findMany({
    where: { paymentTransactionId: paymentId },
    orderBy: [{ createdAt: "asc" }, { type: "asc" }],
    include: { transfers: { orderBy: { seq: "asc" } } },
  });
}

async function record(paymentId: string) {
  return prisma.$transaction((tx) => recordCardPayment(tx, paymentId));
}

describe("card payments in the ledger", () => {
  it("records a paid payment once: provider clearing -> merchant coin, posted", async () => {
    const m = await seedMerchant();
    const payment = await createPayment(m, { amount: "12.500" });
    const first = await record(payment.id);
    expect(await record(payment.id)).toBe(first);
    const [process] = await processesOf(payment.id);
    expect(process).toMatchObject({
      type: "merchant_payment",
      status: "processed",
      amount: 12500n,
    });
    expect(process?.transfers.map((t) => [t.kind, t.amount])).toEqual([["posted", 12500n]]);
    const merchantCoin = await prisma.ledgerAccount.findFirstOrThrow({
      where: { merchantId: m.merchant.id, kind: "merchant_coin", currency: "KWD" },
    });
    expect(merchantCoin.creditsPosted).toBe(12500n);
  });

  it("records an authorized payment as a hold, and a payment that moved nothing without transfers", async () => {
    const m = await seedMerchant();
    const authorized = await createPayment(m, { state: "authorized", amount: "3.000" });
    const failed = await createPayment(m, { state: "failed" });
    await record(authorized.id);
    await record(failed.id);
    const [hold] = await processesOf(authorized.id);
    expect(hold?.status).toBe("pending");
    expect(hold?.transfers.map((t) => t.kind)).toEqual(["pending"]);
    const [declined] = await processesOf(failed.id);
    expect(declined).toMatchObject({ status: "declined", transfers: [] });
  });

  it("posts a refund done through an operation request as a linked card-refund process", async () => {
    const m = await seedMerchant();
    await enableApprovals(m, "checker", { enabled: false });
    const payment = await createPayment(m, { amount: "10.000" });
    await submitOperationRequest(principalOf(m, "maker"), {
      transactionId: payment.id,
      operation: "refund",
      amount: "4.000",
    });
    const [original, refund] = await processesOf(payment.id);
    expect(refund).toMatchObject({ type: "gate_card_refund", status: "processed", amount: 4000n });
    expect(refund?.refundProcessId).toBe(original?.id);
    expect(original?.refundProcessId).toBe(refund?.id);
    expect(refund?.txIdToRefund).toBe(original?.transfers[0]?.id);
    expect(refund?.transfers.map((t) => [t.kind, t.amount])).toEqual([["posted", 4000n]]);
  });

  it("releases the hold of a voided authorization through a reversal process", async () => {
    const m = await seedMerchant();
    await enableApprovals(m, "checker", { enabled: false });
    const payment = await createPayment(m, { state: "authorized", amount: "5.000" });
    await submitOperationRequest(principalOf(m, "maker"), {
      transactionId: payment.id,
      operation: "void",
    });
    const [original, reversal] = await processesOf(payment.id);
    expect(original).toMatchObject({ status: "declined", refundProcessId: reversal?.id });
    expect(reversal).toMatchObject({
      type: "gate_reversal",
      status: "processed",
      refundProcessId: original?.id,
    });
    expect(reversal?.transfers.map((t) => [t.kind, t.pendingId])).toEqual([
      ["void_pending", original?.transfers[0]?.id],
    ]);
    const merchantCoin = await prisma.ledgerAccount.findFirstOrThrow({
      where: { merchantId: m.merchant.id, kind: "merchant_coin", currency: "KWD" },
    });
    expect([merchantCoin.creditsPending, merchantCoin.creditsPosted]).toEqual([0n, 0n]);
  });

  it("refuses, at commit, a refunded amount the ledger does not hold", async () => {
    const m = await seedMerchant();
    const payment = await createPayment(m, { amount: "10.000" });
    await record(payment.id);
    await expect(
      prisma.paymentTransaction.update({
        where: { id: payment.id },
        data: { refundedAmount: "1.000" },
      }),
    ).rejects.toThrow(/payment_refunded_amount_matches_ledger|ledger holds/);
    const after = await prisma.paymentTransaction.findUniqueOrThrow({ where: { id: payment.id } });
    expect(after.refundedAmount.toString()).toBe("0");
  });

  it("backfills refunds recorded before the ledger, including an amount without refund rows", async () => {
    const m = await seedMerchant();
    const payment = await createPayment(m, {
      amount: "10.000",
      refunded: "2.500",
      state: "partially_refunded",
    });
    await record(payment.id);
    const processes = await processesOf(payment.id);
    expect(processes.map((p) => [p.type, p.amount])).toEqual([
      ["merchant_payment", 10000n],
      ["gate_card_refund", 2500n],
    ]);
  });
});
