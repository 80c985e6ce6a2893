import { type DecisionActor, type PolicyResult, requirePermission } from "./policy";

/** Who may do what with checkout sessions: one policy per use case, asked by routes, actions and pages. */

/** Create sessions and payment links; update, cancel, expire, capture and resend them. */
export function mayManageCheckoutSessions(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "checkout.create");
}
