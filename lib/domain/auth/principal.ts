import type { AuditActor } from "@/lib/domain/audit/actions";
import type { DecisionActor } from "@/lib/domain/policies/policy";
import { type Capabilities, hasPermission, type Permission, type Role } from "./permissions";

/**
 * Who is acting, for which merchant, with what permissions: loaded fresh on every request by
 * lib/auth/principal.ts. Pure, so that services and policies use it without importing lib/auth.
 */
export type Principal = {
  userId: string;
  email: string;
  name: string;
  merchantId: string;
  merchantName: string;
  role: Role;
  capabilities: Capabilities;
  permissions: Permission[];
  via: "session" | "api_key";
};

export function can(principal: Principal, permission: Permission): boolean {
  return hasPermission(principal.role, permission, principal.capabilities);
}

/** Who is recorded in the audit log for what this principal does. */
export function actorOf(principal: Principal): AuditActor {
  return { userId: principal.userId, type: principal.via };
}

/** Who decides: the principal as the policies see them. */
export function decisionActorOf(principal: Principal): DecisionActor {
  return {
    userId: principal.userId,
    isChecker: principal.capabilities.checker === true,
    permissions: principal.permissions,
  };
}
