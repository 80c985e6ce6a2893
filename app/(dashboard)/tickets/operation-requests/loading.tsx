import { TablePageSkeleton } from "@/components/data-table/data-table-skeleton";

export default function OperationRequestsLoading() {
  return (
    <TablePageSkeleton
      eyebrow="Tickets"
      title="Operation requests"
      columns={8}
      label="Loading operation requests"
      filtersWideAt="xl"
    />
  );
}
