import { OPERATION_PERMISSION, type Operation } from "@/lib/domain/operation-requests/operations";
import { refuse } from "@/lib/domain/operation-requests/refusals";
import { ALLOWED, type DecisionActor, holds, type PolicyResult, requirePermission } from "./policy";

/**
 * Who may do what with operation requests: one policy per use case. The services ask these before
 * they write (so a route handler and a server action calling the same service cannot disagree),
 * lifecycle.decide() asks them before it looks at the state, and the pages derive their buttons from
 * them. The state rules (what may happen from where) stay in lifecycle.ts.
 */

export function mayViewRequests(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "operation_requests.view");
}

/** Asking for a refund or void needs that operation's permission. */
export function maySubmit(actor: DecisionActor, operation: Operation): PolicyResult {
  return holds(actor, OPERATION_PERMISSION[operation])
    ? ALLOWED
    : refuse(
        "forbidden",
        `You need the ${OPERATION_PERMISSION[operation]} permission to request a ${operation}.`,
      );
}

/** The checker alone decides, whatever their role: the capability comes from the plugin. */
export function mayApprove(actor: DecisionActor): PolicyResult {
  return actor.isChecker ? ALLOWED : refuse("forbidden", "Only the checker can approve requests.");
}

export function mayReject(actor: DecisionActor): PolicyResult {
  return actor.isChecker ? ALLOWED : refuse("forbidden", "Only the checker can reject requests.");
}

/**
 * Any holder of the request's operation permission withdraws it, not only its submitter. The checker
 * decides instead: a cancel by the checker would be a rejection without a reason.
 */
export function mayCancel(
  actor: DecisionActor,
  request: { readonly operation: Operation },
): PolicyResult {
  if (actor.isChecker) {
    return refuse("forbidden", "The checker cannot cancel a request; reject it instead.");
  }
  return holdsOperation(actor, request.operation, "cancel");
}

/** Any holder of the request's operation permission, the checker too, runs it again. */
export function mayRetry(
  actor: DecisionActor,
  request: { readonly operation: Operation },
): PolicyResult {
  return holdsOperation(actor, request.operation, "retry");
}

export const REQUEST_ACTIONS = ["approve", "reject", "cancel", "retry"] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** The policy of each action a person takes on a request. */
export function mayAct(
  actor: DecisionActor,
  action: RequestAction,
  request: { readonly operation: Operation },
): PolicyResult {
  switch (action) {
    case "approve":
      return mayApprove(actor);
    case "reject":
      return mayReject(actor);
    case "cancel":
      return mayCancel(actor, request);
    case "retry":
      return mayRetry(actor, request);
  }
}

function holdsOperation(
  actor: DecisionActor,
  operation: Operation,
  action: "cancel" | "retry",
): PolicyResult {
  return holds(actor, OPERATION_PERMISSION[operation])
    ? ALLOWED
    : refuse(
        "forbidden",
        `You need the ${OPERATION_PERMISSION[operation]} permission to ${action} this request.`,
      );
}
