import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { openClientAccount } from "@/lib/services/ledger/accounts";
import {
  approveProcess,
  declineProcess,
  reviewApproveProcess,
} from "@/lib/services/ledger/decide-process";
import { runProcess } from "@/lib/services/ledger/run-process";
import { principalOf, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";

beforeEach(resetDatabase);

async function coin(m: TestMerchant, currency = "KWD", customerId = m.customer.id) {
  return prisma.$transaction((tx) =>
    openClientAccount(tx, { merchantId: m.merchant.id, customerId, kind: "client_coin", currency }),
  );
}

async function balances(id: string) {
  return prisma.ledgerAccount.findUniqueOrThrow({
    where: { id },
    select: { debitsPending: true, debitsPosted: true, creditsPending: true, creditsPosted: true },
  });
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "ok";
}

describe("ledger core", () => {
  it("tops up, transfers, refuses an overdraft and writes nothing for it", async () => {
    const m = await seedMerchant();
    const owner = principalOf(m, "owner");
    const a = await coin(m);
    const other = await prisma.customer.create({
      data: { merchantId: m.merchant.id, name: "B", baseCurrency: "KWD" },
    });
    const b = await coin(m, "KWD", other.id);
    await runProcess(owner, {
      type: "bank_topup",
      amount: "10.000",
      currency: "KWD",
      destinationAccountId: a,
    });
    expect((await balances(a)).creditsPosted).toBe(10000n);
    await runProcess(owner, {
      type: "client_transaction_transfer",
      amount: "4.000",
      fee: "0.500",
      currency: "KWD",
      sourceAccountId: a,
      destinationAccountId: b,
    });
    expect(await balances(a)).toMatchObject({ debitsPosted: 4500n, creditsPosted: 10000n });
    expect((await balances(b)).creditsPosted).toBe(4000n);
    const before = await prisma.ledgerTransfer.count();
    expect(
      await code(
        runProcess(owner, {
          type: "client_transaction_transfer",
          amount: "6.000",
          currency: "KWD",
          sourceAccountId: a,
          destinationAccountId: b,
        }),
      ),
    ).toBe("insufficient_funds");
    expect(await prisma.ledgerTransfer.count()).toBe(before);
  });

  it("holds a withdrawal, then captures it on approve or releases it on decline", async () => {
    const m = await seedMerchant();
    const owner = principalOf(m, "owner");
    const a = await coin(m);
    await runProcess(owner, {
      type: "bank_topup",
      amount: "10.000",
      currency: "KWD",
      destinationAccountId: a,
    });
    const w1 = await runProcess(owner, {
      type: "bank_redeem",
      amount: "3.000",
      currency: "KWD",
      sourceAccountId: a,
    });
    expect(await balances(a)).toMatchObject({ debitsPending: 3000n });
    await approveProcess(owner, w1.processId);
    expect(await balances(a)).toMatchObject({ debitsPending: 0n, debitsPosted: 3000n });
    const w2 = await runProcess(owner, {
      type: "gate_redeem",
      amount: "2.000",
      currency: "KWD",
      sourceAccountId: a,
      gatewayCode: "knet",
    });
    await declineProcess(owner, w2.processId);
    expect(await balances(a)).toMatchObject({ debitsPending: 0n, debitsPosted: 3000n });
    expect(await code(approveProcess(owner, w2.processId))).toBe("invalid_state");
    expect(
      (await prisma.businessProcess.findUniqueOrThrow({ where: { id: w2.processId } })).status,
    ).toBe("declined");
  });

  it("replays the same key and refuses the key with other content", async () => {
    const m = await seedMerchant();
    const owner = principalOf(m, "owner");
    const a = await coin(m);
    const input = {
      type: "bank_topup" as const,
      amount: "1.000",
      currency: "KWD",
      destinationAccountId: a,
      idempotencyKey: "k1",
    };
    const first = await runProcess(owner, input);
    const again = await runProcess(owner, input);
    expect(again).toEqual({ processId: first.processId, replayed: true });
    expect(await code(runProcess(owner, { ...input, amount: "2.000" }))).toBe(
      "idempotency_key_reuse",
    );
    expect((await balances(a)).creditsPosted).toBe(1000n);
  });

  it("gives one process for 20 parallel first requests with one key", async () => {
    const m = await seedMerchant();
    const owner = principalOf(m, "owner");
    const a = await coin(m);
    const input = {
      type: "bank_topup" as const,
      amount: "1.000",
      currency: "KWD",
      destinationAccountId: a,
      idempotencyKey: "parallel",
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => runProcess(owner, input)));
    expect(new Set(results.map((r) => r.processId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await balances(a)).creditsPosted).toBe(1000n);
  });

  it("creates a process over a limit as limited, holding nothing, until review", async () => {
    const m = await seedMerchant();
    const owner = principalOf(m, "owner");
    const a = await coin(m);
    await runProcess(owner, {
      type: "bank_topup",
      amount: "10.000",
      currency: "KWD",
      destinationAccountId: a,
    });
    await prisma.limitProfile.create({
      data: {
        merchantId: m.merchant.id,
        processType: "bank_redeem",
        currency: "KWD",
        maxAmount: 1000n,
      },
    });
    const p = await runProcess(owner, {
      type: "bank_redeem",
      amount: "2.000",
      currency: "KWD",
      sourceAccountId: a,
    });
    expect(
      (await prisma.businessProcess.findUniqueOrThrow({ where: { id: p.processId } })).status,
    ).toBe("limited");
    expect((await balances(a)).debitsPending).toBe(0n);
    await reviewApproveProcess(owner, p.processId);
    expect((await balances(a)).debitsPending).toBe(2000n);
  });

  it("exchanges through the reserves at the recorded rate", async () => {
    const m = await seedMerchant();
    const owner = principalOf(m, "owner");
    const kwd = await coin(m, "KWD");
    const usd = await coin(m, "USD");
    await runProcess(owner, {
      type: "bank_topup",
      amount: "10.000",
      currency: "KWD",
      destinationAccountId: kwd,
    });
    await runProcess(owner, {
      type: "exchange_reserve_top_up",
      amount: "1000.00",
      currency: "USD",
    });
    await runProcess(owner, {
      type: "exchange_transaction",
      amount: "1.000",
      currency: "KWD",
      sourceAccountId: kwd,
      destinationAccountId: usd,
      exchangeRate: "3.25",
    });
    expect((await balances(usd)).creditsPosted).toBe(325n);
  });

  it("refuses direct balance updates and transfer changes in the database", async () => {
    const m = await seedMerchant();
    const owner = principalOf(m, "owner");
    const a = await coin(m);
    await runProcess(owner, {
      type: "bank_topup",
      amount: "1.000",
      currency: "KWD",
      destinationAccountId: a,
    });
    await expect(
      prisma.$executeRaw`UPDATE ledger_account SET credits_posted = 99 WHERE id = ${a}::uuid`,
    ).rejects.toThrow(/ledger_account_balances_from_transfers|balances move only/);
    await expect(prisma.$executeRaw`UPDATE ledger_transfer SET amount = 5`).rejects.toThrow(
      /immutable/,
    );
    await expect(prisma.$executeRaw`DELETE FROM ledger_transfer`).rejects.toThrow(/immutable/);
  });

  it("keeps the hold when the second session fails, records why, and approves on retry", async () => {
    const m = await seedMerchant();
    const owner = principalOf(m, "owner");
    const a = await coin(m);
    await runProcess(owner, {
      type: "bank_topup",
      amount: "5.000",
      currency: "KWD",
      destinationAccountId: a,
    });
    const w = await runProcess(owner, {
      type: "bank_redeem",
      amount: "2.000",
      currency: "KWD",
      sourceAccountId: a,
    });
    // A real failure inside the database while the capture is written.
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION test_fail_capture() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure'; END; $$;
      CREATE TRIGGER test_fail_capture BEFORE INSERT ON ledger_transfer
        FOR EACH ROW WHEN (NEW.kind = 'post_pending') EXECUTE FUNCTION test_fail_capture();`);
    try {
      await expect(approveProcess(owner, w.processId)).rejects.toThrow(/injected failure/);
    } finally {
      await prisma.$executeRawUnsafe(
        "DROP TRIGGER test_fail_capture ON ledger_transfer; DROP FUNCTION test_fail_capture();",
      );
    }
    const failed = await prisma.businessProcess.findUniqueOrThrow({ where: { id: w.processId } });
    expect([failed.status, failed.lastError]).toEqual([
      "pending",
      expect.stringMatching(/injected failure/),
    ]);
    expect(await balances(a)).toMatchObject({ debitsPending: 2000n, debitsPosted: 0n });
    await approveProcess(owner, w.processId);
    expect(await balances(a)).toMatchObject({ debitsPending: 0n, debitsPosted: 2000n });
  });
});
