import { TablePageSkeleton } from "@/components/data-table/data-table-skeleton";

export default function PaymentLinksLoading() {
  return (
    <TablePageSkeleton
      title="Payment links"
      columns={6}
      label="Loading payment links"
      filtersWideAt="xl"
    />
  );
}
