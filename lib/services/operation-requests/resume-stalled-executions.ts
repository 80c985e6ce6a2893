import "server-only";
import { prisma } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/domain/audit/actions";
import { STALE_CLAIM_SECONDS } from "./claim-execution";
import { executeOperationRequest } from "./execute-operation-request";

/**
 * Approved requests whose execution never ran or never finished (the process died between the
 * approval's commit and the gateway's answer) are executed again. The gateway idempotency key
 * makes a second call safe: a gateway that already moved the money answers with its first result.
 */
export async function resumeStalledExecutions(now = new Date()): Promise<number> {
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_SECONDS * 1000);
  const stalled = await prisma.operationRequest.findMany({
    where: {
      state: "approved",
      OR: [
        { executingSince: null, updatedAt: { lt: new Date(now.getTime() - 30_000) } },
        { executingSince: { lt: staleBefore } },
      ],
    },
    select: { id: true },
    take: 50,
  });
  for (const { id } of stalled) await executeOperationRequest(id, SYSTEM_ACTOR);
  return stalled.length;
}
