import { type DecisionActor, type PolicyResult, requirePermission } from "./policy";

/** Who may do what with checkout sessions: one policy per use case, asked by routes, actions and pages. */

/** Create sessions and payment links; update, cancel, expire, capture and resend them. */
export function mayManageCheckoutSessions(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "checkout.create");
}

/** Publishable keys, allowed origins, the notify-on-error list and the attempts limit. */
export function mayManageCheckoutSettings(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "checkout.settings");
}

/** Webhook endpoints, the signing secret, the delivery log and resends. */
export function mayManageWebhooks(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "webhooks.manage");
}
