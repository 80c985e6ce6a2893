import "server-only";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { applyDecision } from "./apply-decision";
import { STALE_CLAIM_SECONDS } from "./claim-execution";
import { executeOperationRequest } from "./execute-operation-request";

/**
 * Any member holding the operation's permission (the checker too) runs a manual-action request
 * again. It keeps its deadline; success makes it done. The retry claims the execution in the same
 * conditional update that records it, so of many parallel retries one runs and the others are told
 * a retry is already running: one gateway call, one audit row.
 */
export async function retryOperationRequest(principal: Principal, id: string): Promise<void> {
  const claimedAt = new Date();
  await applyDecision(principal, id, "retry", {
    where: {
      OR: [
        { executingSince: null },
        { executingSince: { lt: new Date(claimedAt.getTime() - STALE_CLAIM_SECONDS * 1000) } },
      ],
    },
    data: () => ({ executingSince: claimedAt }),
    busyMessage: "A retry of this request is already running.",
  });
  await executeOperationRequest(id, actorOf(principal), { claimedAt });
}
