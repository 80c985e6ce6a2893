/**
 * Demo ledger data, made through the real services (so every balance is the sum of its transfers):
 * client coins in KWD, USD and EUR for the first customers, a cash desk, funded system accounts,
 * and a few hundred processes of every runnable type in every status. Run by prisma/seed.ts with
 * the react-server condition (the services are server-only). Deterministic; skipped when the
 * merchant already has processes other than card payments.
 */

import { prisma } from "../lib/db";
import { permissionsFor } from "../lib/domain/auth/permissions";
import type { Principal } from "../lib/domain/auth/principal";
import type { ProcessType } from "../lib/domain/ledger/catalogue";
import { AppError } from "../lib/errors";
import { openCashDesk } from "../lib/services/ledger/accounts";
import {
  approveProcessStep,
  declineProcess,
  expireHolds,
  reviewRejectProcess,
} from "../lib/services/ledger/decide-process";
import { type RunProcessInput, runProcess } from "../lib/services/ledger/run-process";

const CURRENCIES = ["KWD", "USD", "EUR"] as const;
type Currency = (typeof CURRENCIES)[number];
const GATEWAY_OF: Record<Currency, string> = { KWD: "knet", USD: "WireCard8", EUR: "Paysafe" };
const SCALE: Record<Currency, number> = { KWD: 3, USD: 2, EUR: 2 };

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function amount(rand: () => number, currency: Currency, max: number): string {
  return (1 + rand() * (max - 1)).toFixed(SCALE[currency]);
}

export async function seedLedger(merchantId: string, adminEmail: string): Promise<number> {
  const existing = await prisma.businessProcess.count({
    where: {
      merchantId,
      type: { notIn: ["merchant_payment", "gate_card_refund", "gate_reversal"] },
    },
  });
  if (existing > 0) return 0;
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: adminEmail } });
  const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } });
  const owner: Principal = {
    userId: admin.id,
    email: admin.email,
    name: admin.name,
    merchantId,
    merchantName: merchant.name,
    role: "admin",
    capabilities: {},
    permissions: permissionsFor("admin"),
    via: "session",
  };
  const rand = random(20261202);
  let made = 0;
  const run = async (input: RunProcessInput): Promise<string | null> => {
    try {
      const { processId } = await runProcess(owner, input);
      made++;
      return processId;
    } catch (error) {
      if (error instanceof AppError) return null; // e.g. insufficient funds: nothing written
      throw error;
    }
  };
  const step = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  };

  const customers = await prisma.customer.findMany({
    where: { merchantId },
    orderBy: { createdAt: "asc" },
    take: 12,
  });
  const coins: Record<Currency, string[]> = { KWD: [], USD: [], EUR: [] };
  for (const customer of customers) {
    for (const currency of CURRENCIES) {
      const id = await run({
        type: "client_transaction_issue",
        amount: "0",
        currency,
        customerId: customer.id,
      });
      if (!id) continue;
      const process = await prisma.businessProcess.findUniqueOrThrow({ where: { id } });
      if (process.destinationAccountId) coins[currency].push(process.destinationAccountId);
    }
  }
  const desks = {} as Record<Currency, string>;
  for (const currency of CURRENCIES) {
    desks[currency] = await prisma.$transaction((tx) =>
      openCashDesk(tx, { merchantId, currency, name: `Main cash desk ${currency}` }),
    );
    await run({ type: "exchange_reserve_top_up", amount: "5000", currency });
    await run({
      type: "cash_investment",
      amount: "2000",
      currency,
      destinationAccountId: desks[currency],
    });
    for (const coin of coins[currency]) {
      await run({
        type: "bank_topup",
        amount: amount(rand, currency, 400),
        currency,
        destinationAccountId: coin,
      });
    }
  }
  // Limits that stop large withdrawals and transfers for review.
  for (const type of [
    "gate_redeem",
    "client_transaction_transfer",
    "bank_redeem",
  ] as ProcessType[]) {
    await prisma.limitProfile.create({
      data: {
        merchantId,
        processType: type,
        currency: "KWD",
        maxAmount: 60_000n,
        maxDailyCount: 40,
      },
    });
  }
  const second = await prisma.$transaction((tx) =>
    openCashDesk(tx, { merchantId, currency: "KWD", name: "Branch cash desk KWD" }),
  );

  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)] as T;
  for (let round = 0; round < 8; round++) {
    for (const currency of CURRENCIES) {
      const a = pick(coins[currency]);
      const b = pick(coins[currency].filter((c) => c !== a));
      const gatewayCode = GATEWAY_OF[currency];
      const other = pick(CURRENCIES.filter((c) => c !== currency));
      await run({
        type: "client_transaction_transfer",
        amount: amount(rand, currency, 80),
        currency,
        sourceAccountId: a,
        destinationAccountId: b,
        ...(round % 3 === 0 ? { fee: "0.5" } : {}),
      });
      await run({
        type: "gate_charge",
        amount: amount(rand, currency, 120),
        currency,
        destinationAccountId: a,
        gatewayCode,
        externalProcessId: `EXT-${currency}-${round}`,
      });
      const purchase = await run({
        type: "gate_purchase",
        amount: amount(rand, currency, 30),
        currency,
        sourceAccountId: b,
        gatewayCode,
        externalProcessId: `PUR-${currency}-${round}`,
      });
      if (purchase && round % 2 === 0) {
        await run({ type: "gate_refund", amount: "1", currency, refundOf: purchase });
      }
      await run({
        type: "merchant_payment",
        amount: amount(rand, currency, 40),
        currency,
        sourceAccountId: a,
      });
      await run({
        type: "merchant_invoice",
        amount: amount(rand, currency, 40),
        currency,
        sourceAccountId: b,
        requestIdentifier: `INV-${currency}-${round}`,
      });
      if (round % 4 === 0)
        await run({
          type: "merchant_payment",
          amount: amount(rand, currency, 40),
          currency,
          customerId: customers[round]?.id,
        });
      const voucher = await run({
        type: "client_create_prepaid",
        amount: amount(rand, currency, 20),
        currency,
        sourceAccountId: a,
      });
      if (voucher && round % 2 === 1) {
        const v = await prisma.businessProcess.findUniqueOrThrow({ where: { id: voucher } });
        await run({
          type: "client_charge_prepaid",
          amount: "1",
          currency,
          sourceAccountId: v.destinationAccountId ?? undefined,
          destinationAccountId: b,
        });
      }
      await run({
        type: "exchange_transaction",
        amount: amount(rand, currency, 20),
        currency,
        sourceAccountId: a,
        destinationAccountId: pick(coins[other]),
        exchangeRate: currency === "KWD" ? "3.25" : "0.3",
      });
      await run({
        type: "cash_desk_charge",
        amount: amount(rand, currency, 50),
        currency,
        sourceAccountId: desks[currency],
        destinationAccountId: b,
      });
      await run({ type: "contract_transit", amount: "2", currency, sourceAccountId: a });
      await run({
        type: "bank_topup",
        amount: amount(rand, currency, 60),
        currency,
        destinationAccountId: b,
        requestIdentifier: `BT-${currency}-${round}`,
      });

      // Distributed: some approved, some declined, some left pending, some expired.
      const redeem = await run({
        type: "gate_redeem",
        amount: amount(rand, currency, 90),
        currency,
        sourceAccountId: b,
        gatewayCode,
        fee: "0.25",
      });
      const bank = await run({
        type: "bank_redeem",
        amount: amount(rand, currency, 40),
        currency,
        sourceAccountId: a,
        requestIdentifier: `BR-${currency}-${round}`,
      });
      const desk = await run({
        type: "cash_desk_redeem",
        amount: amount(rand, currency, 20),
        currency,
        sourceAccountId: a,
        destinationAccountId: desks[currency],
      });
      const outcome = round % 4;
      for (const id of [redeem, bank, desk]) {
        if (!id) continue;
        const status = (await prisma.businessProcess.findUniqueOrThrow({ where: { id } })).status;
        if (status === "limited") {
          if (outcome === 1)
            await step(() =>
              reviewRejectProcess(owner, id, { reason: "Unusual amount for this customer" }),
            );
          else if (outcome === 2) await step(() => approveProcessStep(owner, id));
          continue;
        }
        if (outcome === 0) await step(() => approveProcessStep(owner, id));
        else if (outcome === 1)
          await step(() => declineProcess(owner, id, { reason: "Customer asked to cancel" }));
      }
      if (round % 3 === 0) {
        await run({
          type: "bank_redeem",
          amount: "1",
          currency,
          sourceAccountId: b,
          holdExpiresInSeconds: 0,
        });
      }
      if (currency === "KWD") {
        await run({
          type: "cash_collect",
          amount: "10",
          currency,
          sourceAccountId: desks.KWD,
          destinationAccountId: second,
        });
        await run({
          type: "cash_input",
          amount: "5",
          currency,
          sourceAccountId: second,
          destinationAccountId: desks.KWD,
        });
        await run({ type: "exchange_reserve_withdraw", amount: "10", currency });
      }
      if (round % 3 === 1)
        await run({
          type: "gate_issue_card",
          amount: "3",
          currency,
          sourceAccountId: a,
          gatewayCode,
        });
      if (round % 6 === 2) {
        const issued = await prisma.businessProcess.findFirst({
          where: { merchantId, type: "gate_issue_card", status: "waiting_for_approval" },
        });
        if (issued)
          await step(() => declineProcess(owner, issued.id, { reason: "Card stock exhausted" }));
      }
    }
  }
  await expireHolds();
  return made;
}
