import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function OperationRequestsLoading() {
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500">Tickets</p>
        <h1 className="text-2xl font-semibold">Operation requests</h1>
      </div>
      <div className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, index) => (
          <div key={index} className="space-y-2">
            <Skeleton className="h-4 w-20" />
            <Skeleton className="h-9 w-full" />
          </div>
        ))}
      </div>
      <DataTableSkeleton columns={8} label="Loading operation requests" />
    </div>
  );
}
