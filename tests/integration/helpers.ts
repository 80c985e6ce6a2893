import { randomUUID } from "node:crypto";
import type { Role, TransactionState } from "@prisma/client";
import { prisma } from "@/lib/db";
import { hashApiKey } from "@/lib/auth/api-keys";
import { permissionsFor } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";

/** Empties every table but the migration history (TRUNCATE skips the audit table's row trigger). */
export async function resetDatabase(): Promise<void> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  await prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

export type TestMerchant = Awaited<ReturnType<typeof seedMerchant>>;

/**
 * A merchant with two units, the three demo gateways and one user per role. API keys are
 * `sk_test_<role>_<suffix>` so tests can call the API as each role.
 */
export async function seedMerchant(name = `Merchant ${randomUUID().slice(0, 8)}`) {
  const suffix = randomUUID().slice(0, 8);
  const merchant = await prisma.merchant.create({ data: { name } });
  const online = await prisma.unit.create({ data: { merchantId: merchant.id, name: "Online", bccInitiator: true } });
  const branch = await prisma.unit.create({ data: { merchantId: merchant.id, name: "Branch" } });
  const gateways = {
    knet: await prisma.paymentGateway.create({ data: { merchantId: merchant.id, code: "knet", name: "KNET", currency: "KWD" } }),
    wirecard: await prisma.paymentGateway.create({ data: { merchantId: merchant.id, code: "WireCard8", name: "Wirecard", currency: "USD" } }),
    paysafe: await prisma.paymentGateway.create({ data: { merchantId: merchant.id, code: "Paysafe", name: "Paysafe", currency: "EUR" } }),
  };
  const customer = await prisma.customer.create({
    data: { merchantId: merchant.id, name: "Test Customer", email: `customer-${suffix}@example.test`, baseCurrency: "KWD" },
  });
  const users = {} as Record<Role, { id: string; email: string; apiKey: string }>;
  for (const role of ["owner", "admin", "maker", "viewer"] as Role[]) {
    const email = `${role}-${suffix}@example.test`;
    const user = await prisma.user.create({ data: { email, name: `${role} ${suffix}`, passwordHash: "x" } });
    await prisma.membership.create({ data: { userId: user.id, merchantId: merchant.id, role } });
    const apiKey = `sk_test_${role}_${suffix}`;
    await prisma.apiKey.create({ data: { userId: user.id, merchantId: merchant.id, name: "test", prefix: apiKey.slice(0, 12), keyHash: hashApiKey(apiKey) } });
    users[role] = { id: user.id, email, apiKey };
  }
  return { merchant, units: { online, branch }, gateways, customer, users };
}

let orderCounter = 0;

export async function createPayment(
  m: TestMerchant,
  overrides: { state?: TransactionState; amount?: string; currency?: "KWD" | "USD" | "EUR"; captured?: string; refunded?: string; createdAt?: Date; orderNo?: string } = {},
) {
  const currency = overrides.currency ?? "KWD";
  const gateway = currency === "KWD" ? m.gateways.knet : currency === "USD" ? m.gateways.wirecard : m.gateways.paysafe;
  const state = overrides.state ?? "paid";
  const amount = overrides.amount ?? "10.000";
  const settled = state === "paid" || state === "partially_refunded" || state === "refunded";
  return prisma.paymentTransaction.create({
    data: {
      merchantId: m.merchant.id,
      unitId: m.units.online.id,
      customerId: m.customer.id,
      gatewayId: gateway.id,
      orderNo: overrides.orderNo ?? `T-${Date.now()}-${++orderCounter}`,
      amount,
      currency,
      capturedAmount: overrides.captured ?? (settled ? amount : "0"),
      refundedAmount: overrides.refunded ?? "0",
      state,
      ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
    },
  });
}

/** A principal as the app would load it, for calling services directly. */
export function principalOf(m: TestMerchant, role: Role, capabilities: Principal["capabilities"] = {}): Principal {
  const user = m.users[role];
  return {
    userId: user.id,
    email: user.email,
    name: role,
    merchantId: m.merchant.id,
    merchantName: m.merchant.name,
    role,
    capabilities,
    permissions: permissionsFor(role, capabilities),
    via: "session",
  };
}
