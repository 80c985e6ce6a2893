import { formatAmount } from "@/lib/format";
import type { AccountJson } from "@/lib/validation/processes";

/** An account's posted, pending and available balances as three table cells, in one format everywhere. */
export function BalanceCells({ account }: { account: Pick<AccountJson, "balances" | "currency"> }) {
  const cell = "px-4 py-2 text-right whitespace-nowrap tabular-nums";
  return (
    <>
      <td className={cell}>{formatAmount(account.balances.posted, account.currency)}</td>
      <td className={cell}>{formatAmount(account.balances.pending, account.currency)}</td>
      <td className={`${cell} font-medium`}>
        {formatAmount(account.balances.available, account.currency)}
      </td>
    </>
  );
}
