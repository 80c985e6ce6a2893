import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { type AuditActor, SYSTEM_ACTOR } from "@/lib/domain/audit/actions";
import { decideSession, PAYABLE_STATES } from "@/lib/domain/checkout/lifecycle";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { announceSessionChange } from "./announce";
import type { CheckoutCaller } from "./checkout-caller";
import { type LockedSession, lockSession } from "./lock-session";
import { sessionRefusalError } from "./session-errors";

/**
 * Ends a session that can still be paid: canceled (by the merchant, or by a validation error on
 * update) or expired (by the merchant, or by the expiry job once its time is up). One transaction:
 * the payment's state, the reason, the audit row and the webhook event. A payment already made is
 * never ended this way (refund or void it instead).
 */
export async function endCheckoutSession(
  caller: CheckoutCaller,
  sessionId: string,
  to: "canceled" | "expired",
  reason: string,
): Promise<void> {
  const after = await prisma.$transaction(async (tx) => {
    const session = await lockSession(tx, caller.merchantId, sessionId);
    if (!session) throw new AppError("not_found", "No such checkout session.");
    return endLocked(tx, session, to, reason, caller.auditActor);
  });
  await after();
}

export async function endLocked(
  tx: Tx,
  session: LockedSession,
  to: "canceled" | "expired",
  reason: string,
  actor: AuditActor,
): Promise<() => Promise<void>> {
  const decision = decideSession(
    session,
    to === "canceled" ? { event: "cancel" } : { event: "expire", now: new Date() },
  );
  if (!decision.ok) throw sessionRefusalError(decision);
  const moved = await tx.paymentTransaction.updateMany({
    where: { id: session.id, state: session.state },
    data: { state: decision.next },
  });
  if (moved.count !== 1) throw new AppError("conflict", "The session changed; try again.");
  await tx.checkoutSession.update({ where: { id: session.id }, data: { endedReason: reason } });
  await recordAuditEvent(tx, {
    actor,
    merchantId: session.merchantId,
    entity: "payment_transaction",
    entityId: session.id,
    action: to === "canceled" ? "checkout_session.canceled" : "checkout_session.expired",
    fromState: session.state,
    toState: decision.next,
    data: { reason },
  });
  return announceSessionChange(tx, session, decision.next);
}

/** The expiry job: sessions whose time is up, oldest first, each in its own transaction. */
export async function expireOverdueSessions(
  options: { now?: Date; limit?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const due = await prisma.$queryRaw<{ id: string }[]>`
    SELECT s.id FROM checkout_session s JOIN payment_transaction p ON p.id = s.id
    WHERE s.expires_at <= ${now} AND p.state::text = ANY(${[...PAYABLE_STATES]}::text[])
    ORDER BY s.expires_at LIMIT ${options.limit ?? 100}`;
  let expired = 0;
  for (const { id } of due) {
    const after = await prisma.$transaction(async (tx) => {
      const session = await lockSession(tx, null, id);
      // Someone else moved it meanwhile (paid, canceled, or another instance's job).
      if (!session || !PAYABLE_STATES.includes(session.state) || session.expiresAt > now)
        return null;
      return endLocked(tx, session, "expired", "expiration_time passed", SYSTEM_ACTOR);
    });
    if (after) {
      expired++;
      await after();
    }
  }
  return expired;
}
