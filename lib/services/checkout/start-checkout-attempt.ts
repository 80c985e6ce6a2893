import "server-only";
import { Prisma } from "@prisma/client";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { CUSTOMER_ACTOR } from "@/lib/domain/audit/actions";
import { decideSession } from "@/lib/domain/checkout/lifecycle";
import type { CheckoutMethod } from "@/lib/domain/checkout/session-rules";
import { AppError } from "@/lib/errors";
import { checkoutGatewayFor } from "@/lib/gateways";
import type { ChargeResult, ChargeSource } from "@/lib/gateways/port";
import { logger } from "@/lib/log";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { isUuid } from "@/lib/validation/ids";
import { type AttemptOutcome, finishCheckoutAttempt } from "./finish-checkout-attempt";
import { type LockedSession, lockSession } from "./lock-session";
import { sessionRefusalError } from "./session-errors";

export type StartAttemptInput = {
  sessionId: string;
  pgCode: string;
  method: CheckoutMethod;
  /** The gateway's card token (card), Apple Pay token (apple_pay); none for redirect. */
  token?: string;
  /** A saved card of the session's customer (saved_card). */
  savedCardId?: string;
  /** The customer asked to save the card. */
  saveCard?: boolean;
};

/**
 * The customer pays on the hosted page: the attempt is opened (the session moves to pending) in one
 * transaction, the gateway is called outside it, and its answer is applied in another. A card
 * number never reaches this function: the page tokenized it at the gateway.
 */
export async function startCheckoutAttempt(
  input: StartAttemptInput,
  options: { now?: Date } = {},
): Promise<AttemptOutcome & { attemptId: string }> {
  const opened = await openCheckoutAttempt(input, options);
  // An adapter turns timeouts and failures into outcomes; anything it throws still ends the attempt
  // (as an unknown outcome), so the session never keeps a pending attempt nobody will finish.
  const result = await chargeOrError(opened);
  const outcome = await finishCheckoutAttempt(opened.attemptId, result);
  return { ...outcome, attemptId: opened.attemptId };
}

async function chargeOrError(opened: OpenedAttempt): Promise<ChargeResult> {
  try {
    return await charge(opened);
  } catch (error) {
    logger.error({ err: error, attemptId: opened.attemptId }, "checkout adapter threw");
    return {
      outcome: "error",
      code: "adapter_error",
      message: "The gateway adapter failed.",
      reference: null,
    };
  }
}

function charge(opened: OpenedAttempt): Promise<ChargeResult> {
  return checkoutGatewayFor(opened.gatewayCode).charge({
    merchantId: opened.session.merchantId,
    gatewayCode: opened.gatewayCode,
    paymentId: opened.session.id,
    attemptId: opened.attemptId,
    amount: opened.session.amount,
    currency: opened.session.currency,
    capture: opened.session.operation === "purchase",
    source: opened.source,
    returnUrl: `${config().appUrl}/checkout/${opened.session.id}/return?attempt=${opened.attemptId}`,
  });
}

export type OpenedAttempt = {
  session: LockedSession;
  attemptId: string;
  gatewayCode: string;
  source: ChargeSource;
};

/**
 * The first half of an attempt: one transaction that checks the session can be paid (the lifecycle
 * table), opens the attempt (a partial unique index keeps it the only pending one), counts it and
 * moves the session to pending, with its audit row. The caller then asks the gateway.
 */
export async function openCheckoutAttempt(
  input: StartAttemptInput,
  options: { now?: Date } = {},
): Promise<OpenedAttempt> {
  const now = options.now ?? new Date();
  try {
    return await openInTransaction(input, now);
  } catch (error) {
    // The partial unique index (one pending attempt) and (session, seq) stand behind the lifecycle's
    // check: a request that slips past it is the same refusal, not a 500.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError(
        "invalid_state",
        "A payment attempt is already under way for this session.",
      );
    throw error;
  }
}

function openInTransaction(input: StartAttemptInput, now: Date): Promise<OpenedAttempt> {
  return prisma.$transaction(async (tx) => {
    const session = await lockSession(tx, null, input.sessionId);
    if (!session) throw new AppError("not_found", "No such checkout session.");
    const decision = decideSession(session, { event: "start_attempt", now });
    if (!decision.ok) throw sessionRefusalError(decision);
    if (!session.pgCodes.includes(input.pgCode))
      throw new AppError("validation_error", "This session does not offer that payment gateway.", [
        { field: "pgCode", message: "not offered by this session" },
      ]);
    const gateway = await tx.paymentGateway.findUnique({
      where: { merchantId_code: { merchantId: session.merchantId, code: input.pgCode } },
      select: { id: true, code: true },
    });
    if (!gateway) throw new AppError("validation_error", "Unknown payment gateway.");
    const source = await sourceOf(tx, session, gateway.id, input);
    const seq = session.attemptCount + 1;
    const attempt = await tx.checkoutAttempt.create({
      data: {
        sessionId: session.id,
        merchantId: session.merchantId,
        seq,
        method: input.method,
        gatewayId: gateway.id,
        saveCard: input.saveCard === true && input.method === "card",
      },
      select: { id: true },
    });
    await tx.checkoutSession.update({
      where: { id: session.id },
      data: { attemptCount: seq },
    });
    await tx.paymentTransaction.update({
      where: { id: session.id },
      data: { state: "pending", gatewayId: gateway.id },
    });
    await recordAuditEvent(tx, {
      actor: CUSTOMER_ACTOR,
      merchantId: session.merchantId,
      entity: "payment_transaction",
      entityId: session.id,
      action: "checkout_session.attempt_started",
      fromState: session.state,
      toState: "pending",
      data: { attemptId: attempt.id, seq, method: input.method, pgCode: gateway.code },
    });
    return { session, attemptId: attempt.id, gatewayCode: gateway.code, source };
  });
}

async function sourceOf(
  tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0],
  session: { merchantId: string; customerId: string | null },
  gatewayId: string,
  input: StartAttemptInput,
): Promise<ChargeSource> {
  const token = input.token?.trim() ?? "";
  switch (input.method) {
    case "card":
      if (!token) throw new AppError("validation_error", "The card was not tokenized.");
      return { kind: "card_token", token };
    case "apple_pay":
      if (!token) throw new AppError("validation_error", "Apple Pay sent no payment token.");
      return { kind: "apple_pay", token };
    case "redirect":
      return { kind: "redirect" };
    case "saved_card": {
      if (!input.savedCardId || !isUuid(input.savedCardId) || !session.customerId)
        throw new AppError("validation_error", "Choose one of your saved cards.");
      const card = await tx.savedCard.findFirst({
        where: {
          id: input.savedCardId,
          merchantId: session.merchantId,
          customerId: session.customerId,
          gatewayId,
          deletedAt: null,
        },
        select: { token: true },
      });
      if (!card) throw new AppError("validation_error", "That saved card is not available.");
      return { kind: "saved_card", token: card.token };
    }
  }
}
