import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { tokenizeCard } from "@/lib/gateways/sandbox-tokenize-client";
import { getCheckoutSession } from "@/lib/queries/checkout/get-checkout-session";
import { captureCheckoutSession } from "@/lib/services/checkout/capture-checkout-session";
import { type CheckoutCaller, checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import { createCheckoutSession } from "@/lib/services/checkout/create-checkout-session";
import { startCheckoutAttempt } from "@/lib/services/checkout/start-checkout-attempt";
import { CreateCheckoutSchema } from "@/lib/validation/checkout";
import { principalOf, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { checkLedgerInvariants } from "./ledger-invariants";
import { startSandboxCardGateway } from "./sandbox-gateway-server";

/**
 * A session paid end to end on the real parts: the card tokenized at the sandbox gateway over
 * loopback HTTP, the attempt charged through the checkout adapter, a partial capture, the ledger,
 * and the webhook events written beside each move (to the merchant's endpoint and the session's URL).
 */
let m: TestMerchant;
let caller: CheckoutCaller;
let gateway: Awaited<ReturnType<typeof startSandboxCardGateway>>;

beforeAll(async () => {
  await resetDatabase();
  gateway = await startSandboxCardGateway();
  m = await seedMerchant();
  caller = checkoutCallerOf(principalOf(m, "admin"));
  await prisma.webhookEndpoint.create({
    data: { merchantId: m.merchant.id, url: "http://127.0.0.1:9999/merchant-hooks" },
  });
});
afterAll(async () => {
  await gateway.close();
  await prisma.$disconnect();
});

async function token(number: string) {
  const outcome = await tokenizeCard(
    {
      number,
      expMonth: 12,
      expYear: new Date().getFullYear() + 2,
      cvc: number.length === 15 ? "1234" : "123",
      holder: "Test Holder",
    },
    { baseUrl: gateway.url },
  );
  if (!outcome.ok) throw new Error(`tokenize failed: ${outcome.message}`);
  return outcome.card.token;
}

async function eventsOf(sessionId: string) {
  const events = await prisma.webhookEvent.findMany({
    where: { merchantId: m.merchant.id },
    orderBy: { createdAt: "asc" },
    include: { deliveries: { include: { endpoint: { select: { url: true } } } } },
  });
  return events
    .filter(
      (event) =>
        (event.payload as { data?: { session_id?: string } }).data?.session_id === sessionId,
    )
    .map((event) => ({
      type: event.type,
      urls: event.deliveries.map((d) => d.endpoint.url).sort(),
    }));
}

describe("a checkout paid on the real sandbox gateway", () => {
  it("authorizes with a frictionless card, captures part, posts the ledger and announces each move", async () => {
    const { id } = await createCheckoutSession(
      caller,
      CreateCheckoutSchema.parse({
        type: "e_commerce",
        amount: "10.000",
        currency_code: "KWD",
        pg_codes: ["knet"],
        operation: "authorize",
        webhook_url: "http://127.0.0.1:9999/session-hook",
      }),
    );
    const outcome = await startCheckoutAttempt({
      sessionId: id,
      pgCode: "knet",
      method: "card",
      token: await token("4242424242424242"),
    });
    expect(outcome).toMatchObject({ outcome: "success", state: "authorized" });

    await expect(captureCheckoutSession(caller, id, { amount: "10.001" })).rejects.toMatchObject({
      code: "amount_exceeds_remaining",
    });
    expect(await captureCheckoutSession(caller, id, { amount: "6.500" })).toEqual({
      captured: "6.500",
    });
    // A second capture: the session is paid now.
    await expect(captureCheckoutSession(caller, id, {})).rejects.toMatchObject({
      code: "invalid_state",
    });

    const view = await getCheckoutSession(m.merchant.id, id);
    expect(view).toMatchObject({ state: "paid", captured_amount: "6.500", amount: "10.000" });
    expect(view?.attempts[0]).toMatchObject({
      state: "success",
      three_ds: "frictionless",
      card_last4: "4242",
    });
    const process = await prisma.businessProcess.findFirstOrThrow({
      where: { paymentTransactionId: id, type: "merchant_payment" },
      include: { transfers: { orderBy: { seq: "asc" } } },
    });
    expect(process.status).toBe("processed");
    expect(process.transfers.map((t) => [t.kind, t.amount])).toEqual([
      ["pending", 10000n],
      ["post_pending", 6500n],
    ]);
    await checkLedgerInvariants(m.merchant.id);

    const both = ["http://127.0.0.1:9999/merchant-hooks", "http://127.0.0.1:9999/session-hook"];
    expect(await eventsOf(id)).toEqual([
      { type: "payment.authorized", urls: both },
      { type: "payment.paid", urls: both },
    ]);
  });

  it("a declined card leaves the session attempted with attempts left, and announces nothing", async () => {
    const { id } = await createCheckoutSession(
      caller,
      CreateCheckoutSchema.parse({
        type: "e_commerce",
        amount: "3.000",
        currency_code: "KWD",
        pg_codes: ["knet"],
      }),
    );
    const declined = (await import("@/lib/domain/cards/test-cards")).TEST_CARDS.find(
      (card) => card.scenario === "declined",
    );
    if (!declined) throw new Error("no decline test card");
    const outcome = await startCheckoutAttempt({
      sessionId: id,
      pgCode: "knet",
      method: "card",
      token: await token(declined.number),
    });
    expect(outcome).toMatchObject({ outcome: "form_error", state: "attempted", attemptsLeft: 4 });
    expect(await eventsOf(id)).toEqual([]);
  });

  it("a canceled session announces payment.canceled to the merchant's endpoint", async () => {
    const { id } = await createCheckoutSession(
      caller,
      CreateCheckoutSchema.parse({
        type: "e_commerce",
        amount: "3.000",
        currency_code: "KWD",
        pg_codes: ["knet"],
      }),
    );
    const { endCheckoutSession } = await import("@/lib/services/checkout/end-checkout-session");
    await endCheckoutSession(caller, id, "canceled", "merchant");
    expect(await eventsOf(id)).toEqual([
      { type: "payment.canceled", urls: ["http://127.0.0.1:9999/merchant-hooks"] },
    ]);
  });
});
