import { requirePermission } from "@/lib/auth/session";

export default async function TransactionsPage() {
  await requirePermission("transactions.view");
  return <h1 className="text-2xl font-semibold">Transactions</h1>;
}
