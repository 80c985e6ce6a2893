import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { can } from "@/lib/auth/principal";
import { requirePrincipal } from "@/lib/auth/session";
import { countPendingRequests } from "@/lib/queries/operation-requests/count-pending-requests";
import { countLimitedProcesses } from "@/lib/queries/processes/count-limited-processes";
import { LiveUpdates } from "./_components/live-updates";
import { NavLinks } from "./_components/nav-links";
import { NAVIGATION } from "./_components/navigation";
import { SignOutButton } from "./_components/sign-out-button";

const OPERATION_REQUESTS_HREF = "/tickets/operation-requests";
const LIMITED_PROCESSES_HREF = "/tickets/limited-processes";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const principal = await requirePrincipal();
  // Only the checker can act on a pending request, so only the checker is shown how many wait.
  // Live updates refresh this layout too, so the count follows every change.
  // Likewise the anti-fraud reviewer is shown how many limited processes wait for review.
  const [pendingCount, limitedCount] = await Promise.all([
    can(principal, "operation_requests.approve")
      ? countPendingRequests(principal.merchantId)
      : null,
    can(principal, "processes.review") ? countLimitedProcesses(principal.merchantId) : null,
  ]);
  const links = NAVIGATION.filter(
    (item) => can(principal, item.permission) && (item.available?.() ?? true),
  ).map(({ href, label }) =>
    href === LIMITED_PROCESSES_HREF
      ? {
          href,
          label,
          waiting: limitedCount,
          waitingNoun: ["process", "processes"] as const,
          badgeId: "limited-badge",
        }
      : { href, label, waiting: href === OPERATION_REQUESTS_HREF ? pendingCount : null },
  );
  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="border-b border-slate-200 bg-white md:min-h-screen md:w-60 md:border-b-0 md:border-r">
        <div className="flex items-center justify-between px-4 py-4 md:block">
          <div>
            <p className="text-lg font-semibold tracking-tight">Countersign</p>
            <p className="text-xs text-slate-500" data-testid="merchant-name">
              {principal.merchantName}
            </p>
          </div>
        </div>
        <NavLinks links={links} />
        {can(principal, "operation_requests.view") && <LiveUpdates />}
        <div className="border-t border-slate-200 px-4 py-3 text-sm">
          <p className="truncate font-medium" data-testid="current-user">
            {principal.name}
          </p>
          <p className="truncate text-xs text-slate-500">
            {principal.email} · <span data-testid="current-role">{principal.role}</span>
          </p>
          <SignOutButton />
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-4 md:p-8">
        {children}
      </main>
      {/* The outcome of every action (approve, reject, retry, cancel, save) is told here. */}
      <Toaster position="top-right" richColors closeButton duration={8000} />
    </div>
  );
}
