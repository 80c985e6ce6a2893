/**
 * Ledger accounts ("coins") and their balances. Pure: the same rules stand in the database as
 * CHECK constraints (migration 20261202010000_ledger); this module lets a service refuse with a
 * message a person can act on before the constraint would.
 *
 * A transfer moves value from its debit account to its credit account. Accounts that hold value for
 * someone (a customer's coin, voucher or deposit, the merchant's coin, the fees and exchange-reserve
 * accounts) are credit-normal: what they hold is credits - debits. A cash desk holds physical cash:
 * debit-normal, what it holds is debits - credits. Provider clearing and bank accounts stand for
 * money outside the system and may go either way.
 */

export const ACCOUNT_KINDS = [
  "client_coin",
  "prepaid_voucher",
  "deposit_coin",
  "merchant_coin",
  "provider_clearing",
  "bank",
  "cash_desk",
  "exchange_reserve",
  "fees",
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** Kinds owned by a customer (the account row then names the customer). */
export const CLIENT_ACCOUNT_KINDS = [
  "client_coin",
  "prepaid_voucher",
  "deposit_coin",
] as const satisfies readonly AccountKind[];

export const ACCOUNT_KIND_LABELS: Record<AccountKind, string> = {
  client_coin: "Client coin",
  prepaid_voucher: "Prepaid voucher",
  deposit_coin: "Deposit coin",
  merchant_coin: "Merchant coin",
  provider_clearing: "Provider clearing",
  bank: "Bank",
  cash_desk: "Cash desk",
  exchange_reserve: "Exchange reserve",
  fees: "Fees",
};

export const ACCOUNT_STATUSES = ["active", "closed"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** TigerBeetle's two balance limits; at most one per account. */
export type AccountFlags = {
  readonly debitsMustNotExceedCredits: boolean;
  readonly creditsMustNotExceedDebits: boolean;
};

const NO_OVERDRAFT: AccountFlags = {
  debitsMustNotExceedCredits: true,
  creditsMustNotExceedDebits: false,
};
const CASH_HELD: AccountFlags = {
  debitsMustNotExceedCredits: false,
  creditsMustNotExceedDebits: true,
};
const OUTSIDE: AccountFlags = {
  debitsMustNotExceedCredits: false,
  creditsMustNotExceedDebits: false,
};

/**
 * The limit each kind carries. The merchant coin carries none: a card refund is done at the
 * gateway before it is posted, so the ledger records it even when it leaves the merchant short.
 */
export const ACCOUNT_KIND_FLAGS: Record<AccountKind, AccountFlags> = {
  client_coin: NO_OVERDRAFT,
  prepaid_voucher: NO_OVERDRAFT,
  deposit_coin: NO_OVERDRAFT,
  exchange_reserve: NO_OVERDRAFT,
  fees: NO_OVERDRAFT,
  merchant_coin: OUTSIDE,
  provider_clearing: OUTSIDE,
  bank: OUTSIDE,
  cash_desk: CASH_HELD,
};

/** Which side of the ledger the account belongs to, for the viewer scopes. */
export function isClientAccountKind(kind: AccountKind): boolean {
  return (CLIENT_ACCOUNT_KINDS as readonly AccountKind[]).includes(kind);
}

/** Kinds of which a merchant has one per currency (provider clearing: one per gateway). */
export const SINGLE_PER_CURRENCY_KINDS = [
  "merchant_coin",
  "bank",
  "exchange_reserve",
  "fees",
] as const satisfies readonly AccountKind[];

export type Balances = {
  readonly debitsPending: bigint;
  readonly debitsPosted: bigint;
  readonly creditsPending: bigint;
  readonly creditsPosted: bigint;
};

export const ZERO_BALANCES: Balances = {
  debitsPending: 0n,
  debitsPosted: 0n,
  creditsPending: 0n,
  creditsPosted: 0n,
};

export type AccountSnapshot = AccountFlags & {
  readonly id: string;
  readonly kind: AccountKind;
  readonly currency: string;
  readonly status: AccountStatus;
  readonly customerId: string | null;
  readonly balances: Balances;
};

/** Whether the account holds value as credits (true) or as debits (a cash desk). */
export function isCreditNormal(kind: AccountKind): boolean {
  return kind !== "cash_desk" && kind !== "provider_clearing" && kind !== "bank";
}

/** Posted balance on the account's normal side. */
export function postedBalance(kind: AccountKind, b: Balances): bigint {
  return isCreditNormal(kind) ? b.creditsPosted - b.debitsPosted : b.debitsPosted - b.creditsPosted;
}

/** What may still leave the account: posted balance minus holds against it. */
export function availableBalance(kind: AccountKind, b: Balances): bigint {
  return isCreditNormal(kind)
    ? b.creditsPosted - b.debitsPosted - b.debitsPending
    : b.debitsPosted - b.creditsPosted - b.creditsPending;
}

/** The four columns a change of balances adds (each delta may be negative). */
export type BalanceDelta = Balances;

export function applyDelta(b: Balances, d: BalanceDelta): Balances {
  return {
    debitsPending: b.debitsPending + d.debitsPending,
    debitsPosted: b.debitsPosted + d.debitsPosted,
    creditsPending: b.creditsPending + d.creditsPending,
    creditsPosted: b.creditsPosted + d.creditsPosted,
  };
}

/** The same test as the database's CHECK constraints: non-negative columns and the limit flag. */
export function violatesLimits(flags: AccountFlags, b: Balances): boolean {
  if (
    b.debitsPending < 0n ||
    b.debitsPosted < 0n ||
    b.creditsPending < 0n ||
    b.creditsPosted < 0n
  ) {
    return true;
  }
  if (flags.debitsMustNotExceedCredits && b.debitsPending + b.debitsPosted > b.creditsPosted) {
    return true;
  }
  if (flags.creditsMustNotExceedDebits && b.creditsPending + b.creditsPosted > b.debitsPosted) {
    return true;
  }
  return false;
}
