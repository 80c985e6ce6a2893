import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { EXECUTABLE_STATES } from "@/lib/domain/operation-requests/lifecycle";

/** A claim older than this is taken to belong to a process that died mid-call. */
export const STALE_CLAIM_SECONDS = 120;

/**
 * Marks the request as being executed, if it may be run and nobody else is running it: a
 * conditional update, so double clicks, parallel approvals and retries call the gateway once.
 * Returns the claim's time (the token the outcome is recorded against), or null.
 */
export async function claimExecution(id: string): Promise<Date | null> {
  const rows = await prisma.$queryRaw<{ executing_since: Date }[]>`
    UPDATE operation_request SET executing_since = clock_timestamp()
    WHERE id = ${id}::uuid
      AND state = ANY(${[...EXECUTABLE_STATES]}::"OperationRequestState"[])
      AND (executing_since IS NULL OR executing_since < clock_timestamp() - make_interval(secs => ${STALE_CLAIM_SECONDS}))
    RETURNING executing_since`;
  return rows[0]?.executing_since ?? null;
}

/** Gives the claim up without recording an outcome (the request moved on while the gateway ran). */
export async function releaseExecution(tx: Tx, id: string, claimedAt: Date): Promise<string[]> {
  await tx.operationRequest.updateMany({
    where: { id, executingSince: claimedAt },
    data: { executingSince: null },
  });
  return [];
}
