import "server-only";
import { decisionActorOf, type Principal } from "@/lib/domain/auth/principal";
import type { ViewerScope } from "@/lib/domain/ledger/catalogue";
import {
  mayViewClientProcesses,
  mayViewProcesses,
  viewerScopes,
} from "@/lib/domain/policies/processes";
import { authorize } from "@/lib/services/authorization/authorize";

/**
 * The viewer scopes a read of processes or accounts runs with: the caller's (client, system or
 * both), after the policy has refused a caller with neither (403). Every read then goes through the
 * one scope-aware `where` (lib/queries/processes, lib/queries/ledger-accounts).
 */
export function authorizedViewerScopes(principal: Principal): ViewerScope[] {
  authorize(principal, mayViewProcesses);
  return viewerScopes(decisionActorOf(principal));
}

/** The same for a customer's own pages and accounts: the client scope is required. */
export function authorizedClientViewerScopes(principal: Principal): ViewerScope[] {
  authorize(principal, mayViewClientProcesses);
  return viewerScopes(decisionActorOf(principal));
}
