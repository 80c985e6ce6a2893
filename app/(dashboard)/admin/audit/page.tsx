import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/queries/audit/list-audit-events";

export const metadata: Metadata = { title: "Audit log" };

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string }>;
}) {
  const principal = await requirePermission("audit.view");
  const { before } = await searchParams;
  const cursor = before && /^\d{1,18}$/.test(before) ? BigInt(before) : undefined;
  const { events, nextBefore } = await listAuditEvents(principal.merchantId, cursor);
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every change made in {principal.merchantName}, newest first. Entries cannot be edited or
          removed.
        </p>
      </header>
      {events.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
          No changes recorded yet.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Time (UTC)
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Actor
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Action
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Entity
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id.toString()} className="border-t border-slate-100 align-top">
                  <td className="whitespace-nowrap px-4 py-2">
                    {dateTime.format(event.createdAt)}
                  </td>
                  <td className="px-4 py-2">{event.actorLabel}</td>
                  <td className="px-4 py-2">
                    {event.actionLabel}
                    <span className="block font-mono text-xs text-slate-500">{event.action}</span>
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">
                    {event.entity}
                    <span className="block text-slate-500">{event.entityId}</span>
                  </td>
                  <td className="px-4 py-2">
                    {event.fromState || event.toState
                      ? `${event.fromState ?? "—"} → ${event.toState ?? "—"}`
                      : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pagination" className="flex gap-4 text-sm">
        {cursor && (
          <Link href="/admin/audit" className="text-indigo-700 underline">
            Newest
          </Link>
        )}
        {nextBefore && (
          <Link href={`/admin/audit?before=${nextBefore}`} className="text-indigo-700 underline">
            Older entries
          </Link>
        )}
      </nav>
    </div>
  );
}
