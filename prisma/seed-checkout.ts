/**
 * Demo checkout data for Demo Store, made through the real services: payment links waiting for the
 * customer, sessions paid, authorized (to capture), failed, canceled and expired, and one paid
 * after it had expired (flagged). The gateway's answers are the sandbox gateway's, applied as the
 * hosted page applies them. Skipped when the merchant already has checkout sessions.
 */

import { prisma } from "../lib/db";
import { SYSTEM_ACTOR } from "../lib/domain/audit/actions";
import type { ChargeResult } from "../lib/gateways/port";
import type { CheckoutCaller } from "../lib/services/checkout/checkout-caller";
import { createCheckoutSession } from "../lib/services/checkout/create-checkout-session";
import {
  endCheckoutSession,
  expireOverdueSessions,
} from "../lib/services/checkout/end-checkout-session";
import { finishCheckoutAttempt } from "../lib/services/checkout/finish-checkout-attempt";
import { openCheckoutAttempt } from "../lib/services/checkout/start-checkout-attempt";
import { CreateCheckoutSchema } from "../lib/validation/checkout";

const approved = (captured: boolean, reference: string): ChargeResult => ({
  outcome: "succeeded",
  captured,
  reference,
  code: "00",
  message: "Approved.",
  threeDs: "frictionless",
  card: {
    brand: "visa",
    last4: "1091",
    expMonth: 12,
    expYear: 2030,
    token: `tok_demo_${reference}`,
  },
});
const declined: ChargeResult = {
  outcome: "declined",
  reference: null,
  code: "05",
  message: "Do not honour: declined by the issuer.",
  threeDs: "frictionless",
};

export async function seedCheckout(merchantId: string, adminEmail: string): Promise<number> {
  if ((await prisma.checkoutSession.count({ where: { merchantId } })) > 0) return 0;
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: adminEmail } });
  const caller: CheckoutCaller = {
    merchantId,
    auditActor: { userId: admin.id, type: "session" },
    userId: admin.id,
    via: "dashboard",
  };
  await prisma.checkoutSettings.upsert({
    where: { merchantId },
    update: {},
    create: { merchantId, notifyOnError: [adminEmail], maxAttempts: 5 },
  });
  const create = (input: Record<string, unknown>) =>
    createCheckoutSession(
      caller,
      CreateCheckoutSchema.parse({ currency_code: "KWD", pg_codes: ["knet"], ...input }),
    );
  const pay = async (id: string, result: ChargeResult) => {
    const opened = await openCheckoutAttempt({
      sessionId: id,
      pgCode: "knet",
      method: "card",
      token: "tok_demo",
    });
    await finishCheckoutAttempt(opened.attemptId, result, SYSTEM_ACTOR);
  };

  let made = 0;
  const customers = [
    ["C-1001", "Fatima", "Al-Sabah", "fatima@example.test", "+96550001001"],
    ["C-1002", "Omar", "Haddad", "omar@example.test", "+96550001002"],
    ["C-1003", "Layla", "Nasser", "layla@example.test", "+96550001003"],
  ] as const;
  for (const [index, [ref, first, last, email, phone]] of customers.entries()) {
    await create({
      type: "payment_request",
      amount: ["25.000", "7.750", "120.500"][index],
      order_no: `PL-${1001 + index}`,
      customer_id: ref,
      customer_first_name: first,
      customer_last_name: last,
      customer_email: email,
      customer_phone: phone,
      due_datetime: new Date(Date.now() + (index + 2) * 86_400_000).toISOString(),
      expiration_time: "7 00:00:00",
      language: index === 1 ? "ar" : "en",
    });
    made++;
  }

  const paid = await create({
    type: "e_commerce",
    amount: "18.250",
    order_no: "WEB-2001",
    customer_id: "C-1001",
    payment_type: "save_card",
  });
  await pay(paid.id, approved(true, "demo-2001"));
  const authorized = await create({
    type: "e_commerce",
    amount: "42.000",
    order_no: "WEB-2002",
    operation: "authorize",
  });
  await pay(authorized.id, approved(false, "demo-2002"));
  const retried = await create({ type: "e_commerce", amount: "9.900", order_no: "WEB-2003" });
  await pay(retried.id, declined);
  await pay(retried.id, approved(true, "demo-2003"));
  const attempted = await create({ type: "e_commerce", amount: "3.500", order_no: "WEB-2004" });
  await pay(attempted.id, declined);
  const canceled = await create({ type: "payment_request", amount: "60.000", order_no: "PL-1004" });
  await endCheckoutSession(
    caller,
    canceled.id,
    "canceled",
    "the customer ordered by phone instead",
  );
  // Expired, then the gateway's late answer: paid after the end, flagged on the payment's page.
  const late = await create({
    type: "e_commerce",
    amount: "14.000",
    order_no: "WEB-2005",
    expiration_time: "00:05:00",
  });
  const opened = await openCheckoutAttempt({
    sessionId: late.id,
    pgCode: "knet",
    method: "card",
    token: "tok_demo",
  });
  await finishCheckoutAttempt(
    opened.attemptId,
    { outcome: "timeout", code: "timeout", message: "No answer in time.", reference: "demo-2005" },
    SYSTEM_ACTOR,
  );
  await prisma.checkoutSession.update({
    where: { id: late.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  await expireOverdueSessions();
  await finishCheckoutAttempt(opened.attemptId, approved(true, "demo-2005"), SYSTEM_ACTOR);
  made += 6;
  return made;
}
