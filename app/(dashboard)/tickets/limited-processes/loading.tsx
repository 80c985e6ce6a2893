import { TablePageSkeleton } from "@/components/data-table/data-table-skeleton";

export default function LimitedProcessesLoading() {
  return (
    <TablePageSkeleton
      eyebrow="Tickets"
      title="Limited processes"
      columns={7}
      label="Loading limited processes"
      filtersWideAt="2xl"
    />
  );
}
