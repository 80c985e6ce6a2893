/**
 * Ledger data for e2e/ledger.spec.ts, made through the ledger's own services (the demo seed has no
 * ledger data yet): two KWD coins of one Demo Store customer and another, a bank top-up, a pending
 * withdrawal via bank, and a transfer over a limit profile (limited). Prints the ids as JSON.
 *
 * Run by the spec as `node --conditions=react-server --import tsx e2e/ledger-data.ts`, with
 * DATABASE_URL pointing at the end-to-end database: the react-server condition lets the services'
 * `server-only` marker load outside Next.js, as the Vitest alias does for the integration tests.
 */
import { prisma } from "@/lib/db";
import { openClientAccount } from "@/lib/services/ledger/accounts";
import type { LedgerCaller } from "@/lib/services/ledger/caller";
import { runProcessAs } from "@/lib/services/ledger/run-process";

const tag = process.argv[2] ?? String(Date.now());

const merchant = await prisma.merchant.findFirstOrThrow({
  where: { memberships: { some: { user: { email: "admin@demo.test" } } } },
  select: { id: true },
});
const admin = await prisma.user.findUniqueOrThrow({
  where: { email: "admin@demo.test" },
  select: { id: true },
});
const caller: LedgerCaller = {
  merchantId: merchant.id,
  auditActor: { userId: admin.id, type: "session" },
  userId: admin.id,
};
const [payer, payee] = await prisma.customer.findMany({
  where: { merchantId: merchant.id },
  orderBy: [{ name: "asc" }, { id: "asc" }],
  take: 2,
  select: { id: true, name: true },
});

const [payerCoin, payeeCoin] = await prisma.$transaction(async (tx) => [
  await openClientAccount(tx, {
    merchantId: merchant.id,
    customerId: payer.id,
    kind: "client_coin",
    currency: "KWD",
    name: `E2E coin ${tag}`,
  }),
  await openClientAccount(tx, {
    merchantId: merchant.id,
    customerId: payee.id,
    kind: "client_coin",
    currency: "KWD",
    name: `E2E payee coin ${tag}`,
  }),
]);

const topUp = await runProcessAs(caller, {
  type: "bank_topup",
  amount: "100.000",
  currency: "KWD",
  destinationAccountId: payerCoin,
});
const withdrawal = await runProcessAs(caller, {
  type: "bank_redeem",
  amount: "3.000",
  currency: "KWD",
  sourceAccountId: payerCoin,
  requestIdentifier: `e2e-withdrawal-${tag}`,
});
// Transfers over 5.000 KWD wait for review.
await prisma.limitProfile.upsert({
  where: {
    merchantId_processType_currency: {
      merchantId: merchant.id,
      processType: "client_transaction_transfer",
      currency: "KWD",
    },
  },
  create: {
    merchantId: merchant.id,
    processType: "client_transaction_transfer",
    currency: "KWD",
    maxAmount: 5000n,
  },
  update: { maxAmount: 5000n },
});
const limited = await runProcessAs(caller, {
  type: "client_transaction_transfer",
  amount: "7.500",
  currency: "KWD",
  sourceAccountId: payerCoin,
  destinationAccountId: payeeCoin,
});

console.log(
  JSON.stringify({
    tag,
    payer,
    payerCoin,
    topUpId: topUp.processId,
    withdrawalId: withdrawal.processId,
    limitedId: limited.processId,
  }),
);
await prisma.$disconnect();
