import { EmptyState } from "@/components/ui/empty-state";
import { auditActionLabel, describeActor } from "@/lib/domain/audit/actions";
import { formatTimestamp, humanize } from "@/lib/format";

/** One audit row as a record's page shows it (a payment's events, a process's steps). */
export type HistoryEntry = {
  action: string;
  fromState: string | null;
  toState: string | null;
  actor: { type: string; id: string | null; name: string | null };
  createdAt: string;
};

/** A record's history, oldest first: what happened, the move it made, who, and when. */
export function History({ entries, empty }: { entries: HistoryEntry[]; empty: string }) {
  if (entries.length === 0) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <EmptyState title={empty} />
      </div>
    );
  }
  return (
    <ol className="space-y-2">
      {entries.map((entry, index) => (
        // Audit rows are listed in their log's order, which never changes.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
        <li key={index} className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-medium">
              {auditActionLabel(entry.action)}
              {entry.fromState && entry.toState && entry.fromState !== entry.toState && (
                <span className="font-normal text-slate-600">
                  {" "}
                  · {humanize(entry.fromState)} → {humanize(entry.toState)}
                </span>
              )}
            </p>
            <time dateTime={entry.createdAt} className="text-slate-500">
              {formatTimestamp(entry.createdAt, { seconds: true })}
            </time>
          </div>
          <p className="mt-0.5 text-slate-600">{describeActor(entry.actor)}</p>
        </li>
      ))}
    </ol>
  );
}
