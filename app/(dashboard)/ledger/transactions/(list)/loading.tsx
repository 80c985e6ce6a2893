import { TablePageSkeleton } from "@/components/data-table/data-table-skeleton";

export default function LedgerTransactionsLoading() {
  return (
    <TablePageSkeleton
      eyebrow="Ledger"
      title="Transactions"
      columns={5}
      label="Loading transactions"
      filtersWideAt="2xl"
    />
  );
}
