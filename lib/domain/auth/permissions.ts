/**
 * Who may do what, by permission name. Pure: no next/*, no database.
 * Every server action and route handler checks one of these names on the server.
 */
export const ROLES = ["owner", "admin", "maker", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "transactions.view",
  "payments.refund",
  "payments.void",
  "operation_requests.view",
  "operation_requests.approve",
  "plugins.manage",
  "gateways.manage",
  "api_keys.manage",
  "audit.view",
  "sandbox.use",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ["transactions.view", "operation_requests.view", "api_keys.manage"];
const STAFF: Permission[] = [...EVERYONE, "payments.refund", "payments.void", "sandbox.use"];
const ADMINISTRATION: Permission[] = [...STAFF, "plugins.manage", "gateways.manage", "audit.view"];

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(ADMINISTRATION),
  admin: new Set(ADMINISTRATION),
  maker: new Set(STAFF),
  viewer: new Set(EVERYONE),
};

/**
 * Capabilities granted to one user on top of their role. The checker capability is assigned by the
 * operations-approval plugin, not by a role: it alone carries `operation_requests.approve`.
 */
export type Capabilities = { checker?: boolean };

export function permissionsFor(role: Role, capabilities: Capabilities = {}): Permission[] {
  const granted = new Set(ROLE_PERMISSIONS[role]);
  if (capabilities.checker) granted.add("operation_requests.approve");
  return PERMISSIONS.filter((permission) => granted.has(permission));
}

export function hasPermission(
  role: Role,
  permission: Permission,
  capabilities: Capabilities = {},
): boolean {
  return permission === "operation_requests.approve"
    ? capabilities.checker === true
    : ROLE_PERMISSIONS[role].has(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
