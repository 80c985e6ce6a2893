import { randomUUID } from "node:crypto";
import type { Role, TransactionState } from "@prisma/client";
import type { Principal } from "@/lib/auth/principal";
import { hashApiKey } from "@/lib/credentials/api-keys";
import { prisma } from "@/lib/db";
import { permissionsFor } from "@/lib/domain/auth/permissions";

/** Empties every table but the migration history (TRUNCATE skips the audit table's row trigger). */
export async function resetDatabase(): Promise<void> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`,
  );
}

export type TestMerchant = Awaited<ReturnType<typeof seedMerchant>>;
export type TestUser = Role | "checker";

/**
 * A merchant with two units, the three demo gateways and one user per role. API keys are
 * `sk_test_<role>_<suffix>` so tests can call the API as each role.
 */
export async function seedMerchant(name = `Merchant ${randomUUID().slice(0, 8)}`) {
  const suffix = randomUUID().slice(0, 8);
  const merchant = await prisma.merchant.create({ data: { name } });
  const online = await prisma.unit.create({
    data: { merchantId: merchant.id, name: "Online", bccInitiator: true },
  });
  const branch = await prisma.unit.create({ data: { merchantId: merchant.id, name: "Branch" } });
  const gateways = {
    knet: await prisma.paymentGateway.create({
      data: { merchantId: merchant.id, code: "knet", name: "KNET", currency: "KWD" },
    }),
    wirecard: await prisma.paymentGateway.create({
      data: { merchantId: merchant.id, code: "WireCard8", name: "Wirecard", currency: "USD" },
    }),
    paysafe: await prisma.paymentGateway.create({
      data: { merchantId: merchant.id, code: "Paysafe", name: "Paysafe", currency: "EUR" },
    }),
  };
  const customer = await prisma.customer.create({
    data: {
      merchantId: merchant.id,
      name: "Test Customer",
      email: `customer-${suffix}@example.test`,
      baseCurrency: "KWD",
    },
  });
  // "checker" is a maker whom enableApprovals() makes the checker.
  const users = {} as Record<TestUser, { id: string; email: string; apiKey: string; role: Role }>;
  for (const name of ["owner", "admin", "maker", "viewer", "checker"] as TestUser[]) {
    const role: Role = name === "checker" ? "maker" : name;
    const email = `${name}-${suffix}@example.test`;
    const user = await prisma.user.create({
      data: { email, name: `${name} ${suffix}`, passwordHash: "x" },
    });
    await prisma.membership.create({ data: { userId: user.id, merchantId: merchant.id, role } });
    const apiKey = `sk_test_${name}_${suffix}`;
    await prisma.apiKey.create({
      data: {
        userId: user.id,
        merchantId: merchant.id,
        name: "test",
        prefix: apiKey.slice(0, 12),
        keyHash: hashApiKey(apiKey),
      },
    });
    users[name] = { id: user.id, email, apiKey, role };
  }
  return { merchant, units: { online, branch }, gateways, customer, users };
}

let orderCounter = 0;

export async function createPayment(
  m: TestMerchant,
  overrides: {
    state?: TransactionState;
    amount?: string;
    currency?: "KWD" | "USD" | "EUR";
    captured?: string;
    refunded?: string;
    createdAt?: Date;
    orderNo?: string;
  } = {},
) {
  const currency = overrides.currency ?? "KWD";
  const gateway =
    currency === "KWD"
      ? m.gateways.knet
      : currency === "USD"
        ? m.gateways.wirecard
        : m.gateways.paysafe;
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
export function principalOf(
  m: TestMerchant,
  who: TestUser,
  capabilities: Principal["capabilities"] = {},
): Principal {
  const user = m.users[who];
  return {
    userId: user.id,
    email: user.email,
    name: who,
    merchantId: m.merchant.id,
    merchantName: m.merchant.name,
    role: user.role,
    capabilities,
    permissions: permissionsFor(user.role, capabilities),
    via: "session",
  };
}

/**
 * The sandbox gateway's route handler behind a real HTTP server on loopback, as the app serves it,
 * so the gateway adapter's fetch, timeouts and 5xx are real. Sets SANDBOX_GATEWAY_URL.
 */
export async function startSandboxGateway(): Promise<{
  close: () => Promise<void>;
  calls: () => number;
}> {
  const { createServer } = await import("node:http");
  const { POST } = await import("@/app/api/sandbox-gateway/[code]/[operation]/route");
  let calls = 0;
  const server = createServer(async (req, res) => {
    calls++;
    const match = /^\/api\/sandbox-gateway\/([^/]+)\/([^/]+)$/.exec(req.url ?? "");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: "POST",
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    });
    const response = await POST(request, {
      params: Promise.resolve({
        code: decodeURIComponent(match?.[1] ?? ""),
        operation: match?.[2] ?? "",
      }),
    });
    if (res.destroyed) return;
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  process.env.SANDBOX_MODE = "true";
  process.env.SANDBOX_GATEWAY_URL = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    calls: () => calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Turns on the approvals plugin with the given member as checker; returns the checker's principal. */
export async function enableApprovals(
  m: TestMerchant,
  checker: TestUser = "checker",
  settings: {
    pendingExpiryHours?: number;
    manualActionExpiryHours?: number;
    enabled?: boolean;
  } = {},
) {
  await prisma.operationsApprovalSettings.upsert({
    where: { merchantId: m.merchant.id },
    create: {
      merchantId: m.merchant.id,
      enabled: settings.enabled ?? true,
      checkerUserId: m.users[checker].id,
      ...settings,
    },
    update: { enabled: settings.enabled ?? true, checkerUserId: m.users[checker].id, ...settings },
  });
  return principalOf(m, checker, { checker: true });
}
