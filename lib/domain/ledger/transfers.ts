import type { BalanceDelta } from "./accounts";

/**
 * Atomic transfers. `posted` moves value at once; `pending` holds it (both sides' pending columns);
 * `post_pending` captures all or part of a hold and releases the rest; `void_pending` releases it;
 * `expire_pending` is the release the expiry job writes once a hold's time is up (TigerBeetle does
 * this inside; we record it, so that every balance stays the sum of its transfers).
 */
export const TRANSFER_KINDS = [
  "posted",
  "pending",
  "post_pending",
  "void_pending",
  "expire_pending",
] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** The kinds that resolve a hold; a hold is resolved by at most one of them. */
export const RESOLVING_KINDS = [
  "post_pending",
  "void_pending",
  "expire_pending",
] as const satisfies readonly TransferKind[];

/** How long a distributed process's hold lasts unless the caller says otherwise. */
export const DEFAULT_HOLD_SECONDS = 7 * 24 * 3600;

/** A process groups at most this many transfers (seq 1..8). */
export const MAX_TRANSFERS_PER_PROCESS = 8;

export function isResolvingKind(kind: TransferKind): boolean {
  return (RESOLVING_KINDS as readonly TransferKind[]).includes(kind);
}

const ZERO: BalanceDelta = {
  debitsPending: 0n,
  debitsPosted: 0n,
  creditsPending: 0n,
  creditsPosted: 0n,
};

/**
 * What a transfer adds to its debit and its credit account. `holdAmount` is the amount of the
 * hold a resolving transfer resolves. The trigger ledger_transfer_apply does the same in SQL.
 */
export function balanceDeltas(
  kind: TransferKind,
  amount: bigint,
  holdAmount = 0n,
): { debit: BalanceDelta; credit: BalanceDelta } {
  switch (kind) {
    case "posted":
      return {
        debit: { ...ZERO, debitsPosted: amount },
        credit: { ...ZERO, creditsPosted: amount },
      };
    case "pending":
      return {
        debit: { ...ZERO, debitsPending: amount },
        credit: { ...ZERO, creditsPending: amount },
      };
    case "post_pending":
      return {
        debit: { ...ZERO, debitsPending: -holdAmount, debitsPosted: amount },
        credit: { ...ZERO, creditsPending: -holdAmount, creditsPosted: amount },
      };
    case "void_pending":
    case "expire_pending":
      return {
        debit: { ...ZERO, debitsPending: -holdAmount },
        credit: { ...ZERO, creditsPending: -holdAmount },
      };
  }
}
