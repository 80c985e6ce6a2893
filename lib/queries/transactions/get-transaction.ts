import "server-only";
import { prisma } from "@/lib/db";
import { isUuid } from "@/lib/validation/ids";
import { TRANSACTION_ROW_SELECT, type TransactionRow } from "./transaction-row";

export type TransactionEvent = {
  id: bigint;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  createdAt: Date;
};

export type TransactionDetail = TransactionRow & {
  parent: { id: string; orderNo: string } | null;
  /** Refunds and voids of this payment, oldest first. */
  children: TransactionRow[];
  /** Its audit trail, oldest first. */
  events: TransactionEvent[];
};

/** The entity name audit rows use for payment transactions. */
export const TRANSACTION_AUDIT_ENTITY = "payment_transaction";

/**
 * One transaction of the merchant with its children and history. Null when the id is malformed,
 * unknown, or another merchant's: callers answer 404 for all three, so ids cannot be probed.
 */
export async function getTransaction(
  merchantId: string,
  id: string,
): Promise<TransactionDetail | null> {
  if (!isUuid(id)) return null;
  const row = await prisma.paymentTransaction.findFirst({
    where: { id, merchantId },
    select: {
      ...TRANSACTION_ROW_SELECT,
      parent: { select: { id: true, orderNo: true, merchantId: true } },
      children: {
        where: { merchantId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: TRANSACTION_ROW_SELECT,
      },
    },
  });
  if (!row) return null;

  const events = await prisma.auditEvent.findMany({
    // System rows may carry no merchant; the entity id is what ties them to this transaction.
    where: {
      entity: TRANSACTION_AUDIT_ENTITY,
      entityId: row.id,
      OR: [{ merchantId }, { merchantId: null }],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      action: true,
      fromState: true,
      toState: true,
      actorType: true,
      actorId: true,
      createdAt: true,
    },
  });
  const actorIds = [...new Set(events.flatMap((event) => (event.actorId ? [event.actorId] : [])))];
  const actors = actorIds.length
    ? await prisma.user.findMany({
        where: { id: { in: actorIds } },
        select: { id: true, name: true },
      })
    : [];
  const nameOf = new Map(actors.map((actor) => [actor.id, actor.name]));

  const { parent, ...rest } = row;
  return {
    ...rest,
    parent:
      parent && parent.merchantId === merchantId
        ? { id: parent.id, orderNo: parent.orderNo }
        : null,
    events: events.map((event) => ({
      ...event,
      actorName: event.actorId ? (nameOf.get(event.actorId) ?? null) : null,
    })),
  };
}
