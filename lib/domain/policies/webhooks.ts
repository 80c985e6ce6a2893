import { type DecisionActor, type PolicyResult, requirePermission } from "./policy";

/**
 * Settings > Webhooks: endpoints, the signing secret, the delivery log and resends. One policy,
 * asked by the API routes, the server actions and the page's buttons.
 */
export function mayManageWebhooks(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "webhooks.manage");
}
