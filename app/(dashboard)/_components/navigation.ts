import type { Permission } from "@/lib/domain/auth/permissions";
import { isMailboxEnabled } from "@/lib/email/outbox";

/**
 * The sections of the dashboard; a link shows only to those holding its permission, and only
 * where the section exists (`available`, checked on the server at each render).
 */
export const NAVIGATION: {
  href: string;
  label: string;
  permission: Permission;
  available?: () => boolean;
}[] = [
  { href: "/payments", label: "Payments", permission: "transactions.view" },
  { href: "/payment-links", label: "Payment links", permission: "transactions.view" },
  // The ledger (issue 7): client processes, customers and the merchant's own accounts.
  {
    href: "/ledger/transactions",
    label: "Transactions",
    permission: "transactions.view_client",
  },
  { href: "/clients", label: "Clients", permission: "transactions.view" },
  {
    href: "/system-accounts",
    label: "System accounts",
    permission: "transactions.view_system",
  },
  {
    href: "/tickets/operation-requests",
    label: "Operation requests",
    permission: "operation_requests.view",
  },
  {
    href: "/tickets/limited-processes",
    label: "Limited processes",
    permission: "processes.review",
  },
  { href: "/settings/api-keys", label: "API keys", permission: "api_keys.manage" },
  { href: "/settings/checkout", label: "Checkout", permission: "checkout.settings" },
  { href: "/settings/webhooks", label: "Webhooks", permission: "webhooks.manage" },
  { href: "/admin/audit", label: "Audit log", permission: "audit.view" },
  { href: "/admin/members", label: "Members", permission: "members.manage" },
  { href: "/admin/plugins/operations-approval", label: "Plugins", permission: "plugins.manage" },
  { href: "/admin/gateways", label: "Gateways", permission: "gateways.manage" },
  { href: "/admin/limits", label: "Limits", permission: "processes.review" },
  { href: "/api-docs", label: "API docs", permission: "transactions.view" },
  {
    href: "/dev/mailbox",
    label: "Mailbox",
    permission: "transactions.view",
    available: isMailboxEnabled,
  },
];
