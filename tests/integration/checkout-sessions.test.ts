import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getCheckoutSession } from "@/lib/queries/checkout/get-checkout-session";
import { captureCheckoutSession } from "@/lib/services/checkout/capture-checkout-session";
import { type CheckoutCaller, checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import { createCheckoutSession } from "@/lib/services/checkout/create-checkout-session";
import {
  endCheckoutSession,
  expireOverdueSessions,
} from "@/lib/services/checkout/end-checkout-session";
import { finishCheckoutAttempt } from "@/lib/services/checkout/finish-checkout-attempt";
import { updateCheckoutSession } from "@/lib/services/checkout/update-checkout-session";
import { CreateCheckoutSchema } from "@/lib/validation/checkout";
import { principalOf, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { checkLedgerInvariants } from "./ledger-invariants";

let m: TestMerchant;
let caller: CheckoutCaller;

beforeAll(async () => {
  await resetDatabase();
});
beforeEach(async () => {
  m = await seedMerchant();
  caller = checkoutCallerOf({ ...principalOf(m, "admin"), via: "api_key" });
});
afterAll(async () => {
  await prisma.$disconnect();
});

/** As the route does: the schema first (its refusals are validation errors too), then the service. */
async function create(overrides: Record<string, unknown> = {}) {
  const parsed = CreateCheckoutSchema.safeParse({
    type: "e_commerce",
    amount: "12.500",
    currency_code: "KWD",
    pg_codes: ["knet"],
    ...overrides,
  });
  if (!parsed.success) throw new AppError("validation_error", parsed.error.message);
  return createCheckoutSession(caller, parsed.data);
}

async function rowCounts() {
  const [row] = await prisma.$queryRaw<{ sessions: number; payments: number; audits: number }[]>`
    SELECT (SELECT count(*)::int FROM checkout_session) AS sessions,
           (SELECT count(*)::int FROM payment_transaction) AS payments,
           (SELECT count(*)::int FROM audit_event) AS audits`;
  return row;
}

/** Opens an attempt the way the hosted page does, without the gateway call. */
async function openAttempt(sessionId: string, seq = 1) {
  const session = await prisma.checkoutSession.findUniqueOrThrow({ where: { id: sessionId } });
  const attempt = await prisma.checkoutAttempt.create({
    data: {
      sessionId,
      merchantId: session.merchantId,
      seq,
      method: "card",
      gatewayId: m.gateways.knet.id,
    },
  });
  await prisma.checkoutSession.update({ where: { id: sessionId }, data: { attemptCount: seq } });
  await prisma.paymentTransaction.update({ where: { id: sessionId }, data: { state: "pending" } });
  return attempt.id;
}

const card = { brand: "visa", last4: "4242", expMonth: 12, expYear: 2030, token: "tok_abc" };

describe("creating a session", () => {
  it("creates the payment and the session and echoes every field", async () => {
    const { id } = await create({
      order_no: "ORDER-1",
      customer_id: "cust-1",
      customer_first_name: "Sara",
      customer_phone: "+965 5000 1234",
      expiration_time: "00:30:00",
    });
    const view = await getCheckoutSession(m.merchant.id, id);
    expect(view).toMatchObject({
      session_id: id,
      state: "created",
      amount: "12.500",
      currency_code: "KWD",
      order_no: "ORDER-1",
      customer_id: "cust-1",
      customer_phone: "+96550001234",
      expiration_time: "00:30:00",
      operation: "purchase",
      payment_type: "one_off",
    });
    expect(view?.checkout_url).toMatch(new RegExp(`/checkout/${id}$`));
    expect(view?.checkout_short_url).toMatch(/\/c\/[2-9a-km-zA-HJ-NP-Z]{10}$/);
    const customer = await prisma.customer.findFirst({
      where: { merchantId: m.merchant.id, externalRef: "cust-1" },
    });
    expect(customer?.phone).toBe("+96550001234");
  });

  it("refuses bad input and writes nothing", async () => {
    const before = await rowCounts();
    const bad: Record<string, unknown>[] = [
      { pg_codes: ["nope"] },
      { pg_codes: ["WireCard8"] },
      { amount: "1.2345" },
      { amount: "0" },
      { expiration_time: "00:04:59" },
      { expiration_time: "31 00:00:00" },
      { customer_phone: "12" },
      { type: "payment_request", due_datetime: "2020-01-01T00:00:00Z" },
      { notifications: { email: true } },
      { payment_type: "save_card" },
    ];
    for (const overrides of bad) {
      await expect(create(overrides), JSON.stringify(overrides)).rejects.toMatchObject({
        code: "validation_error",
      });
    }
    // A gateway of another merchant.
    const other = await seedMerchant();
    await prisma.paymentGateway.create({
      data: { merchantId: other.merchant.id, code: "theirs", name: "Theirs", currency: "KWD" },
    });
    await expect(create({ pg_codes: ["theirs"] })).rejects.toMatchObject({
      code: "validation_error",
    });
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a second session with the same order number (409), writing nothing", async () => {
    await create({ order_no: "DUP-1" });
    const before = await rowCounts();
    await expect(create({ order_no: "DUP-1" })).rejects.toMatchObject({ code: "conflict" });
    expect(await rowCounts()).toEqual(before);
  });
});

describe("updating a session", () => {
  it("changes the amount while no attempt is under way", async () => {
    const { id } = await create();
    await updateCheckoutSession(caller, id, { amount: "20.000", customer_first_name: "Ali" });
    const view = await getCheckoutSession(m.merchant.id, id);
    expect(view).toMatchObject({ amount: "20.000", customer_first_name: "Ali", state: "created" });
  });

  it("ends the session on a validation error: canceled with the reason, a new session needed", async () => {
    const { id } = await create();
    await expect(updateCheckoutSession(caller, id, { amount: "1.0001" })).rejects.toMatchObject({
      code: "validation_error",
      details: { session_state: "canceled", new_session_required: true },
    });
    const view = await getCheckoutSession(m.merchant.id, id);
    expect(view?.state).toBe("canceled");
    expect(view?.ended_reason).toMatch(/update refused/);
    expect(view?.amount).toBe("12.500");
  });

  it("refuses an update while an attempt is under way, and of a paid session, changing nothing", async () => {
    const { id } = await create();
    const attemptId = await openAttempt(id);
    await expect(updateCheckoutSession(caller, id, { amount: "1.000" })).rejects.toMatchObject({
      code: "invalid_state",
    });
    await finishCheckoutAttempt(attemptId, {
      outcome: "succeeded",
      captured: true,
      reference: "ref-1",
      code: "00",
      message: "Approved",
      threeDs: "frictionless",
      card,
    });
    await expect(updateCheckoutSession(caller, id, { amount: "1.000" })).rejects.toMatchObject({
      code: "invalid_state",
    });
    expect((await getCheckoutSession(m.merchant.id, id))?.state).toBe("paid");
  });
});

describe("attempts and outcomes", () => {
  it("a declined attempt leaves the session attempted; the last one fails it", async () => {
    const { id } = await create();
    await prisma.checkoutSession.update({ where: { id }, data: { maxAttempts: 2 } });
    const declined = {
      outcome: "declined" as const,
      reference: null,
      code: "05",
      message: "Do not honour",
      threeDs: "frictionless" as const,
    };
    const first = await finishCheckoutAttempt(await openAttempt(id, 1), declined);
    expect(first).toMatchObject({ outcome: "form_error", attemptsLeft: 1, state: "attempted" });
    const second = await finishCheckoutAttempt(await openAttempt(id, 2), declined);
    expect(second).toMatchObject({ outcome: "error", state: "failed" });
  });

  it("a purchase posts in the ledger; applying the same answer twice changes nothing", async () => {
    const { id } = await create();
    const attemptId = await openAttempt(id);
    const success = {
      outcome: "succeeded" as const,
      captured: true,
      reference: "ref-2",
      code: "00",
      message: "Approved",
      threeDs: "challenge" as const,
      card,
    };
    await finishCheckoutAttempt(attemptId, success);
    await finishCheckoutAttempt(attemptId, success);
    const processes = await prisma.businessProcess.findMany({
      where: { paymentTransactionId: id },
      select: { type: true, status: true, amount: true },
    });
    expect(processes).toEqual([{ type: "merchant_payment", status: "processed", amount: 12500n }]);
    const view = await getCheckoutSession(m.merchant.id, id);
    expect(view?.attempts[0]).toMatchObject({ state: "success", challenge_occurred: true });
    expect(await checkLedgerInvariants(m.merchant.id)).toBeGreaterThan(0);
  });

  it("a late success after expiry is recorded and flagged; a second success is flagged, not counted", async () => {
    const { id } = await create();
    const attemptId = await openAttempt(id);
    await finishCheckoutAttempt(attemptId, {
      outcome: "timeout",
      code: "timeout",
      message: "no answer",
      reference: "ref-3",
    });
    await prisma.checkoutSession.update({
      where: { id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await expireOverdueSessions()).toBeGreaterThanOrEqual(1);
    expect((await getCheckoutSession(m.merchant.id, id))?.state).toBe("expired");
    const late = {
      outcome: "succeeded" as const,
      captured: true,
      reference: "ref-3",
      code: "00",
      message: "Approved",
      threeDs: "none" as const,
      card: null,
    };
    await finishCheckoutAttempt(attemptId, late);
    let view = await getCheckoutSession(m.merchant.id, id);
    expect(view).toMatchObject({ state: "paid", paid_late: true, duplicate_payment: false });

    // Another attempt of the same session succeeding later: flagged, the ledger unchanged.
    const other = await prisma.checkoutAttempt.create({
      data: {
        sessionId: id,
        merchantId: m.merchant.id,
        seq: 2,
        method: "card",
        gatewayId: m.gateways.knet.id,
        state: "error",
        finishedAt: new Date(),
      },
    });
    await finishCheckoutAttempt(other.id, { ...late, reference: "ref-4" });
    view = await getCheckoutSession(m.merchant.id, id);
    expect(view).toMatchObject({ state: "paid", duplicate_payment: true });
    const transfers = await prisma.ledgerTransfer.count({
      where: { process: { paymentTransactionId: id } },
    });
    expect(transfers).toBe(1);
    await checkLedgerInvariants(m.merchant.id);
  });

  it("an authorization holds; cancel and expire refuse it; capture is the gateway's business", async () => {
    const { id } = await create({ operation: "authorize" });
    const attemptId = await openAttempt(id);
    await finishCheckoutAttempt(attemptId, {
      outcome: "succeeded",
      captured: false,
      reference: "ref-5",
      code: "00",
      message: "Approved",
      threeDs: "none",
      card: null,
    });
    expect((await getCheckoutSession(m.merchant.id, id))?.state).toBe("authorized");
    const [hold] = await prisma.ledgerTransfer.findMany({
      where: { process: { paymentTransactionId: id } },
    });
    expect(hold?.kind).toBe("pending");
    await expect(endCheckoutSession(caller, id, "canceled", "x")).rejects.toMatchObject({
      code: "invalid_state",
    });
    await expect(captureCheckoutSession(caller, id, { amount: "20.000" })).rejects.toMatchObject({
      code: "amount_exceeds_remaining",
    });
    await checkLedgerInvariants(m.merchant.id);
  });
});

describe("database guarantees", () => {
  it("keeps the session's order number and merchant equal to its payment's", async () => {
    const { id } = await create({ order_no: "GUARD-1" });
    await expect(
      prisma.$executeRaw`UPDATE checkout_session SET order_no = 'OTHER-1' WHERE id = ${id}::uuid`,
    ).rejects.toThrow(/checkout_session_matches_payment/);
    await expect(
      prisma.$executeRaw`UPDATE payment_transaction SET order_no = 'OTHER-1' WHERE id = ${id}::uuid`,
    ).rejects.toThrow(/checkout_session_matches_payment/);
  });

  it("allows one pending attempt per session and ends an attempt once", async () => {
    const { id } = await create();
    const attemptId = await openAttempt(id);
    await expect(
      prisma.checkoutAttempt.create({
        data: {
          sessionId: id,
          merchantId: m.merchant.id,
          seq: 2,
          method: "card",
          gatewayId: m.gateways.knet.id,
        },
      }),
    ).rejects.toThrow();
    await prisma.$executeRaw`UPDATE checkout_attempt SET state = 'failed', finished_at = now() WHERE id = ${attemptId}::uuid`;
    await expect(
      prisma.$executeRaw`UPDATE checkout_attempt SET state = 'success' WHERE id = ${attemptId}::uuid`,
    ).rejects.toThrow(/checkout_attempt_state_once/);
  });
});

describe("ending a session", () => {
  it("cancel and expire move a payable session once; a second is refused", async () => {
    const a = await create();
    await endCheckoutSession(caller, a.id, "canceled", "customer left");
    await expect(endCheckoutSession(caller, a.id, "canceled", "again")).rejects.toMatchObject({
      code: "invalid_state",
    });
    const b = await create();
    await endCheckoutSession(caller, b.id, "expired", "merchant expired it");
    expect((await getCheckoutSession(m.merchant.id, b.id))?.state).toBe("expired");
  });

  it("another merchant's session is not found", async () => {
    const { id } = await create();
    const other = await seedMerchant();
    const otherCaller = checkoutCallerOf(principalOf(other, "admin"));
    await expect(endCheckoutSession(otherCaller, id, "canceled", "x")).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await getCheckoutSession(other.merchant.id, id)).toBeNull();
  });
});
