import type { ReactNode } from "react";
import { requirePrincipal } from "@/lib/auth/session";
import { can } from "@/lib/auth/principal";
import { NAVIGATION } from "./_components/navigation";
import { NavLinks } from "./_components/nav-links";
import { SignOutButton } from "./_components/sign-out-button";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const principal = await requirePrincipal();
  const links = NAVIGATION.filter((item) => can(principal, item.permission)).map(({ href, label }) => ({ href, label }));
  return (
    <div className="min-h-screen md:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="border-b border-slate-200 bg-white md:min-h-screen md:w-60 md:border-b-0 md:border-r">
        <div className="flex items-center justify-between px-4 py-4 md:block">
          <div>
            <p className="text-lg font-semibold tracking-tight">Countersign</p>
            <p className="text-xs text-slate-500" data-testid="merchant-name">{principal.merchantName}</p>
          </div>
        </div>
        <NavLinks links={links} />
        <div className="border-t border-slate-200 px-4 py-3 text-sm">
          <p className="truncate font-medium" data-testid="current-user">{principal.name}</p>
          <p className="truncate text-xs text-slate-500">{principal.email} · <span data-testid="current-role">{principal.role}</span></p>
          <SignOutButton />
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-4 md:p-8">{children}</main>
    </div>
  );
}
