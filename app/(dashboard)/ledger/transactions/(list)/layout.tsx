import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/session";

/**
 * The permission is checked here as well as in the page: the page streams behind its loading
 * skeleton, which has already answered 200 by the time the page runs, so only a check outside that
 * boundary gives a direct visit without the permission its 403.
 */
export default async function LedgerTransactionsLayout({ children }: { children: ReactNode }) {
  await requirePermission("transactions.view_client");
  return children;
}
