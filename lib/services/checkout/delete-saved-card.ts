import "server-only";
import { prisma } from "@/lib/db";
import { CUSTOMER_ACTOR } from "@/lib/domain/audit/actions";
import { PAYABLE_STATES } from "@/lib/domain/checkout/lifecycle";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { isUuid } from "@/lib/validation/ids";
import { lockSession } from "./lock-session";

/**
 * The customer deletes one of their saved cards on the hosted page. The session id is the bearer:
 * only a card of the session's own customer (and merchant), and only while the session can still be
 * paid. The card is marked deleted (its token is kept for the gateway's records) in one transaction
 * with its audit row; deleting it twice is a 404 the second time.
 */
export async function deleteSavedCard(sessionId: string, cardId: string): Promise<void> {
  if (!isUuid(cardId)) throw new AppError("not_found", "No such saved card.");
  await prisma.$transaction(async (tx) => {
    const session = await lockSession(tx, null, sessionId);
    if (!session) throw new AppError("not_found", "No such checkout session.");
    if (!PAYABLE_STATES.includes(session.state) || session.expiresAt.getTime() <= Date.now())
      throw new AppError("invalid_state", "Saved cards can be changed only while paying.");
    if (!session.customerId) throw new AppError("not_found", "No such saved card.");
    const deleted = await tx.savedCard.updateMany({
      where: {
        id: cardId,
        merchantId: session.merchantId,
        customerId: session.customerId,
        deletedAt: null,
      },
      data: { deletedAt: new Date() },
    });
    if (deleted.count === 0) throw new AppError("not_found", "No such saved card.");
    await recordAuditEvent(tx, {
      actor: CUSTOMER_ACTOR,
      merchantId: session.merchantId,
      entity: "saved_card",
      entityId: cardId,
      action: "saved_card.deleted",
      data: { sessionId: session.id },
    });
  });
}
