import "server-only";
import type { Prisma } from "@prisma/client";
import type { Tx } from "@/lib/db";
import type { AuditAction, AuditActor } from "@/lib/domain/audit/actions";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";

/** Who moves the ledger: a member (through the API or a page) or the system (jobs, card payments). */
export type LedgerCaller = { merchantId: string; auditActor: AuditActor; userId: string | null };

export function callerOf(principal: Principal): LedgerCaller {
  return {
    merchantId: principal.merchantId,
    auditActor: actorOf(principal),
    userId: principal.userId,
  };
}

/** The audit row of a process's step, in the step's transaction. */
export async function auditProcess(
  tx: Tx,
  caller: LedgerCaller,
  processId: string,
  action: AuditAction,
  fromState: string | null,
  toState: string | null,
  data: Prisma.InputJsonValue = {},
): Promise<void> {
  await recordAuditEvent(tx, {
    actor: caller.auditActor,
    merchantId: caller.merchantId,
    entity: "business_process",
    entityId: processId,
    action,
    fromState,
    toState,
    data,
  });
}
