import { Skeleton } from "@/components/ui/skeleton";
import { FILTER_GRID_CLASSES, type FilterRowBreakpoint } from "./filter-grid";

/** The table's shape while a route's loading.tsx is showing. */
export function DataTableSkeleton({
  columns,
  rows = 8,
  label = "Loading",
}: {
  columns: number;
  rows?: number;
  label?: string;
}) {
  return (
    <div
      role="status"
      aria-label={label}
      className="overflow-hidden rounded-lg border border-slate-200 bg-white"
    >
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

/**
 * A filtered table page while it loads: the real heading, six filter placeholders laid out as the
 * filter form lays out its fields, and the table's shape.
 */
export function TablePageSkeleton({
  title,
  eyebrow,
  columns,
  label,
  filtersWideAt,
}: {
  title: string;
  /** The section above the title, e.g. "Tickets". */
  eyebrow?: string;
  columns: number;
  label: string;
  filtersWideAt: FilterRowBreakpoint;
}) {
  const heading = <h1 className="text-2xl font-semibold">{title}</h1>;
  return (
    <div className="space-y-6">
      {eyebrow ? (
        <div>
          <p className="text-sm text-slate-500">{eyebrow}</p>
          {heading}
        </div>
      ) : (
        heading
      )}
      <div className={FILTER_GRID_CLASSES[filtersWideAt]}>
        {Array.from({ length: 6 }, (_, index) => (
          <div key={index} className="space-y-2">
            <Skeleton className="h-4 w-20" />
            <Skeleton className="h-9 w-full" />
          </div>
        ))}
      </div>
      <DataTableSkeleton columns={columns} label={label} />
    </div>
  );
}
