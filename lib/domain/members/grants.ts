import {
  GRANTABLE_PERMISSIONS,
  type GrantablePermission,
  permissionsFor,
  type Role,
} from "@/lib/domain/auth/permissions";

/**
 * Per-membership grants (Administration > Members): what each grantable permission is called and
 * does, and which of them a role already gives. Pure; the service and the page both read it.
 */
export const GRANT_DESCRIPTIONS: Record<
  GrantablePermission,
  { readonly label: string; readonly explanation: string }
> = {
  "transactions.view_client": {
    label: "View client transactions (CLIENT_TRANSACTION_VIEWER)",
    explanation: "See customers' processes and client accounts in the ledger.",
  },
  "transactions.view_system": {
    label: "View system transactions (SYSTEM_TRANSACTION_VIEWER)",
    explanation: "See system processes and accounts: gateways, bank, cash desk, exchange and fees.",
  },
  "processes.run": {
    label: "Run processes",
    explanation:
      "Start ledger processes and approve or decline the second step of a distributed one.",
  },
  "processes.review": {
    label: "Review limited processes (anti-fraud)",
    explanation: "Approve or reject a process that a limit profile stopped.",
  },
  "processes.service": {
    label: "Approve card issues (service role)",
    explanation: "Approve a card issue that is waiting for approval.",
  },
};

/** The grantable permissions a role gives by itself: shown as "from role", never stored as grants. */
export function grantsFromRole(role: Role): GrantablePermission[] {
  const given = new Set(permissionsFor(role));
  return GRANTABLE_PERMISSIONS.filter((permission) => given.has(permission));
}

/**
 * What a membership stores for the grants asked: each once, in GRANTABLE_PERMISSIONS order, without
 * those the role already gives (a grant that duplicates the role would outlive a role change
 * unnoticed, and the page could not untick it).
 */
export function grantsToStore(
  role: Role,
  requested: readonly GrantablePermission[],
): GrantablePermission[] {
  const fromRole = new Set(grantsFromRole(role));
  const wanted = new Set(requested);
  return GRANTABLE_PERMISSIONS.filter(
    (permission) => wanted.has(permission) && !fromRole.has(permission),
  );
}

export function sameGrants(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}
