import { Skeleton } from "@/components/ui/skeleton";

/** The table's shape while a route's loading.tsx is showing. */
export function DataTableSkeleton({ columns, rows = 8, label = "Loading" }: { columns: number; rows?: number; label?: string }) {
  return (
    <div role="status" aria-label={label} className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <div className="flex gap-4 border-b border-slate-200 bg-slate-50 px-4 py-3">
        {Array.from({ length: columns }, (_, index) => (
          <Skeleton key={index} className="h-4 flex-1" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="flex gap-4 border-b border-slate-100 px-4 py-3 last:border-b-0">
          {Array.from({ length: columns }, (_, index) => (
            <Skeleton key={index} className="h-4 flex-1" />
          ))}
        </div>
      ))}
      <span className="sr-only">{label}…</span>
    </div>
  );
}
