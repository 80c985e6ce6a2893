import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { Permission } from "@/lib/domain/auth/permissions";
import type { DecisionActor, PolicyResult } from "@/lib/domain/policies/policy";
import { can, decisionActorOf, type Principal, principalFromSession } from "./principal";
import { REQUESTED_PATH_HEADER, signInPathFor } from "./requested-path";

/** Pages: the signed-in principal, or a redirect to the sign-in page that comes back here. */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await principalFromSession();
  if (!principal) redirect(signInPathFor((await headers()).get(REQUESTED_PATH_HEADER)));
  return principal;
}

/** Pages: the principal if it holds the permission, else the 403 page. */
export async function requirePermission(permission: Permission): Promise<Principal> {
  const principal = await requirePrincipal();
  if (!can(principal, permission)) forbidden();
  return principal;
}

/**
 * Pages: the principal if the use case's policy (lib/domain/policies) allows them, else the 403
 * page; the same policy the use case's service asks, so the page and the write cannot disagree.
 */
export async function requireAllowed(
  policy: (actor: DecisionActor) => PolicyResult,
): Promise<Principal> {
  const principal = await requirePrincipal();
  if (!policy(decisionActorOf(principal)).ok) forbidden();
  return principal;
}
