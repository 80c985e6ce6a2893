import { Skeleton } from "@/components/ui/skeleton";

const PLACEHOLDER_ROWS = ["first", "second", "third", "fourth"];

export default function MembersLoading() {
  return (
    <div className="space-y-6" role="status" aria-live="polite">
      <span className="sr-only">Loading members</span>
      <div>
        <p className="text-sm text-slate-500">Administration</p>
        <h1 className="text-2xl font-semibold">Members</h1>
      </div>
      <Skeleton className="h-4 w-full max-w-2xl" />
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        {PLACEHOLDER_ROWS.map((row) => (
          <div key={row} className="flex flex-col gap-3 md:flex-row md:items-start">
            <div className="space-y-2 md:w-56">
              <Skeleton className="h-4 w-32" />
              <Skeleton className="h-3 w-40" />
            </div>
            <Skeleton className="h-4 w-16" />
            <div className="flex-1 space-y-2">
              <Skeleton className="h-4 w-3/4" />
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="h-4 w-1/2" />
            </div>
            <Skeleton className="h-9 w-20" />
          </div>
        ))}
      </div>
    </div>
  );
}
