import { Skeleton } from "@/components/ui/skeleton";

export default function WebhooksLoading() {
  return (
    <div className="max-w-4xl space-y-6" role="status" aria-live="polite">
      <span className="sr-only">Loading webhooks</span>
      <h1 className="text-2xl font-semibold">Webhooks</h1>
      <Skeleton className="h-4 w-full max-w-2xl" />
      <Skeleton className="h-28 w-full" />
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        {["a", "b", "c"].map((row) => (
          <div key={row} className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <Skeleton className="h-4 w-64" />
            <Skeleton className="h-4 w-20" />
            <Skeleton className="h-8 w-24 sm:ml-auto" />
          </div>
        ))}
      </div>
    </div>
  );
}
