import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { type AuditActor, CUSTOMER_ACTOR } from "@/lib/domain/audit/actions";
import { decideSession, type SessionState } from "@/lib/domain/checkout/lifecycle";
import { failureMessage } from "@/lib/domain/checkout/messages";
import { attemptFailureReason, type FailureReason } from "@/lib/domain/checkout/page-view";
import type { ChargeResult } from "@/lib/gateways/port";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { recordCardPayment } from "@/lib/services/ledger/card-payments";
import { announceSessionChange } from "./announce";
import { type LockedSession, lockSession } from "./lock-session";

export type AttemptOutcome =
  | { outcome: "success"; state: SessionState }
  | { outcome: "action_required"; url: string }
  | { outcome: "pending" }
  | {
      outcome: "form_error";
      message: string;
      /** The same as `message`, for the hosted page to say in the customer's language. */
      reason?: FailureReason;
      attemptsLeft: number;
      state: SessionState;
    }
  | { outcome: "error"; message: string; reason?: FailureReason; state: SessionState };

type LockedAttempt = {
  id: string;
  sessionId: string;
  state: "pending" | "success" | "failed" | "canceled" | "error";
  gatewayId: string;
  saveCard: boolean;
  message: string | null;
};

/**
 * Applies a gateway's answer to one attempt and its session, in one transaction: the attempt's
 * outcome, the session's (payment's) state, the ledger (an authorization holds, a payment posts),
 * a saved card, the audit rows and the webhook event. Applying the same answer again changes nothing
 * (an attempt leaves pending once). A success after the session ended is recorded and flagged as
 * late; a success on a session already paid is flagged as a duplicate and never counted twice.
 */
export async function finishCheckoutAttempt(
  attemptId: string,
  result: ChargeResult,
  actor: AuditActor = CUSTOMER_ACTOR,
): Promise<AttemptOutcome> {
  const { outcome, after } = await prisma.$transaction(async (tx) => {
    const [attempt] = await tx.$queryRaw<LockedAttempt[]>`
      SELECT id, session_id AS "sessionId", state::text AS state, gateway_id AS "gatewayId",
             save_card AS "saveCard", message
      FROM checkout_attempt WHERE id = ${attemptId}::uuid`;
    if (!attempt) throw new Error(`attempt ${attemptId} is gone`);
    const session = await lockSession(tx, null, attempt.sessionId);
    if (!session) throw new Error(`session ${attempt.sessionId} is gone`);
    // Re-read under the session's lock: the attempt's writers all hold it.
    const [current] = await tx.$queryRaw<LockedAttempt[]>`
      SELECT id, session_id AS "sessionId", state::text AS state, gateway_id AS "gatewayId",
             save_card AS "saveCard", message
      FROM checkout_attempt WHERE id = ${attemptId}::uuid FOR UPDATE`;
    const locked = current ?? attempt;
    return apply(tx, session, locked, result, actor);
  });
  await after();
  return outcome;
}

async function apply(
  tx: Tx,
  session: LockedSession,
  attempt: LockedAttempt,
  result: ChargeResult,
  actor: AuditActor,
): Promise<{ outcome: AttemptOutcome; after: () => Promise<void> }> {
  const nothing = async () => {};
  const finishable =
    attempt.state === "pending" || (attempt.state === "error" && result.outcome === "succeeded");
  if (!finishable) return { outcome: replayOutcome(session, attempt), after: nothing };

  switch (result.outcome) {
    case "action_required":
      await tx.checkoutAttempt.update({
        where: { id: attempt.id },
        data: { gatewayReference: result.reference },
      });
      return { outcome: { outcome: "action_required", url: result.url }, after: nothing };
    case "pending":
      await tx.checkoutAttempt.update({
        where: { id: attempt.id },
        data: { gatewayReference: result.reference, code: result.code, message: result.message },
      });
      return { outcome: { outcome: "pending" }, after: nothing };
    case "succeeded":
      return succeed(tx, session, attempt, result, actor);
    default:
      return fail(tx, session, attempt, result, actor);
  }
}

async function succeed(
  tx: Tx,
  session: LockedSession,
  attempt: LockedAttempt,
  result: Extract<ChargeResult, { outcome: "succeeded" }>,
  actor: AuditActor,
) {
  const now = new Date();
  const decision = decideSession(
    { ...session, attemptPending: false },
    { event: "attempt_succeeded", captured: result.captured },
  );
  if (!decision.ok) throw new Error(decision.message);
  await tx.checkoutAttempt.update({
    where: { id: attempt.id },
    data: {
      state: "success",
      finishedAt: now,
      gatewayReference: result.reference,
      threeDs: result.threeDs,
      cardBrand: result.card?.brand ?? null,
      cardLast4: result.card?.last4 ?? null,
      code: result.code,
      message: result.message,
    },
  });
  const audit = (action: Parameters<typeof recordAuditEvent>[1]["action"], data: object) =>
    recordAuditEvent(tx, {
      actor,
      merchantId: session.merchantId,
      entity: "payment_transaction",
      entityId: session.id,
      action,
      fromState: session.state,
      toState: decision.next,
      data: {
        attemptId: attempt.id,
        reference: result.reference,
        threeDs: result.threeDs,
        ...data,
      },
    });

  if (decision.duplicate) {
    // Money moved twice at the gateway: flagged for a person, never counted twice in the ledger.
    await tx.checkoutSession.update({
      where: { id: session.id },
      data: { duplicatePaymentAt: now },
    });
    await audit("checkout_session.duplicate_payment", {});
    return {
      outcome: { outcome: "success" as const, state: session.state },
      after: async () => {},
    };
  }

  await tx.paymentTransaction.update({
    where: { id: session.id },
    data: {
      state: decision.next,
      gatewayId: attempt.gatewayId,
      capturedAmount: result.captured ? session.amount : "0",
    },
  });
  if (decision.late) {
    await tx.checkoutSession.update({ where: { id: session.id }, data: { paidLateAt: now } });
  }
  const ledgerProcessId = await recordCardPayment(tx, session.id);
  await audit(
    decision.late
      ? "checkout_session.paid_late"
      : decision.next === "paid"
        ? "checkout_session.paid"
        : "checkout_session.authorized",
    { ledgerProcessId, late: decision.late === true },
  );
  if (
    result.card &&
    session.customerId &&
    (attempt.saveCard || session.paymentType === "save_card")
  ) {
    await saveCard(tx, session, attempt, result.card, actor);
  }
  const after = await announceSessionChange(tx, session, decision.next);
  return { outcome: { outcome: "success" as const, state: decision.next }, after };
}

async function fail(
  tx: Tx,
  session: LockedSession,
  attempt: LockedAttempt,
  result: Extract<ChargeResult, { outcome: "declined" | "timeout" | "error" }>,
  actor: AuditActor,
) {
  const now = new Date();
  const decision = decideSession(
    { ...session, attemptPending: false },
    { event: "attempt_failed" },
  );
  if (!decision.ok) throw new Error(decision.message);
  await tx.checkoutAttempt.update({
    where: { id: attempt.id },
    data: {
      // A timeout or an error leaves the outcome unknown: the gateway may still report a success.
      state: result.outcome === "declined" ? "failed" : "error",
      finishedAt: now,
      gatewayReference: result.reference,
      threeDs: result.outcome === "declined" ? result.threeDs : null,
      code: result.code,
      message: result.message,
    },
  });
  if (decision.next !== session.state) {
    await tx.paymentTransaction.update({
      where: { id: session.id },
      data: { state: decision.next },
    });
  }
  await recordAuditEvent(tx, {
    actor,
    merchantId: session.merchantId,
    entity: "payment_transaction",
    entityId: session.id,
    action:
      decision.next === "failed" ? "checkout_session.failed" : "checkout_session.attempt_failed",
    fromState: session.state,
    toState: decision.next,
    data: { attemptId: attempt.id, code: result.code, message: result.message },
  });
  const after = await announceSessionChange(tx, session, decision.next);
  const left = Math.max(0, session.maxAttempts - session.attemptCount);
  const reason = attemptFailureReason(result);
  const message = failureMessage("en", reason);
  return {
    outcome:
      decision.next === "attempted"
        ? {
            outcome: "form_error" as const,
            message,
            reason,
            attemptsLeft: left,
            state: decision.next,
          }
        : { outcome: "error" as const, message, reason, state: decision.next },
    after,
  };
}

function replayOutcome(session: LockedSession, attempt: LockedAttempt): AttemptOutcome {
  if (attempt.state === "success") return { outcome: "success", state: session.state };
  const left = Math.max(0, session.maxAttempts - session.attemptCount);
  const message = attempt.message ?? "The payment attempt has ended.";
  return session.state === "attempted"
    ? { outcome: "form_error", message, attemptsLeft: left, state: session.state }
    : { outcome: "error", message, state: session.state };
}

async function saveCard(
  tx: Tx,
  session: LockedSession,
  attempt: LockedAttempt,
  card: NonNullable<Extract<ChargeResult, { outcome: "succeeded" }>["card"]>,
  actor: AuditActor,
) {
  const [saved] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO saved_card (merchant_id, customer_id, gateway_id, token, brand, last4, exp_month, exp_year)
    VALUES (${session.merchantId}::uuid, ${session.customerId}::uuid, ${attempt.gatewayId}::uuid,
            ${card.token}, ${card.brand}, ${card.last4}, ${card.expMonth}, ${card.expYear})
    ON CONFLICT (merchant_id, customer_id, token) WHERE deleted_at IS NULL DO NOTHING
    RETURNING id`;
  if (!saved) return;
  await recordAuditEvent(tx, {
    actor,
    merchantId: session.merchantId,
    entity: "saved_card",
    entityId: saved.id,
    action: "saved_card.saved",
    data: { brand: card.brand, last4: card.last4, sessionId: session.id },
  });
}
