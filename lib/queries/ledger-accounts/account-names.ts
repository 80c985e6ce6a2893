import "server-only";
import { prisma } from "@/lib/db";
import { ACCOUNT_KIND_LABELS, type AccountKind } from "@/lib/domain/ledger/accounts";

export type AccountName = {
  id: string;
  name: string;
  kind: AccountKind;
  kindName: string;
  customerId: string | null;
};

/**
 * The names of the merchant's accounts a process touches, for its detail page. Names only: the
 * balances stay behind each account's own page and scope.
 */
export async function accountNamesOf(
  merchantId: string,
  ids: readonly string[],
): Promise<Map<string, AccountName>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await prisma.ledgerAccount.findMany({
    where: { merchantId, id: { in: unique } },
    select: { id: true, name: true, kind: true, customerId: true },
  });
  return new Map(
    rows.map((row) => {
      const kind = row.kind as AccountKind;
      return [
        row.id,
        {
          id: row.id,
          name: row.name,
          kind,
          kindName: ACCOUNT_KIND_LABELS[kind],
          customerId: row.customerId,
        },
      ];
    }),
  );
}
