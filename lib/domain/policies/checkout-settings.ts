import type { DecisionActor, PolicyResult } from "./policy";
import { requirePermission } from "./policy";

/**
 * Settings > Checkout: publishable keys and their allowed origins. Asked by the services (so the API
 * and the server actions both go through it) and by the page for its buttons.
 */
export function mayManageCheckoutSettings(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "checkout.settings");
}
