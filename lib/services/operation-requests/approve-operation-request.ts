import "server-only";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayApprove } from "@/lib/domain/policies/operation-requests";
import { authorize } from "@/lib/services/authorization/authorize";
import { applyDecision } from "./apply-decision";
import { executeOperationRequest } from "./execute-operation-request";

/** The checker approves a pending request; it is then executed against the gateway. */
export async function approveOperationRequest(principal: Principal, id: string): Promise<void> {
  // Before the request is loaded, so that someone who may never approve learns nothing about it;
  // decide() asks the same policy again with the request in hand.
  authorize(principal, mayApprove);
  await applyDecision(principal, id, "approve", {
    data: (_decision, now) => ({ decidedById: principal.userId, decidedAt: now, deadlineAt: null }),
  });
  await executeOperationRequest(id, actorOf(principal));
}
