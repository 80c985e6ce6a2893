import { describe, expect, it } from "vitest";
import {
  ACCOUNT_KIND_FLAGS,
  ACCOUNT_KIND_LABELS,
  ACCOUNT_KINDS,
  type AccountFlags,
  type AccountKind,
  applyDelta,
  availableBalance,
  type Balances,
  isClientAccountKind,
  isCreditNormal,
  postedBalance,
  violatesLimits,
  ZERO_BALANCES,
} from "./accounts";

const CREDIT_NORMAL: AccountKind[] = [
  "client_coin",
  "prepaid_voucher",
  "deposit_coin",
  "merchant_coin",
  "exchange_reserve",
  "fees",
];
const DEBIT_NORMAL: AccountKind[] = ["provider_clearing", "bank", "cash_desk"];

const NONE: AccountFlags = { debitsMustNotExceedCredits: false, creditsMustNotExceedDebits: false };
const NO_OVERDRAFT: AccountFlags = {
  debitsMustNotExceedCredits: true,
  creditsMustNotExceedDebits: false,
};
const CASH_HELD: AccountFlags = {
  debitsMustNotExceedCredits: false,
  creditsMustNotExceedDebits: true,
};

const b = (
  debitsPending: bigint,
  debitsPosted: bigint,
  creditsPending: bigint,
  creditsPosted: bigint,
): Balances => ({
  debitsPending,
  debitsPosted,
  creditsPending,
  creditsPosted,
});

describe("account kinds", () => {
  it("are the nine of the issue, each labelled", () => {
    expect([...ACCOUNT_KINDS].sort()).toEqual([...CREDIT_NORMAL, ...DEBIT_NORMAL].sort());
    expect(Object.keys(ACCOUNT_KIND_LABELS).sort()).toEqual([...ACCOUNT_KINDS].sort());
  });

  it.each(CREDIT_NORMAL)("%s holds value as credits", (kind) => {
    expect(isCreditNormal(kind)).toBe(true);
  });

  it.each(DEBIT_NORMAL)("%s holds value as debits", (kind) => {
    expect(isCreditNormal(kind)).toBe(false);
  });

  it("puts the customer's coins, vouchers and deposits on the client side, the rest on the system side", () => {
    for (const kind of ACCOUNT_KINDS) {
      expect(isClientAccountKind(kind)).toBe(
        ["client_coin", "prepaid_voucher", "deposit_coin"].includes(kind),
      );
    }
  });

  it("gives each kind its limit flag: no overdraft for held value, cash held for a desk, none for the rest", () => {
    expect(ACCOUNT_KIND_FLAGS).toEqual({
      client_coin: NO_OVERDRAFT,
      prepaid_voucher: NO_OVERDRAFT,
      deposit_coin: NO_OVERDRAFT,
      exchange_reserve: NO_OVERDRAFT,
      fees: NO_OVERDRAFT,
      merchant_coin: NONE,
      provider_clearing: NONE,
      bank: NONE,
      cash_desk: CASH_HELD,
    });
    for (const kind of ACCOUNT_KINDS) {
      const flags = ACCOUNT_KIND_FLAGS[kind];
      expect(flags.debitsMustNotExceedCredits && flags.creditsMustNotExceedDebits).toBe(false);
    }
  });
});

describe("balances", () => {
  const sample = b(3n, 20n, 5n, 100n);

  it.each(CREDIT_NORMAL)(
    "%s: posted = credits - debits, available also minus pending debits",
    (kind) => {
      expect(postedBalance(kind, sample)).toBe(80n);
      expect(availableBalance(kind, sample)).toBe(77n);
      expect(postedBalance(kind, ZERO_BALANCES)).toBe(0n);
      expect(availableBalance(kind, ZERO_BALANCES)).toBe(0n);
    },
  );

  it.each(DEBIT_NORMAL)(
    "%s: posted = debits - credits, available also minus pending credits",
    (kind) => {
      const desk = b(5n, 100n, 3n, 20n);
      expect(postedBalance(kind, desk)).toBe(80n);
      expect(availableBalance(kind, desk)).toBe(77n);
      expect(postedBalance(kind, sample)).toBe(-80n);
      expect(availableBalance(kind, sample)).toBe(-85n);
    },
  );

  it("does not count pending credits as available on a coin (money not yet arrived)", () => {
    expect(availableBalance("client_coin", b(0n, 0n, 500n, 0n))).toBe(0n);
  });

  it("applies a delta to each column, negative deltas included", () => {
    expect(applyDelta(b(10n, 20n, 30n, 40n), b(-10n, 5n, -1n, 0n))).toEqual(b(0n, 25n, 29n, 40n));
  });
});

describe("violatesLimits", () => {
  it("accepts zero balances under every flag", () => {
    for (const flags of [NONE, NO_OVERDRAFT, CASH_HELD])
      expect(violatesLimits(flags, ZERO_BALANCES)).toBe(false);
  });

  it.each([
    ["debitsPending", b(-1n, 0n, 0n, 10n)],
    ["debitsPosted", b(0n, -1n, 0n, 10n)],
    ["creditsPending", b(0n, 0n, -1n, 10n)],
    ["creditsPosted", b(0n, 0n, 0n, -1n)],
  ])("refuses a negative %s under any flag", (_column, balances) => {
    for (const flags of [NONE, NO_OVERDRAFT, CASH_HELD])
      expect(violatesLimits(flags, balances)).toBe(true);
  });

  it("no overdraft: pending and posted debits up to posted credits, not a unit more", () => {
    expect(violatesLimits(NO_OVERDRAFT, b(40n, 60n, 0n, 100n))).toBe(false);
    expect(violatesLimits(NO_OVERDRAFT, b(41n, 60n, 0n, 100n))).toBe(true);
    expect(violatesLimits(NO_OVERDRAFT, b(0n, 101n, 0n, 100n))).toBe(true);
    // Pending credits are not yet there.
    expect(violatesLimits(NO_OVERDRAFT, b(0n, 101n, 1000n, 100n))).toBe(true);
    // The other direction is not limited.
    expect(violatesLimits(NO_OVERDRAFT, b(0n, 0n, 500n, 100n))).toBe(false);
  });

  it("cash held: pending and posted credits up to posted debits, not a unit more", () => {
    expect(violatesLimits(CASH_HELD, b(0n, 100n, 40n, 60n))).toBe(false);
    expect(violatesLimits(CASH_HELD, b(0n, 100n, 41n, 60n))).toBe(true);
    expect(violatesLimits(CASH_HELD, b(0n, 100n, 0n, 101n))).toBe(true);
    expect(violatesLimits(CASH_HELD, b(1000n, 100n, 0n, 101n))).toBe(true);
    expect(violatesLimits(CASH_HELD, b(500n, 100n, 0n, 0n))).toBe(false);
  });

  it("no flag: either side may exceed the other", () => {
    expect(violatesLimits(NONE, b(0n, 1000n, 0n, 0n))).toBe(false);
    expect(violatesLimits(NONE, b(0n, 0n, 500n, 1000n))).toBe(false);
  });
});
