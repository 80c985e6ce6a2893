import { type AccountKind, isClientAccountKind } from "@/lib/domain/ledger/accounts";
import {
  type ProcessType,
  processTypeDefinition,
  scopesOf,
  type ViewerScope,
} from "@/lib/domain/ledger/catalogue";
import { refuse } from "@/lib/domain/operation-requests/refusals";
import { ALLOWED, type DecisionActor, holds, type PolicyResult, requirePermission } from "./policy";

/**
 * Who may see and move business processes and accounts. The viewer scopes follow the source: with
 * transactions.view_client a member sees client processes, with transactions.view_system system
 * ones, with both everything. One rule for the API, the pages and their buttons.
 */

export function viewerScopes(actor: DecisionActor): ViewerScope[] {
  const scopes: ViewerScope[] = [];
  if (holds(actor, "transactions.view_client")) scopes.push("client");
  if (holds(actor, "transactions.view_system")) scopes.push("system");
  return scopes;
}

export function mayViewProcesses(actor: DecisionActor): PolicyResult {
  return viewerScopes(actor).length > 0
    ? ALLOWED
    : refuse(
        "forbidden",
        "You need the 'transactions.view_client' or 'transactions.view_system' permission.",
      );
}

/** The client side only: the Transactions menu and a client's Last transactions. */
export function mayViewClientProcesses(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "transactions.view_client");
}

/** System account > View transactions. */
export function mayViewSystemProcesses(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "transactions.view_system");
}

function inScope(actor: DecisionActor, type: ProcessType): boolean {
  const scopes = viewerScopes(actor);
  return scopesOf(type).some((scope) => scopes.includes(scope));
}

export function mayViewProcess(actor: DecisionActor, type: ProcessType): PolicyResult {
  return inScope(actor, type) ? ALLOWED : refuse("not_found", "No such process.");
}

export function mayViewAccount(actor: DecisionActor, kind: AccountKind): PolicyResult {
  const scopes = viewerScopes(actor);
  return scopes.includes(isClientAccountKind(kind) ? "client" : "system")
    ? ALLOWED
    : refuse("not_found", "No such account.");
}

/** Run a process of this type: processes.run and a viewer scope the type belongs to. */
export function mayRunProcess(actor: DecisionActor, type: ProcessType): PolicyResult {
  const run = requirePermission(actor, "processes.run");
  if (!run.ok) return run;
  if (processTypeDefinition(type).systemMade) {
    return refuse(
      "operation_not_allowed",
      "This process is made by the operations API, not run by hand.",
    );
  }
  if (!inScope(actor, type)) {
    const needed = scopesOf(type)
      .map((scope) => `'transactions.view_${scope}'`)
      .join(" or ");
    return refuse(
      "forbidden",
      `Running a ${processTypeDefinition(type).uiName} process needs ${needed}.`,
    );
  }
  return ALLOWED;
}

/** The second session of a distributed process (approve, decline), and paying a created one. */
export function mayDecideProcess(actor: DecisionActor, type: ProcessType): PolicyResult {
  const run = requirePermission(actor, "processes.run");
  if (!run.ok) return run;
  return inScope(actor, type) ? ALLOWED : refuse("not_found", "No such process.");
}

/** The anti-fraud review of a limited process. */
export function mayReviewProcess(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "processes.review");
}

/** The service role's approval of a card issue. */
export function mayApproveCardIssue(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "processes.service");
}

/** Limit profiles belong to the anti-fraud role that reviews what they stop. */
export function mayManageLimits(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "processes.review");
}
