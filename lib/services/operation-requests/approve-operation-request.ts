import "server-only";
import { actorOf, type Principal } from "@/lib/auth/principal";
import { applyDecision } from "./apply-decision";
import { executeOperationRequest } from "./execute-operation-request";

/** The checker approves a pending request; it is then executed against the gateway. */
export async function approveOperationRequest(principal: Principal, id: string): Promise<void> {
  await applyDecision(principal, id, "approve", {
    data: (_decision, now) => ({ decidedById: principal.userId, decidedAt: now, deadlineAt: null }),
  });
  await executeOperationRequest(id, actorOf(principal));
}
