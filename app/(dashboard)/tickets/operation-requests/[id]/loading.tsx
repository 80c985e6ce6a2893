import { Skeleton } from "@/components/ui/skeleton";

export default function OperationRequestLoading() {
  return (
    <div role="status" aria-label="Loading operation request" className="space-y-8">
      <div className="space-y-3">
        <Skeleton className="h-4 w-40" />
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-9 w-48" />
      </div>
      <Skeleton className="h-48" />
      <Skeleton className="h-64" />
      <span className="sr-only">Loading operation request…</span>
    </div>
  );
}
