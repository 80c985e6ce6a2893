"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavLink = {
  href: string;
  label: string;
  /** Requests waiting for the viewer (the checker's pending count); null shows no badge. */
  waiting?: number | null;
  /** What waits, singular and plural, for screen readers ("request", "requests" by default). */
  waitingNoun?: readonly [string, string];
  /** The badge's test id ("pending-badge" by default). */
  badgeId?: string;
};

export function NavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex gap-1 overflow-x-auto px-2 pb-2 md:flex-col md:pb-4">
      {links.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        // `relative`: the badge's screen-reader text is absolutely positioned; without a positioned
        // link it is placed against the page, so a badge scrolled out of the phone's nav widened it.
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`relative flex items-center justify-between gap-2 whitespace-nowrap rounded-md px-3 py-2 text-sm ${active ? "bg-indigo-50 font-medium text-indigo-800" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {link.label}
            {link.waiting ? (
              <WaitingBadge
                count={link.waiting}
                noun={link.waitingNoun ?? ["request", "requests"]}
                testId={link.badgeId ?? "pending-badge"}
              />
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}

function WaitingBadge({
  count,
  noun,
  testId,
}: {
  count: number;
  noun: readonly [string, string];
  testId: string;
}) {
  return (
    <span
      data-testid={testId}
      className="inline-flex min-w-5 items-center justify-center rounded-full bg-amber-500 px-1.5 text-xs leading-5 font-semibold text-white tabular-nums"
    >
      <span aria-hidden="true">{count}</span>
      <span className="sr-only">{`${count} ${count === 1 ? noun[0] : noun[1]} waiting`}</span>
    </span>
  );
}
