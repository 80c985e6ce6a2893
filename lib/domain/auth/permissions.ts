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
  // The ledger (issue 7). The two viewer scopes are the source's CLIENT_TRANSACTION_VIEWER and
  // SYSTEM_TRANSACTION_VIEWER: with one a member sees only that side's processes and accounts.
  "transactions.view_client",
  "transactions.view_system",
  /** Run processes and decide the second session of a distributed one (approve, decline). */
  "processes.run",
  /** The anti-fraud role: approve or reject a process a limit profile stopped. */
  "processes.review",
  /** The service role: approve a card issue waiting for approval. */
  "processes.service",
  /** Grant and withdraw the permissions above per membership. */
  "members.manage",
  // Checkout (issue 8).
  /** Create checkout sessions and payment links, and resend, update, cancel or expire them. */
  "checkout.create",
  /** The merchant's checkout settings: publishable keys, allowed origins, notify-on-error list. */
  "checkout.settings",
  /** Webhook endpoints, signing secrets, the delivery log and manual resends. */
  "webhooks.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ["transactions.view", "operation_requests.view", "api_keys.manage"];
const STAFF: Permission[] = [
  ...EVERYONE,
  "payments.refund",
  "payments.void",
  "sandbox.use",
  "transactions.view_client",
  "processes.run",
  "checkout.create",
];
const ADMINISTRATION: Permission[] = [
  ...STAFF,
  "plugins.manage",
  "gateways.manage",
  "audit.view",
  "transactions.view_system",
  "processes.review",
  "processes.service",
  "members.manage",
  "checkout.settings",
  "webhooks.manage",
];

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
export type Capabilities = { checker?: boolean; grants?: readonly Permission[] };

/**
 * Permissions an admin may grant to one membership on top of its role (membership.granted_permissions;
 * a CHECK constraint holds the column to this list).
 */
export const GRANTABLE_PERMISSIONS = [
  "transactions.view_client",
  "transactions.view_system",
  "processes.run",
  "processes.review",
  "processes.service",
] as const satisfies readonly Permission[];
export type GrantablePermission = (typeof GRANTABLE_PERMISSIONS)[number];

export function isGrantablePermission(value: unknown): value is GrantablePermission {
  return typeof value === "string" && (GRANTABLE_PERMISSIONS as readonly string[]).includes(value);
}

export function permissionsFor(role: Role, capabilities: Capabilities = {}): Permission[] {
  const granted = new Set(ROLE_PERMISSIONS[role]);
  if (capabilities.checker) granted.add("operation_requests.approve");
  for (const permission of capabilities.grants ?? []) {
    if (isGrantablePermission(permission)) granted.add(permission);
  }
  return PERMISSIONS.filter((permission) => granted.has(permission));
}

export function hasPermission(
  role: Role,
  permission: Permission,
  capabilities: Capabilities = {},
): boolean {
  return permissionsFor(role, capabilities).includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
