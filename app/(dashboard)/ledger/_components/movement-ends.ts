import {
  type AccountRole,
  type ProcessType,
  processTypeDefinition,
} from "@/lib/domain/ledger/catalogue";
import type { AccountName } from "@/lib/queries/ledger-accounts/account-names";

const ROLE_NAMES: Record<AccountRole, string> = {
  source: "the source account",
  destination: "the destination account",
  provider: "the provider's clearing account",
  bank: "the bank account",
  merchant: "the merchant coin",
  fees: "the fees account",
  reserve: "the exchange reserve",
  counter_reserve: "the counter currency's exchange reserve",
};

/**
 * The two accounts a confirmation names ("This captures 3.000 KWD from X to Y"): those of the hold
 * for a pending process, else the first leg of the type's recipe, with the accounts recorded on
 * the process or what the role stands for.
 */
export function movementEnds(
  process: {
    type: ProcessType;
    sourceAccountId: string | null;
    destinationAccountId: string | null;
    transactions?: readonly { kind: string; debitAccountId: string; creditAccountId: string }[];
  },
  accounts: ReadonlyMap<string, AccountName>,
): [from: string, to: string] {
  const name = (id: string | null | undefined) => (id ? accounts.get(id)?.name : undefined);
  const hold = process.transactions?.find((t) => t.kind === "pending");
  if (hold)
    return [
      name(hold.debitAccountId) ?? ROLE_NAMES.source,
      name(hold.creditAccountId) ?? ROLE_NAMES.destination,
    ];
  const leg = processTypeDefinition(process.type).legs[0];
  if (!leg) return ["—", "—"];
  const of = (role: AccountRole) =>
    (role === "source" ? name(process.sourceAccountId) : undefined) ??
    (role === "destination" ? name(process.destinationAccountId) : undefined) ??
    ROLE_NAMES[role];
  return [of(leg.debit), of(leg.credit)];
}
