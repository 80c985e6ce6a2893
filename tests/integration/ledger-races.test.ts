import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db";
import { openClientAccount } from "@/lib/services/ledger/accounts";
import { approveProcess, expireHolds } from "@/lib/services/ledger/decide-process";
import { runProcess } from "@/lib/services/ledger/run-process";
import {
  insertTransfers,
  lockAccounts,
  readHolds,
  toPlannedHolds,
} from "@/lib/services/ledger/writer";
import { principalOf, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { checkLedgerInvariants, outcomeOf } from "./ledger-invariants";

/**
 * Races on the real PostgreSQL: many sessions at once on one process or one account. The Prisma
 * pool (10 connections) bounds how many run at the same moment; the rest queue for a connection,
 * and those that run contend on the same rows through the writer's row locks.
 */

beforeAll(resetDatabase);

async function coin(m: TestMerchant, customerId = m.customer.id) {
  return prisma.$transaction((tx) =>
    openClientAccount(tx, {
      merchantId: m.merchant.id,
      customerId,
      kind: "client_coin",
      currency: "KWD",
    }),
  );
}

async function balances(id: string) {
  return prisma.ledgerAccount.findUniqueOrThrow({
    where: { id },
    select: { debitsPending: true, debitsPosted: true, creditsPending: true, creditsPosted: true },
  });
}

function tally(outcomes: { outcome: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { outcome } of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

async function fundedCoin(m: TestMerchant, owner: Principal, amount: string) {
  const id = await coin(m);
  await runProcess(owner, {
    type: "bank_topup",
    amount,
    currency: "KWD",
    destinationAccountId: id,
  });
  return id;
}

describe("ledger races", () => {
  it("50 parallel approvals of one withdrawal via bank post it once", async () => {
    const m = await seedMerchant();
    const owner = principalOf(m, "owner");
    const a = await fundedCoin(m, owner, "10.000");
    const { processId } = await runProcess(owner, {
      type: "bank_redeem",
      amount: "3.000",
      currency: "KWD",
      sourceAccountId: a,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => outcomeOf(approveProcess(owner, processId))),
    );
    console.log(`[ledger races] 50 approvals: ${JSON.stringify(tally(outcomes))}`);
    expect(tally(outcomes)).toEqual({ ok: 1, invalid_state: 49 });
    const transfers = await prisma.ledgerTransfer.findMany({ where: { processId } });
    expect(transfers.map((t) => t.kind).sort()).toEqual(["pending", "post_pending"]);
    expect(
      (await prisma.businessProcess.findUniqueOrThrow({ where: { id: processId } })).status,
    ).toBe("processed");
    expect(await balances(a)).toEqual({
      debitsPending: 0n,
      debitsPosted: 3000n,
      creditsPending: 0n,
      creditsPosted: 10000n,
    });
    await checkLedgerInvariants(m.merchant.id);
  });

  it("an approval racing the expiry job on a hold just expiring has exactly one outcome", async () => {
    const m = await seedMerchant();
    const owner = principalOf(m, "owner");
    const a = await fundedCoin(m, owner, "100.000");
    const seen: Record<string, number> = {};
    for (let i = 0; i < 10; i++) {
      const { processId } = await runProcess(owner, {
        type: "bank_redeem",
        amount: "1.000",
        currency: "KWD",
        sourceAccountId: a,
        holdExpiresInSeconds: 1,
      });
      const { holdExpiresAt } = await prisma.businessProcess.findUniqueOrThrow({
        where: { id: processId },
      });
      // Fire both around the expiry: from 300 ms before to 150 ms after, a step of 50 ms per round.
      const fireAt = (holdExpiresAt as Date).getTime() + (i - 6) * 50;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, fireAt - Date.now())));
      const [approved, expired] = await Promise.all([
        outcomeOf(approveProcess(owner, processId)),
        outcomeOf(expireHolds()),
      ]);
      expect(["ok", "hold_expired", "invalid_state"]).toContain(approved.outcome);
      expect(expired.outcome).toBe("ok");
      // A hold the approval found expired and the job did not reach yet is released by the next run.
      if (approved.outcome !== "ok") {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await expireHolds();
      }
      const process = await prisma.businessProcess.findUniqueOrThrow({ where: { id: processId } });
      const kinds = (await prisma.ledgerTransfer.findMany({ where: { processId } }))
        .map((t) => t.kind)
        .sort();
      const outcome = `${approved.outcome}/${expired.value}`;
      seen[outcome] = (seen[outcome] ?? 0) + 1;
      if (approved.outcome === "ok") {
        expect({ status: process.status, kinds }).toEqual({
          status: "processed",
          kinds: ["pending", "post_pending"],
        });
      } else {
        expect({ status: process.status, reason: process.statusReason, kinds }).toEqual({
          status: "error",
          reason: "hold_expired",
          kinds: ["expire_pending", "pending"],
        });
      }
      await checkLedgerInvariants(m.merchant.id);
    }
    console.log(
      `[ledger races] approve vs expiry (approve/expired count): ${JSON.stringify(seen)}`,
    );
    const posted = await prisma.ledgerTransfer.count({
      where: { merchantId: m.merchant.id, kind: "post_pending" },
    });
    const released = await prisma.ledgerTransfer.count({
      where: { merchantId: m.merchant.id, kind: "expire_pending" },
    });
    expect(posted + released).toBe(10);
    expect(await balances(a)).toMatchObject({
      debitsPending: 0n,
      debitsPosted: BigInt(posted) * 1000n,
    });
  }, 60_000);

  it("100 parallel transfers out of a coin holding funds for 37 of them never overdraw it", async () => {
    const m = await seedMerchant();
    const owner = principalOf(m, "owner");
    const a = await fundedCoin(m, owner, "37.000");
    const other = await prisma.customer.create({
      data: { merchantId: m.merchant.id, name: "B", baseCurrency: "KWD" },
    });
    const b = await coin(m, other.id);
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, () =>
        outcomeOf(
          runProcess(owner, {
            type: "client_transaction_transfer",
            amount: "1.000",
            currency: "KWD",
            sourceAccountId: a,
            destinationAccountId: b,
          }),
        ),
      ),
    );
    console.log(`[ledger races] 100 transfers: ${JSON.stringify(tally(outcomes))}`);
    expect(tally(outcomes)).toEqual({ ok: 37, insufficient_funds: 63 });
    expect(await balances(a)).toEqual({
      debitsPending: 0n,
      debitsPosted: 37000n,
      creditsPending: 0n,
      creditsPosted: 37000n,
    });
    expect((await balances(b)).creditsPosted).toBe(37000n);
    expect(
      await prisma.businessProcess.count({
        where: { merchantId: m.merchant.id, type: "client_transaction_transfer" },
      }),
    ).toBe(37);
    await checkLedgerInvariants(m.merchant.id);
  }, 60_000);

  it("a hold that expires between the recipe's check and the INSERT is refused as hold_expired", async () => {
    // The race above in slow motion: the writer is handed a post of a hold whose time is up (as an
    // approval that planned just before the expiry would be), and the database's guard answers.
    const m = await seedMerchant();
    const owner = principalOf(m, "owner");
    const a = await fundedCoin(m, owner, "5.000");
    const { processId } = await runProcess(owner, {
      type: "bank_redeem",
      amount: "1.000",
      currency: "KWD",
      sourceAccountId: a,
      holdExpiresInSeconds: 1,
    });
    const { holdExpiresAt } = await prisma.businessProcess.findUniqueOrThrow({
      where: { id: processId },
    });
    await new Promise((resolve) =>
      setTimeout(resolve, (holdExpiresAt as Date).getTime() - Date.now() + 50),
    );
    const posted = await outcomeOf(
      prisma.$transaction(async (tx) => {
        const holds = await readHolds(tx, processId);
        const accounts = await lockAccounts(
          tx,
          m.merchant.id,
          holds.flatMap((h) => [h.debitId, h.creditId]),
        );
        const [hold] = toPlannedHolds(holds, accounts);
        if (!hold) throw new Error("no hold");
        return insertTransfers(tx, {
          merchantId: m.merchant.id,
          processId,
          transfers: [
            {
              seq: 2,
              kind: "post_pending",
              debit: hold.debit,
              credit: hold.credit,
              amount: hold.amount,
              pending: hold,
            },
          ],
        });
      }),
    );
    expect(posted.outcome).toBe("hold_expired");
    expect(await balances(a)).toMatchObject({ debitsPending: 1000n, debitsPosted: 0n });
    expect(await expireHolds()).toBe(1);
    await checkLedgerInvariants(m.merchant.id);
  });
});
