import type { Permission } from "@/lib/auth/permissions";

/** The sections of the dashboard; a link shows only to those holding its permission. */
export const NAVIGATION: { href: string; label: string; permission: Permission }[] = [
  { href: "/transactions", label: "Transactions", permission: "transactions.view" },
  { href: "/settings/api-keys", label: "API keys", permission: "api_keys.manage" },
  { href: "/admin/audit", label: "Audit log", permission: "audit.view" },
];
