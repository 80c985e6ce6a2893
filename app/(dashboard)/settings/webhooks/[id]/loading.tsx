import { Skeleton } from "@/components/ui/skeleton";

export default function EndpointLoading() {
  return (
    <div className="max-w-4xl space-y-6" role="status" aria-live="polite">
      <span className="sr-only">Loading the delivery log</span>
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-7 w-full max-w-xl" />
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        {["a", "b", "c", "d"].map((row) => (
          <div key={row} className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-4 w-20" />
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-7 w-20 sm:ml-auto" />
          </div>
        ))}
      </div>
    </div>
  );
}
