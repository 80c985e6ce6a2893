/**
 * Demo data: `npm run db:seed`. Idempotent: users, keys and gateways are upserted, and payments are
 * created only for a merchant that has none. Deterministic: the same run gives the same data.
 */

import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient, type Role, type TransactionState } from "@prisma/client";
import { config } from "../lib/config";
import { hashApiKey } from "../lib/credentials/api-keys";
import { hashPassword } from "../lib/credentials/passwords";
import type { GrantablePermission } from "../lib/domain/auth/permissions";
import { normalizeOrigin } from "../lib/domain/checkout/embed-protocol";
import { DEMO_PUBLISHABLE_KEY } from "../lib/domain/checkout/publishable-keys";
import { type CurrencyCode, currencyExponent } from "../lib/domain/money/currency";
import { money, toDecimalString } from "../lib/domain/money/money";
import { createPool } from "../lib/pg-pool";

export const DEMO_PASSWORD = "demo-password";

type DemoUser = {
  email: string;
  name: string;
  role: Role;
  apiKey: string;
  /** Permissions granted on top of the role (membership.granted_permissions). */
  grants?: GrantablePermission[];
};

const DEMO_STORE_USERS: DemoUser[] = [
  { email: "admin@demo.test", name: "Alia Admin", role: "admin", apiKey: "sk_demo_admin" },
  { email: "checker@demo.test", name: "Chris Checker", role: "maker", apiKey: "sk_demo_checker" },
  { email: "maker@demo.test", name: "Maya Maker", role: "maker", apiKey: "sk_demo_maker" },
  { email: "maker2@demo.test", name: "Marco Maker", role: "maker", apiKey: "sk_demo_maker2" },
  { email: "viewer@demo.test", name: "Vera Viewer", role: "viewer", apiKey: "sk_demo_viewer" },
  // The source's two viewer roles and the anti-fraud reviewer, as grants on a viewer.
  {
    email: "fraud@demo.test",
    name: "Farah Fraud",
    role: "viewer",
    apiKey: "sk_demo_fraud",
    grants: ["transactions.view_client", "processes.review"],
  },
  {
    email: "accountant@demo.test",
    name: "Adam Accountant",
    role: "viewer",
    apiKey: "sk_demo_accountant",
    grants: ["transactions.view_system"],
  },
];
const OTHER_SHOP_USERS: DemoUser[] = [
  { email: "admin@other.test", name: "Omar Other", role: "admin", apiKey: "sk_demo_other_admin" },
];

const GATEWAYS: { code: string; name: string; currency: CurrencyCode }[] = [
  { code: "knet", name: "KNET", currency: "KWD" },
  { code: "WireCard8", name: "Wirecard", currency: "USD" },
  { code: "Paysafe", name: "Paysafe", currency: "EUR" },
];

// Weighted so the table shows mostly settled payments, with every state present.
const STATES: [TransactionState, number][] = [
  ["paid", 40],
  ["authorized", 14],
  ["partially_refunded", 8],
  ["refunded", 6],
  ["voided", 5],
  ["failed", 8],
  ["pending", 5],
  ["created", 3],
  ["attempted", 3],
  ["canceled", 4],
  ["expired", 4],
];

const FIRST_NAMES = [
  "Fatima",
  "Yousef",
  "Noor",
  "Hamad",
  "Sara",
  "Ali",
  "Dana",
  "Khalid",
  "Lina",
  "Omar",
  "Reem",
  "Tariq",
  "Huda",
  "Ziad",
  "Mona",
];
const LAST_NAMES = [
  "Al-Sabah",
  "Haddad",
  "Rahman",
  "Nasser",
  "Karimi",
  "Saleh",
  "Mansour",
  "Qasim",
];

/** A small seeded generator (mulberry32), so the demo is the same on every machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWeighted<T>(rand: () => number, items: [T, number][]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rand() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1][0];
}

async function upsertMerchant(
  prisma: PrismaClient,
  name: string,
  units: { name: string; bccInitiator: boolean }[],
) {
  const merchant =
    (await prisma.merchant.findFirst({ where: { name } })) ??
    (await prisma.merchant.create({ data: { name } }));
  for (const unit of units) {
    await prisma.unit.upsert({
      where: { merchantId_name: { merchantId: merchant.id, name: unit.name } },
      update: {},
      create: { merchantId: merchant.id, ...unit },
    });
  }
  return merchant;
}

async function upsertUsers(
  prisma: PrismaClient,
  merchantId: string,
  users: DemoUser[],
  passwordHash: string,
) {
  for (const demo of users) {
    const user = await prisma.user.upsert({
      where: { email: demo.email },
      update: {},
      create: { email: demo.email, name: demo.name, passwordHash },
    });
    await prisma.membership.upsert({
      where: { userId_merchantId: { userId: user.id, merchantId } },
      update: {},
      create: {
        userId: user.id,
        merchantId,
        role: demo.role,
        grantedPermissions: demo.grants ?? [],
      },
    });
    await prisma.apiKey.upsert({
      where: { keyHash: hashApiKey(demo.apiKey) },
      update: {},
      create: {
        userId: user.id,
        merchantId,
        name: "Demo key",
        prefix: demo.apiKey,
        keyHash: hashApiKey(demo.apiKey),
      },
    });
  }
}

async function seedPayments(
  prisma: PrismaClient,
  merchantId: string,
  orderPrefix: string,
  count: number,
  seed: number,
) {
  if ((await prisma.paymentTransaction.count({ where: { merchantId } })) > 0) return 0;
  const rand = random(seed);
  const units = await prisma.unit.findMany({ where: { merchantId }, orderBy: { name: "asc" } });
  const gateways = await prisma.paymentGateway.findMany({
    where: { merchantId },
    orderBy: { code: "asc" },
  });

  const customers = [];
  for (let i = 0; i < 30; i++) {
    const first = FIRST_NAMES[Math.floor(rand() * FIRST_NAMES.length)];
    const last = LAST_NAMES[Math.floor(rand() * LAST_NAMES.length)];
    const gateway = gateways[i % gateways.length];
    customers.push(
      await prisma.customer.create({
        data: {
          merchantId,
          name: `${first} ${last}`,
          email: `${first}.${last}.${i}@customers.test`.toLowerCase().replace(/[^a-z0-9.@-]/g, ""),
          phone: `+965 5${String(1000000 + Math.floor(rand() * 8999999)).slice(0, 7)}`,
          baseCurrency: gateway.currency,
        },
      }),
    );
  }

  const now = Date.now();
  const rows: Prisma.PaymentTransactionCreateManyInput[] = [];
  for (let i = 0; i < count; i++) {
    const gateway = gateways[Math.floor(rand() * gateways.length)];
    const currency = gateway.currency as CurrencyCode;
    const exponent = currencyExponent(currency);
    // 1 to 500 major units, with a full set of minor digits.
    const minor = BigInt(Math.floor((1 + rand() * 499) * 10 ** exponent));
    const state = pickWeighted(rand, STATES);
    const captured = ["paid", "partially_refunded", "refunded"].includes(state) ? minor : 0n;
    const refunded =
      state === "refunded" ? captured : state === "partially_refunded" ? captured / 4n : 0n;
    const createdAt = new Date(now - Math.floor(rand() * 90 * 24 * 3600 * 1000));
    rows.push({
      merchantId,
      unitId: units[Math.floor(rand() * units.length)].id,
      customerId: customers[Math.floor(rand() * customers.length)].id,
      gatewayId: gateway.id,
      orderNo: `${orderPrefix}-${String(100001 + i)}`,
      amount: toDecimalString(money(minor, currency)),
      currency,
      capturedAmount: toDecimalString(money(captured, currency)),
      refundedAmount: toDecimalString(money(refunded, currency)),
      state,
      createdAt,
      updatedAt: createdAt,
    });
  }
  await prisma.paymentTransaction.createMany({ data: rows, skipDuplicates: true });
  // Into the ledger, as the backfill migration records payments made before it.
  await prisma.$queryRaw`
    SELECT ledger_record_card_payment(id) FROM payment_transaction
    WHERE merchant_id = ${merchantId}::uuid AND kind = 'payment' ORDER BY created_at, id`;
  return rows.length;
}

export async function seedDemo(prisma: PrismaClient): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const demo = await upsertMerchant(prisma, "Demo Store", [
    { name: "Online", bccInitiator: true },
    { name: "Branch", bccInitiator: false },
  ]);
  const other = await upsertMerchant(prisma, "Other Shop", [{ name: "Main", bccInitiator: false }]);
  await upsertUsers(prisma, demo.id, DEMO_STORE_USERS, passwordHash);
  await upsertUsers(prisma, other.id, OTHER_SHOP_USERS, passwordHash);

  for (const merchant of [demo, other]) {
    for (const gateway of GATEWAYS) {
      await prisma.paymentGateway.upsert({
        where: { merchantId_code: { merchantId: merchant.id, code: gateway.code } },
        update: {},
        create: { merchantId: merchant.id, ...gateway },
      });
    }
  }

  // The operations-approval plugin: on for Demo Store, with checker@demo.test as its checker.
  const checker = await prisma.user.findUniqueOrThrow({ where: { email: "checker@demo.test" } });
  await prisma.operationsApprovalSettings.upsert({
    where: { merchantId: demo.id },
    update: {},
    create: { merchantId: demo.id, enabled: true, checkerUserId: checker.id },
  });

  await seedPublishableKey(prisma, demo.id);

  const demoPayments = await seedPayments(prisma, demo.id, "DS", 200, 20261121);
  const otherPayments = await seedPayments(prisma, other.id, "OS", 24, 7);
  console.log(
    JSON.stringify({
      level: "info",
      msg: `seed: Demo Store +${demoPayments} payments, Other Shop +${otherPayments} payments`,
    }),
  );
}

/**
 * The demo shop's publishable key (/sandbox/shop embeds the checkout with it): Demo Store's, allowing
 * the app's own origin. Upserted so a restart on another address (NEXTAUTH_URL) keeps it working.
 */
async function seedPublishableKey(prisma: PrismaClient, merchantId: string): Promise<void> {
  const origin = normalizeOrigin(config().appUrl);
  if (!origin) throw new Error(`the app's URL ${config().appUrl} has no http(s) origin`);
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } });
  await prisma.publishableKey.upsert({
    where: { key: DEMO_PUBLISHABLE_KEY },
    update: { allowedOrigins: [origin], revokedAt: null },
    create: {
      merchantId,
      name: "Demo shop",
      key: DEMO_PUBLISHABLE_KEY,
      allowedOrigins: [origin],
      createdById: admin.id,
    },
  });
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set; run `npm run db:seed`, which provides it.");
  const prisma = new PrismaClient({ adapter: new PrismaPg(createPool(url, 2)) });
  try {
    await seedDemo(prisma);
    // The ledger's demo data goes through the services, which need the react-server condition.
    const demo = await prisma.merchant.findFirstOrThrow({ where: { name: "Demo Store" } });
    const { seedLedger } = await import("./seed-ledger");
    const processes = await seedLedger(demo.id, "admin@demo.test");
    console.log(
      JSON.stringify({ level: "info", msg: `seed: Demo Store +${processes} ledger processes` }),
    );
    const { seedCheckout } = await import("./seed-checkout");
    const sessions = await seedCheckout(demo.id, "admin@demo.test");
    console.log(
      JSON.stringify({ level: "info", msg: `seed: Demo Store +${sessions} checkout sessions` }),
    );
  } finally {
    await prisma.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
