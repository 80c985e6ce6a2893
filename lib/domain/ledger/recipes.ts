import { isCurrencyCode } from "@/lib/domain/money/currency";
import { formatMoney } from "@/lib/domain/money/money";
import {
  ACCOUNT_KIND_LABELS,
  type AccountSnapshot,
  applyDelta,
  availableBalance,
  type Balances,
  violatesLimits,
} from "./accounts";
import type { AccountRole, ProcessTypeDefinition } from "./catalogue";
import { type LedgerRefusal, ledgerRefusal } from "./refusals";
import { balanceDeltas, MAX_TRANSFERS_PER_PROCESS, type TransferKind } from "./transfers";

/**
 * Posting recipes: which transfers a process makes, from its type's legs and the accounts the
 * service resolved. Pure; the one writer (lib/services/ledger) writes what these return.
 */

export type ResolvedAccounts = Partial<Record<AccountRole, AccountSnapshot>>;

export type ProcessAmounts = {
  /** The process amount, in the source's currency's minor units. */
  readonly amount: bigint;
  /** A fee taken from the source on top of the amount (0 for none). */
  readonly fee: bigint;
  /** The exchanged amount credited in the counter currency (exchange only, else 0). */
  readonly counter: bigint;
};

export type PlannedTransfer = {
  readonly seq: number;
  readonly kind: TransferKind;
  readonly debit: AccountSnapshot;
  readonly credit: AccountSnapshot;
  readonly amount: bigint;
  /** The hold a resolving transfer resolves. */
  readonly pending?: PlannedHold;
  readonly expiresAt?: Date | null;
};

export type Plan = { readonly ok: true; readonly transfers: readonly PlannedTransfer[] };

function describeAccount(account: AccountSnapshot): string {
  return `${ACCOUNT_KIND_LABELS[account.kind].toLowerCase()} ${account.id}`;
}

function amountText(minor: bigint, currency: string): string {
  return isCurrencyCode(currency)
    ? formatMoney({ minor, currency })
    : `${minor} minor units of ${currency}`;
}

/**
 * Checks that the transfers can be applied in order without breaking an account's limit, the way
 * the CHECK constraints would, and names the account that would be overdrawn.
 */
export function checkFunds(transfers: readonly PlannedTransfer[]): { ok: true } | LedgerRefusal {
  const balances = new Map<string, Balances>();
  const current = (account: AccountSnapshot) => balances.get(account.id) ?? account.balances;
  for (const transfer of transfers) {
    const deltas = balanceDeltas(transfer.kind, transfer.amount, transfer.pending?.amount ?? 0n);
    for (const [account, delta] of [
      [transfer.debit, deltas.debit],
      [transfer.credit, deltas.credit],
    ] as const) {
      const before = current(account);
      const after = applyDelta(before, delta);
      if (violatesLimits(account, after)) {
        const available = availableBalance(account.kind, account.balances);
        // What the process takes from the account in all (an amount and its fee, several legs),
        // not only the transfer that crossed the limit.
        const needed = available - availableBalance(account.kind, after);
        return ledgerRefusal(
          "insufficient_funds",
          `The ${describeAccount(account)} has ${amountText(available, account.currency)} available, not enough for ${amountText(needed, account.currency)}.`,
          { accountId: account.id, available: available.toString() },
        );
      }
      balances.set(account.id, after);
    }
  }
  return { ok: true };
}

/**
 * The first session of a process: its legs as posted transfers (single-session) or holds
 * (distributed), checked for currency, status, count and funds.
 */
export function planOpening(
  definition: ProcessTypeDefinition,
  accounts: ResolvedAccounts,
  amounts: ProcessAmounts,
  options: { hold: boolean; expiresAt?: Date | null },
): Plan | LedgerRefusal {
  if (amounts.amount <= 0n) {
    return ledgerRefusal("validation_error", "The amount must be greater than zero.");
  }
  if (amounts.fee < 0n) return ledgerRefusal("validation_error", "The fee cannot be negative.");
  if (amounts.fee > 0n && !definition.feeAllowed) {
    return ledgerRefusal("validation_error", `A ${definition.uiName} process takes no fee.`);
  }
  const legs = [...definition.legs];
  if (amounts.fee > 0n) legs.push({ debit: "source", credit: "fees", amount: "fee" });
  if (legs.length > MAX_TRANSFERS_PER_PROCESS) {
    return ledgerRefusal(
      "validation_error",
      `A process has at most ${MAX_TRANSFERS_PER_PROCESS} transfers.`,
    );
  }
  const transfers: PlannedTransfer[] = [];
  for (const [index, leg] of legs.entries()) {
    const debit = accounts[leg.debit];
    const credit = accounts[leg.credit];
    if (!debit || !credit) {
      throw new Error(
        `${definition.code}: the ${!debit ? leg.debit : leg.credit} account is missing`,
      );
    }
    if (debit.id === credit.id) {
      return ledgerRefusal(
        "validation_error",
        "The source and the destination are the same account.",
      );
    }
    for (const account of [debit, credit]) {
      if (account.status !== "active") {
        return ledgerRefusal("account_closed", `The ${describeAccount(account)} is closed.`, {
          accountId: account.id,
        });
      }
    }
    if (debit.currency !== credit.currency) {
      return ledgerRefusal(
        "currency_mismatch",
        `The ${describeAccount(debit)} is in ${debit.currency} and the ${describeAccount(credit)} in ${credit.currency}.`,
      );
    }
    const amount =
      leg.amount === "amount"
        ? amounts.amount
        : leg.amount === "fee"
          ? amounts.fee
          : amounts.counter;
    if (amount <= 0n) {
      return ledgerRefusal(
        "validation_error",
        "Every amount of the process must be greater than zero.",
      );
    }
    transfers.push({
      seq: index + 1,
      kind: options.hold ? "pending" : "posted",
      debit,
      credit,
      amount,
      ...(options.hold ? { expiresAt: options.expiresAt ?? null } : {}),
    });
  }
  const funds = checkFunds(transfers);
  return funds.ok ? { ok: true, transfers } : funds;
}

/** A hold as the writer reads it back: the pending transfer and whether something resolved it. */
export type PlannedHold = {
  readonly id: string;
  readonly debit: AccountSnapshot;
  readonly credit: AccountSnapshot;
  readonly amount: bigint;
  readonly expiresAt: Date | null;
  readonly resolved: boolean;
};

export type Resolution = "post" | "void" | "expire";

export function isHoldExpired(hold: Pick<PlannedHold, "expiresAt">, now: Date): boolean {
  return hold.expiresAt !== null && hold.expiresAt.getTime() <= now.getTime();
}

/**
 * The second session: post (capture; `captureAmount` may take part of the first hold, the rest is
 * released), void (release) or expire (the expiry job's release of holds whose time is up).
 * `firstSeq` is the next free seq of the process that will hold the transfers.
 */
export function planResolution(
  holds: readonly PlannedHold[],
  resolution: Resolution,
  options: { now: Date; firstSeq: number; captureAmount?: bigint },
): Plan | LedgerRefusal {
  if (holds.length === 0) return ledgerRefusal("invalid_state", "The process holds nothing.");
  if (holds.some((hold) => hold.resolved)) {
    return ledgerRefusal("invalid_state", "The process's hold has already been resolved.");
  }
  const expired = holds.some((hold) => isHoldExpired(hold, options.now));
  // The trigger refuses to expire a hold before its time, and to post or void one after it.
  if (resolution === "expire" && !holds.every((hold) => isHoldExpired(hold, options.now))) {
    return ledgerRefusal("invalid_state", "The hold has not expired yet.");
  }
  if (resolution !== "expire" && expired) {
    return ledgerRefusal(
      "hold_expired",
      "The hold has expired: it can no longer be captured or released by hand; the expiry job releases it.",
    );
  }
  if (options.firstSeq + holds.length - 1 > MAX_TRANSFERS_PER_PROCESS) {
    return ledgerRefusal(
      "validation_error",
      `A process has at most ${MAX_TRANSFERS_PER_PROCESS} transfers.`,
    );
  }
  const capture = options.captureAmount;
  if (resolution === "post" && capture !== undefined) {
    const first = holds[0];
    if (capture <= 0n || (first && capture > first.amount)) {
      return ledgerRefusal(
        "validation_error",
        `The amount to capture must be greater than zero and at most the held ${first ? amountText(first.amount, first.debit.currency) : ""}.`.trim(),
      );
    }
  }
  const kind: TransferKind =
    resolution === "post"
      ? "post_pending"
      : resolution === "void"
        ? "void_pending"
        : "expire_pending";
  const transfers = holds.map((hold, index) => ({
    seq: options.firstSeq + index,
    kind,
    debit: hold.debit,
    credit: hold.credit,
    amount: resolution === "post" && index === 0 && capture !== undefined ? capture : hold.amount,
    pending: hold,
  }));
  const funds = checkFunds(transfers);
  return funds.ok ? { ok: true, transfers } : funds;
}
