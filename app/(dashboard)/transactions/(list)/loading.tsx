import { TablePageSkeleton } from "@/components/data-table/data-table-skeleton";

export default function TransactionsLoading() {
  return (
    <TablePageSkeleton
      title="Transactions"
      columns={6}
      label="Loading transactions"
      filtersWideAt="2xl"
    />
  );
}
