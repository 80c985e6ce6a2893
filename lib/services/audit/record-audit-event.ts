import "server-only";
import type { Prisma } from "@prisma/client";
import type { Tx } from "@/lib/db";
import type { AuditAction, AuditActor } from "@/lib/domain/audit/actions";

type AuditInput = {
  actor: AuditActor;
  merchantId: string | null;
  entity: string;
  entityId: string;
  /** One of the vocabulary in lib/domain/audit/actions.ts. */
  action: AuditAction;
  fromState?: string | null;
  toState?: string | null;
  data?: Prisma.InputJsonValue;
};

/** Appends one audit row inside the caller's transaction, beside the write it describes. */
export async function recordAuditEvent(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      merchantId: input.merchantId,
      actorId: input.actor.userId,
      actorType: input.actor.type,
      entity: input.entity,
      entityId: input.entityId,
      action: input.action,
      fromState: input.fromState ?? null,
      toState: input.toState ?? null,
      data: input.data ?? {},
    },
  });
}
