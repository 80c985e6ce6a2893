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
  // One raw statement: audit rows are written beside every change, so Prisma's per-query CPU counts.
  // The time is the app's clock at the write (as Prisma's @default(now()) gave), not the
  // transaction's start, so a history interleaves audit rows and other rows in the order they happened.
  await tx.$executeRaw`
    INSERT INTO audit_event (merchant_id, actor_id, actor_type, entity, entity_id, action, from_state, to_state, data, created_at)
    VALUES (${input.merchantId}::uuid, ${input.actor.userId}::uuid, ${input.actor.type}, ${input.entity},
            ${input.entityId}, ${input.action}, ${input.fromState ?? null}, ${input.toState ?? null},
            ${JSON.stringify(input.data ?? {})}::jsonb, ${new Date()})`;
}
