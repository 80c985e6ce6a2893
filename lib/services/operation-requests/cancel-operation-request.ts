import "server-only";
import type { Principal } from "@/lib/domain/auth/principal";
import { applyDecision } from "./apply-decision";

/** Any member holding the operation's permission, except the checker, withdraws a pending request. */
export async function cancelOperationRequest(principal: Principal, id: string): Promise<void> {
  await applyDecision(principal, id, "cancel", { data: () => ({ deadlineAt: null }) });
}
