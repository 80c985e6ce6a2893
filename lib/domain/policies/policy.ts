import type { Permission } from "@/lib/domain/auth/permissions";
import { type Refusal, refuse } from "@/lib/domain/operation-requests/refusals";

/**
 * The one who decides, as the policies see them: a member's permissions and whether the
 * operations-approval plugin made them the checker. (The audit actor, who is recorded, is
 * lib/domain/audit's AuditActor.)
 */
export type DecisionActor = {
  readonly userId: string;
  readonly isChecker: boolean;
  readonly permissions: readonly string[];
};

/** A policy's answer: allowed, or refused with a message written for the person who asked. */
export type PolicyResult = { readonly ok: true } | Refusal;

export const ALLOWED: PolicyResult = { ok: true };

export function holds(actor: DecisionActor, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}

export function requirePermission(actor: DecisionActor, permission: Permission): PolicyResult {
  return holds(actor, permission)
    ? ALLOWED
    : refuse("forbidden", `You do not have the '${permission}' permission.`);
}
