import { refuse } from "@/lib/domain/operation-requests/refusals";
import { ALLOWED, type DecisionActor, holds, type PolicyResult, requirePermission } from "./policy";

/** Who may change the merchant's settings: one policy per use case, asked by services and pages. */

/** Installing, enabling and configuring the operations-approval plugin, and choosing its checker. */
export function mayManagePlugin(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "plugins.manage");
}

/**
 * Who skips approval: admins keep the list, and so does the checker, whose workload it is; nobody
 * else. This is the only place that says so.
 */
export function mayManageWhitelist(actor: DecisionActor): PolicyResult {
  return holds(actor, "plugins.manage") || actor.isChecker
    ? ALLOWED
    : refuse("forbidden", "Only the checker or an admin can change the whitelist.");
}

export function mayManageGateways(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "gateways.manage");
}

/** Each member manages their own keys; the services scope every key to its owner. */
export function mayManageApiKeys(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "api_keys.manage");
}

/** Administration > Members: granting and withdrawing per-membership permissions, and listing them. */
export function mayManageMembers(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "members.manage");
}
