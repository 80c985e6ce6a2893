import { actorOf, type Principal } from "@/lib/auth/principal";
import { applyDecision } from "./apply-decision";
import { executeOperationRequest } from "./execute-operation-request";

/**
 * Any member holding the operation's permission (the checker too) runs a manual-action request
 * again. It keeps its deadline; success makes it done.
 */
export async function retryOperationRequest(principal: Principal, id: string): Promise<void> {
  await applyDecision(principal, id, "retry");
  await executeOperationRequest(id, actorOf(principal));
}
