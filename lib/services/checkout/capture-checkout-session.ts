import "server-only";
import { prisma } from "@/lib/db";
import { decideSession } from "@/lib/domain/checkout/lifecycle";
import { moneyFromDecimal, toDecimalString } from "@/lib/domain/money/money";
import { AppError } from "@/lib/errors";
import { checkoutGatewayFor } from "@/lib/gateways";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { postCardCapture, recordCardPayment } from "@/lib/services/ledger/card-payments";
import { announceSessionChange } from "./announce";
import type { CheckoutCaller } from "./checkout-caller";
import { positiveAmount } from "./field-checks";
import { type LockedSession, lockSession } from "./lock-session";
import { sessionRefusalError } from "./session-errors";

/**
 * Captures an authorized session, all of it or part (`amount`): the gateway captures first (with an
 * idempotency key per session, so a retry never captures twice), then one transaction moves the
 * payment to paid, posts the ledger's hold (the rest released) and writes the audit row and the
 * webhook event.
 */
export async function captureCheckoutSession(
  caller: CheckoutCaller,
  sessionId: string,
  input: { amount?: string | number },
): Promise<{ captured: string }> {
  const checked = await prisma.$transaction(async (tx) => {
    const session = await lockSession(tx, caller.merchantId, sessionId);
    if (!session) throw new AppError("not_found", "No such checkout session.");
    return { session, captureMinor: captureOf(session, input) };
  });
  const { session, captureMinor } = checked;
  const amount = toDecimalString({ minor: captureMinor, currency: moneyOf(session).currency });
  const reference = await prisma.checkoutAttempt.findFirst({
    where: { sessionId, state: "success" },
    orderBy: { seq: "asc" },
    select: { gatewayReference: true, gatewayId: true },
  });
  const gateway = reference
    ? await prisma.paymentGateway.findUnique({
        where: { id: reference.gatewayId },
        select: { code: true },
      })
    : null;
  if (!reference?.gatewayReference || !gateway)
    throw new AppError("invalid_state", "The session has no authorization to capture.");
  const result = await checkoutGatewayFor(gateway.code).capture({
    merchantId: caller.merchantId,
    gatewayCode: gateway.code,
    reference: reference.gatewayReference,
    amount,
    currency: session.currency,
    idempotencyKey: `capture:${sessionId}`,
  });
  if (result.outcome !== "succeeded") {
    throw new AppError(
      "service_unavailable",
      `The gateway did not capture the payment (${result.code}: ${result.message}). Nothing changed; try again.`,
    );
  }

  const after = await prisma.$transaction(async (tx) => {
    const locked = await lockSession(tx, caller.merchantId, sessionId);
    if (!locked) throw new AppError("not_found", "No such checkout session.");
    const decision = decideSession(locked, { event: "capture", full: true });
    if (!decision.ok) throw sessionRefusalError(decision);
    await tx.paymentTransaction.update({
      where: { id: sessionId },
      data: { state: "paid", capturedAmount: amount },
    });
    const processId = await recordCardPayment(tx, sessionId);
    await postCardCapture(tx, processId, {
      merchantId: caller.merchantId,
      captureMinor,
      auditActor: caller.auditActor,
    });
    await recordAuditEvent(tx, {
      actor: caller.auditActor,
      merchantId: caller.merchantId,
      entity: "payment_transaction",
      entityId: sessionId,
      action: "checkout_session.captured",
      fromState: "authorized",
      toState: "paid",
      data: { amount, authorized: locked.amount, reference: reference.gatewayReference },
    });
    return announceSessionChange(tx, locked, "paid");
  });
  await after();
  return { captured: amount };
}

function moneyOf(session: LockedSession) {
  return moneyFromDecimal(session.amount, session.currency);
}

function captureOf(session: LockedSession, input: { amount?: string | number }): bigint {
  const decision = decideSession(session, { event: "capture", full: true });
  if (!decision.ok) throw sessionRefusalError(decision);
  const authorized = moneyOf(session).minor;
  if (input.amount === undefined) return authorized;
  const minor = positiveAmount(input.amount, session.currency).minor;
  if (minor > authorized)
    throw new AppError(
      "amount_exceeds_remaining",
      `amount: at most the authorized ${session.amount} ${session.currency} can be captured.`,
      [{ field: "amount", message: "exceeds the authorized amount" }],
    );
  return minor;
}
