import { TablePageSkeleton } from "@/components/data-table/data-table-skeleton";

export default function PaymentsLoading() {
  return (
    <TablePageSkeleton title="Payments" columns={6} label="Loading payments" filtersWideAt="2xl" />
  );
}
