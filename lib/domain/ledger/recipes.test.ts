import { describe, expect, it } from "vitest";
import {
  ACCOUNT_KIND_FLAGS,
  type AccountKind,
  type AccountSnapshot,
  applyDelta,
  type Balances,
  ZERO_BALANCES,
} from "./accounts";
import {
  type AccountRole,
  PROCESS_TYPE_DEFINITIONS,
  type ProcessType,
  type ProcessTypeDefinition,
  processTypeDefinition,
} from "./catalogue";
import {
  isHoldExpired,
  type Plan,
  type PlannedHold,
  type PlannedTransfer,
  planOpening,
  planResolution,
  type ResolvedAccounts,
} from "./recipes";
import type { LedgerRefusal } from "./refusals";
import { balanceDeltas } from "./transfers";

// ---- factories -------------------------------------------------------------------------------

let sequence = 0;

/** Whether value sits in the debit columns (a cash desk, a clearing or bank account) or the credits. */
const DEBIT_NORMAL: readonly AccountKind[] = ["cash_desk", "provider_clearing", "bank"];
const CLIENT_KINDS: readonly AccountKind[] = ["client_coin", "prepaid_voucher", "deposit_coin"];

/**
 * An account as the writer reads it. `holding` is the posted balance on the account's normal side
 * (credits for a coin, debits for a cash desk); `balances` overrides the four columns.
 */
function account(
  kind: AccountKind,
  options: {
    holding?: bigint;
    balances?: Partial<Balances>;
    currency?: string;
    status?: "active" | "closed";
    id?: string;
  } = {},
): AccountSnapshot {
  sequence += 1;
  const holding = options.holding ?? 0n;
  const base: Balances = DEBIT_NORMAL.includes(kind)
    ? { ...ZERO_BALANCES, debitsPosted: holding }
    : { ...ZERO_BALANCES, creditsPosted: holding };
  return {
    id: options.id ?? `${kind}-${sequence}`,
    kind,
    currency: options.currency ?? "USD",
    status: options.status ?? "active",
    customerId: CLIENT_KINDS.includes(kind) ? `customer-${sequence}` : null,
    ...ACCOUNT_KIND_FLAGS[kind],
    balances: { ...base, ...options.balances },
  };
}

const RICH = 1_000_000n;

/** The merchant's system accounts, funded where a recipe takes from them. */
function systemAccounts(currency = "USD"): ResolvedAccounts {
  return {
    provider: account("provider_clearing", { currency }),
    bank: account("bank", { currency }),
    merchant: account("merchant_coin", { currency }),
    fees: account("fees", { currency }),
    reserve: account("exchange_reserve", { currency, holding: RICH }),
  };
}

function isRefusal(result: Plan | LedgerRefusal): result is LedgerRefusal {
  return !result.ok;
}

function transfersOf(result: Plan | LedgerRefusal): readonly PlannedTransfer[] {
  if (isRefusal(result)) throw new Error(`refused: ${result.code} ${result.message}`);
  return result.transfers;
}

function refusalOf(result: Plan | LedgerRefusal): LedgerRefusal {
  if (!isRefusal(result)) throw new Error("expected a refusal");
  return result;
}

const amounts = (amount: bigint, fee = 0n, counter = 0n) => ({ amount, fee, counter });
const POST = { hold: false } as const;
const HOLD = { hold: true, expiresAt: new Date("2026-12-03T00:00:00Z") } as const;

// ---- the recipes, written out by hand --------------------------------------------------------

type Expectation = {
  /** The caller's source and destination kinds (null: the type takes none). */
  source: AccountKind | null;
  destination: AccountKind | null;
  /** Each leg as [debited role, credited role, which amount]. */
  legs: [AccountRole, AccountRole, "amount" | "counter"][];
  /** Distributed: the first session holds. */
  hold: boolean;
  fee: boolean;
};

const RECIPES: Record<
  Exclude<ProcessType, "client_transaction_issue" | "gate_reversal">,
  Expectation
> = {
  gate_redeem: {
    source: "client_coin",
    destination: null,
    legs: [["source", "provider", "amount"]],
    hold: true,
    fee: true,
  },
  client_transaction_transfer: {
    source: "client_coin",
    destination: "client_coin",
    legs: [["source", "destination", "amount"]],
    hold: false,
    fee: true,
  },
  client_create_prepaid: {
    source: "client_coin",
    destination: "prepaid_voucher",
    legs: [["source", "destination", "amount"]],
    hold: false,
    fee: true,
  },
  client_charge_prepaid: {
    source: "prepaid_voucher",
    destination: "client_coin",
    legs: [["source", "destination", "amount"]],
    hold: false,
    fee: false,
  },
  merchant_payment: {
    source: "client_coin",
    destination: null,
    legs: [["source", "merchant", "amount"]],
    hold: false,
    fee: false,
  },
  merchant_invoice: {
    source: "deposit_coin",
    destination: null,
    legs: [["source", "merchant", "amount"]],
    hold: false,
    fee: false,
  },
  gate_charge: {
    source: null,
    destination: "client_coin",
    legs: [["provider", "destination", "amount"]],
    hold: false,
    fee: false,
  },
  gate_purchase: {
    source: "client_coin",
    destination: null,
    legs: [["source", "provider", "amount"]],
    hold: false,
    fee: true,
  },
  gate_issue_card: {
    source: "client_coin",
    destination: null,
    legs: [["source", "provider", "amount"]],
    hold: false,
    fee: true,
  },
  exchange_transaction: {
    source: "client_coin",
    destination: "client_coin",
    legs: [
      ["source", "reserve", "amount"],
      ["counter_reserve", "destination", "counter"],
    ],
    hold: false,
    fee: false,
  },
  exchange_reserve_top_up: {
    source: null,
    destination: null,
    legs: [["bank", "reserve", "amount"]],
    hold: false,
    fee: false,
  },
  exchange_reserve_withdraw: {
    source: null,
    destination: null,
    legs: [["reserve", "bank", "amount"]],
    hold: false,
    fee: false,
  },
  cash_desk_redeem: {
    source: "client_coin",
    destination: "cash_desk",
    legs: [["source", "destination", "amount"]],
    hold: true,
    fee: true,
  },
  cash_desk_charge: {
    source: "cash_desk",
    destination: "client_coin",
    legs: [["source", "destination", "amount"]],
    hold: false,
    fee: false,
  },
  cash_investment: {
    source: null,
    destination: "cash_desk",
    legs: [["destination", "bank", "amount"]],
    hold: false,
    fee: false,
  },
  cash_collect: {
    source: "cash_desk",
    destination: "cash_desk",
    legs: [["destination", "source", "amount"]],
    hold: false,
    fee: false,
  },
  cash_input: {
    source: "cash_desk",
    destination: "cash_desk",
    legs: [["destination", "source", "amount"]],
    hold: false,
    fee: false,
  },
  contract_transit: {
    source: "client_coin",
    destination: null,
    legs: [["source", "fees", "amount"]],
    hold: false,
    fee: false,
  },
  bank_topup: {
    source: null,
    destination: "client_coin",
    legs: [["bank", "destination", "amount"]],
    hold: false,
    fee: false,
  },
  bank_redeem: {
    source: "client_coin",
    destination: null,
    legs: [["source", "bank", "amount"]],
    hold: true,
    fee: true,
  },
  gate_card_refund: {
    source: null,
    destination: null,
    legs: [["merchant", "provider", "amount"]],
    hold: false,
    fee: false,
  },
  gate_refund: {
    source: null,
    destination: "client_coin",
    legs: [["provider", "destination", "amount"]],
    hold: false,
    fee: false,
  },
};

const TYPES_WITH_LEGS = Object.keys(RECIPES) as (keyof typeof RECIPES)[];

/**
 * The accounts a service would resolve for the type: the caller's source and destination (funded),
 * the merchant's system accounts in USD and, for an exchange, the counter reserve in KWD.
 */
function accountsFor(type: keyof typeof RECIPES): ResolvedAccounts {
  const expected = RECIPES[type];
  const destinationCurrency = type === "exchange_transaction" ? "KWD" : "USD";
  return {
    ...systemAccounts(),
    ...(expected.source ? { source: account(expected.source, { holding: RICH }) } : {}),
    ...(expected.destination
      ? {
          destination: account(expected.destination, {
            holding: RICH,
            currency: destinationCurrency,
          }),
        }
      : {}),
    counter_reserve: account("exchange_reserve", { currency: "KWD", holding: RICH }),
  };
}

describe("planOpening, every type with legs", () => {
  it("covers every type of the catalogue that moves money", () => {
    const withLegs = PROCESS_TYPE_DEFINITIONS.filter((d) => d.legs.length > 0).map((d) => d.code);
    expect([...withLegs].sort()).toEqual([...TYPES_WITH_LEGS].sort());
  });

  describe.each(TYPES_WITH_LEGS)("%s", (type) => {
    const definition = processTypeDefinition(type);
    const expected = RECIPES[type];
    const options = expected.hold ? HOLD : POST;

    it("is distributed exactly when it holds first", () => {
      expect(definition.mode === "distributed").toBe(expected.hold);
      expect(definition.feeAllowed).toBe(expected.fee);
    });

    it("debits and credits the recipe's accounts, posted or held", () => {
      const accounts = accountsFor(type);
      const transfers = transfersOf(
        planOpening(definition, accounts, amounts(1500n, 0n, 4321n), options),
      );
      expect(transfers).toHaveLength(expected.legs.length);
      expected.legs.forEach(([debit, credit, which], index) => {
        const transfer = transfers[index];
        expect(transfer?.seq).toBe(index + 1);
        expect(transfer?.debit).toBe(accounts[debit]);
        expect(transfer?.credit).toBe(accounts[credit]);
        expect(transfer?.amount).toBe(which === "amount" ? 1500n : 4321n);
        expect(transfer?.kind).toBe(expected.hold ? "pending" : "posted");
        if (expected.hold) expect(transfer?.expiresAt).toEqual(HOLD.expiresAt);
        else expect(transfer).not.toHaveProperty("expiresAt");
      });
    });

    it("posts at once when asked to (a hold only when asked)", () => {
      const transfers = transfersOf(
        planOpening(definition, accountsFor(type), amounts(10n, 0n, 10n), { hold: !expected.hold }),
      );
      for (const t of transfers) expect(t.kind).toBe(expected.hold ? "posted" : "pending");
    });

    if (expected.fee) {
      it("adds the fee as a last leg from the source to the fees account", () => {
        const accounts = accountsFor(type);
        const transfers = transfersOf(
          planOpening(definition, accounts, amounts(1500n, 25n), options),
        );
        expect(transfers).toHaveLength(expected.legs.length + 1);
        const fee = transfers.at(-1);
        expect(fee?.seq).toBe(expected.legs.length + 1);
        expect(fee?.debit).toBe(accounts.source);
        expect(fee?.credit).toBe(accounts.fees);
        expect(fee?.amount).toBe(25n);
        expect(fee?.kind).toBe(expected.hold ? "pending" : "posted");
      });
    } else {
      it("refuses a fee", () => {
        const refusal = refusalOf(
          planOpening(definition, accountsFor(type), amounts(1500n, 1n, 10n), options),
        );
        expect(refusal.code).toBe("validation_error");
        expect(refusal.message).toBe(`A ${definition.uiName} process takes no fee.`);
      });
    }

    it("adds no fee leg for a zero fee", () => {
      const transfers = transfersOf(
        planOpening(definition, accountsFor(type), amounts(7n, 0n, 7n), options),
      );
      expect(
        transfers.some((t) => t.credit.kind === "fees" && t.debit === accountsFor(type).source),
      ).toBe(false);
      expect(transfers).toHaveLength(expected.legs.length);
    });

    it.each([0n, -1n, -1500n])("refuses the amount %s", (amount) => {
      const refusal = refusalOf(
        planOpening(definition, accountsFor(type), amounts(amount, 0n, 10n), options),
      );
      expect(refusal.code).toBe("validation_error");
    });

    it("refuses when any of its accounts is closed, naming it", () => {
      for (const [debit, credit] of expected.legs) {
        for (const role of [debit, credit]) {
          const accounts = accountsFor(type);
          const open = accounts[role];
          if (!open) throw new Error(`no ${role}`);
          const closed = { ...open, status: "closed" as const };
          const refusal = refusalOf(
            planOpening(
              definition,
              { ...accounts, [role]: closed },
              amounts(10n, 0n, 10n),
              options,
            ),
          );
          expect(refusal.code).toBe("account_closed");
          expect(refusal.details).toEqual({ accountId: open.id });
          expect(refusal.message).toContain(open.id);
        }
      }
    });

    it("refuses an account in another currency than the other side of its leg", () => {
      const [debit] = expected.legs[0] ?? [];
      if (!debit) throw new Error("no leg");
      const accounts = accountsFor(type);
      const other = { ...(accounts[debit] as AccountSnapshot), currency: "EUR" };
      const refusal = refusalOf(
        planOpening(definition, { ...accounts, [debit]: other }, amounts(10n, 0n, 10n), options),
      );
      expect(refusal.code).toBe("currency_mismatch");
      expect(refusal.message).toContain("EUR");
    });

    it("refuses the same account on both sides of a leg", () => {
      const [debit, credit] = expected.legs[0] ?? [];
      if (!debit || !credit) throw new Error("no leg");
      const accounts = accountsFor(type);
      const refusal = refusalOf(
        planOpening(
          definition,
          { ...accounts, [credit]: accounts[debit] },
          amounts(10n, 0n, 10n),
          options,
        ),
      );
      expect(refusal.code).toBe("validation_error");
      expect(refusal.message).toMatch(/same account/);
    });

    it("fails loudly (a programming error, not a refusal) when an account it needs is missing", () => {
      const [debit] = expected.legs[0] ?? [];
      if (!debit) throw new Error("no leg");
      const { [debit]: _missing, ...rest } = accountsFor(type);
      expect(() => planOpening(definition, rest, amounts(10n, 0n, 10n), options)).toThrow(
        new RegExp(`${type}: the ${debit} account is missing`),
      );
    });
  });
});

describe("planOpening, funds", () => {
  const transfer = processTypeDefinition("client_transaction_transfer");

  function transferFrom(source: AccountSnapshot, amount: bigint, fee = 0n) {
    return planOpening(
      transfer,
      { source, destination: account("client_coin"), fees: account("fees") },
      amounts(amount, fee),
      POST,
    );
  }

  it("lets a client coin spend exactly what it holds and not a minor unit more", () => {
    expect(transfersOf(transferFrom(account("client_coin", { holding: 500n }), 500n))).toHaveLength(
      1,
    );
    const coin = account("client_coin", { holding: 500n });
    const refusal = refusalOf(transferFrom(coin, 501n));
    expect(refusal.code).toBe("insufficient_funds");
    expect(refusal.details).toEqual({ accountId: coin.id, available: "500" });
    expect(refusal.message).toBe(
      `The client coin ${coin.id} has 5.00 USD available, not enough for 5.01 USD.`,
    );
  });

  it("counts the fee against the source", () => {
    expect(
      transfersOf(transferFrom(account("client_coin", { holding: 500n }), 480n, 20n)),
    ).toHaveLength(2);
    const coin = account("client_coin", { holding: 500n });
    const refusal = refusalOf(transferFrom(coin, 480n, 21n));
    expect(refusal.code).toBe("insufficient_funds");
    expect(refusal.details?.accountId).toBe(coin.id);
    // What the process needs from the account in all (amount and fee), not the fee leg alone.
    expect(refusal.message).toBe(
      `The client coin ${coin.id} has 5.00 USD available, not enough for 5.01 USD.`,
    );
  });

  it("counts held (pending) debits against what is available", () => {
    const held = { creditsPosted: 1000n, debitsPending: 600n };
    expect(
      transfersOf(transferFrom(account("client_coin", { balances: held }), 400n)),
    ).toHaveLength(1);
    const coin = account("client_coin", { balances: held });
    const refusal = refusalOf(transferFrom(coin, 401n));
    expect(refusal.code).toBe("insufficient_funds");
    expect(refusal.details).toEqual({ accountId: coin.id, available: "400" });
  });

  it("does not count pending credits as available", () => {
    const coin = account("client_coin", { balances: { creditsPending: 1000n } });
    expect(refusalOf(transferFrom(coin, 1n)).code).toBe("insufficient_funds");
  });

  it("refuses an empty voucher and an empty deposit coin the same way", () => {
    const voucher = account("prepaid_voucher", { holding: 99n });
    const charge = planOpening(
      processTypeDefinition("client_charge_prepaid"),
      { source: voucher, destination: account("client_coin") },
      amounts(100n),
      POST,
    );
    expect(refusalOf(charge).details?.accountId).toBe(voucher.id);
    const deposit = account("deposit_coin");
    const invoice = planOpening(
      processTypeDefinition("merchant_invoice"),
      { source: deposit, merchant: account("merchant_coin") },
      amounts(1n),
      POST,
    );
    expect(refusalOf(invoice).details?.accountId).toBe(deposit.id);
  });

  it("a hold reserves funds the same way a posted transfer would", () => {
    const redeem = processTypeDefinition("gate_redeem");
    const coin = account("client_coin", { holding: 300n });
    const refusal = refusalOf(
      planOpening(
        redeem,
        { source: coin, provider: account("provider_clearing") },
        amounts(301n),
        HOLD,
      ),
    );
    expect(refusal.code).toBe("insufficient_funds");
    expect(refusal.details?.accountId).toBe(coin.id);
  });

  it("lets a cash desk pay out only the cash it holds (CASH_HELD), naming the desk", () => {
    const redeem = processTypeDefinition("cash_desk_redeem");
    const plan = (desk: AccountSnapshot) =>
      planOpening(
        redeem,
        { source: account("client_coin", { holding: RICH }), destination: desk },
        amounts(300n),
        HOLD,
      );
    expect(transfersOf(plan(account("cash_desk", { holding: 300n })))).toHaveLength(1);
    const desk = account("cash_desk", { holding: 299n });
    const refusal = refusalOf(plan(desk));
    expect(refusal.code).toBe("insufficient_funds");
    expect(refusal.details).toEqual({ accountId: desk.id, available: "299" });
    expect(refusal.message).toContain(`cash desk ${desk.id}`);
  });

  it("counts cash already promised (pending credits) against a cash desk", () => {
    const collect = processTypeDefinition("cash_collect");
    const source = account("cash_desk", {
      balances: { debitsPosted: 1000n, creditsPending: 700n },
    });
    const plan = (amount: bigint) =>
      planOpening(collect, { source, destination: account("cash_desk") }, amounts(amount), POST);
    expect(transfersOf(plan(300n))).toHaveLength(1);
    expect(refusalOf(plan(301n)).details).toEqual({ accountId: source.id, available: "300" });
  });

  it("lets provider clearing, bank and merchant coin go below zero", () => {
    const redeem = planOpening(
      processTypeDefinition("gate_redeem"),
      { source: account("client_coin", { holding: 100n }), provider: account("provider_clearing") },
      amounts(100n),
      HOLD,
    );
    expect(transfersOf(redeem)).toHaveLength(1);
    const bankRedeem = planOpening(
      processTypeDefinition("bank_redeem"),
      { source: account("client_coin", { holding: 100n }), bank: account("bank") },
      amounts(100n),
      HOLD,
    );
    expect(transfersOf(bankRedeem)).toHaveLength(1);
    const cardRefund = planOpening(
      processTypeDefinition("gate_card_refund"),
      { merchant: account("merchant_coin"), provider: account("provider_clearing") },
      amounts(5_000n),
      POST,
    );
    expect(transfersOf(cardRefund)).toHaveLength(1);
    const investment = planOpening(
      processTypeDefinition("cash_investment"),
      { destination: account("cash_desk"), bank: account("bank") },
      amounts(5_000n),
      POST,
    );
    expect(transfersOf(investment)).toHaveLength(1);
  });

  it("refuses an exchange reserve's withdrawal beyond what it holds (NO_OVERDRAFT)", () => {
    const reserve = account("exchange_reserve", { holding: 10n });
    const refusal = refusalOf(
      planOpening(
        processTypeDefinition("exchange_reserve_withdraw"),
        { reserve, bank: account("bank") },
        amounts(11n),
        POST,
      ),
    );
    expect(refusal.details?.accountId).toBe(reserve.id);
  });

  it("refuses an exchange the counter reserve cannot pay, naming the counter reserve", () => {
    const counter = account("exchange_reserve", { currency: "KWD", holding: 3_249n });
    const plan = (counterAmount: bigint) =>
      planOpening(
        processTypeDefinition("exchange_transaction"),
        {
          source: account("client_coin", { holding: 1000n }),
          reserve: account("exchange_reserve"),
          counter_reserve: counter,
          destination: account("client_coin", { currency: "KWD" }),
        },
        amounts(1000n, 0n, counterAmount),
        POST,
      );
    expect(transfersOf(plan(3_249n))).toHaveLength(2);
    const refusal = refusalOf(plan(3_250n));
    expect(refusal.details?.accountId).toBe(counter.id);
    expect(refusal.message).toContain("3.249 KWD available");
  });

  it("refuses an exchange without a counter amount", () => {
    const refusal = refusalOf(
      planOpening(
        processTypeDefinition("exchange_transaction"),
        accountsFor("exchange_transaction"),
        amounts(10n),
        POST,
      ),
    );
    expect(refusal.code).toBe("validation_error");
    expect(refusal.message).toMatch(/Every amount/);
  });

  it("refuses a currency mismatch on the exchange's second leg", () => {
    const accounts = {
      ...accountsFor("exchange_transaction"),
      destination: account("client_coin", { currency: "EUR" }),
    };
    const refusal = refusalOf(
      planOpening(
        processTypeDefinition("exchange_transaction"),
        accounts,
        amounts(10n, 0n, 30n),
        POST,
      ),
    );
    expect(refusal.code).toBe("currency_mismatch");
  });

  it("refuses a negative fee", () => {
    const refusal = refusalOf(transferFrom(account("client_coin", { holding: RICH }), 10n, -1n));
    expect(refusal.code).toBe("validation_error");
    expect(refusal.message).toMatch(/fee cannot be negative/);
  });
});

describe("planOpening, at most 8 transfers", () => {
  const wide = (legs: number): ProcessTypeDefinition => ({
    ...processTypeDefinition("client_transaction_transfer"),
    legs: Array.from({ length: legs }, () => ({
      debit: "source" as const,
      credit: "destination" as const,
      amount: "amount" as const,
    })),
  });
  const accounts = () => ({
    source: account("client_coin", { holding: RICH }),
    destination: account("client_coin"),
    fees: account("fees"),
  });

  it("plans 8 transfers, numbered 1..8", () => {
    const transfers = transfersOf(planOpening(wide(7), accounts(), amounts(10n, 1n), POST));
    expect(transfers.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("refuses a fee that would be the 9th transfer", () => {
    const refusal = refusalOf(planOpening(wide(8), accounts(), amounts(10n, 1n), POST));
    expect(refusal.code).toBe("validation_error");
    expect(refusal.message).toBe("A process has at most 8 transfers.");
    expect(transfersOf(planOpening(wide(8), accounts(), amounts(10n), POST))).toHaveLength(8);
  });

  it("refuses 9 legs", () => {
    expect(refusalOf(planOpening(wide(9), accounts(), amounts(10n), POST)).code).toBe(
      "validation_error",
    );
  });

  it("checks funds across all transfers of the process, not each alone", () => {
    const source = account("client_coin", { holding: 80n });
    const plan = planOpening(wide(8), { ...accounts(), source }, amounts(10n), POST);
    expect(transfersOf(plan)).toHaveLength(8);
    const refusal = refusalOf(planOpening(wide(8), { ...accounts(), source }, amounts(11n), POST));
    expect(refusal.details?.accountId).toBe(source.id);
    expect(refusal.details?.available).toBe("80");
    expect(refusal.message).toContain("has 0.80 USD available, not enough for 0.88 USD");
  });
});

// ---- the second session ----------------------------------------------------------------------

const NOW = new Date("2026-12-02T12:00:00Z");
const LATER = new Date("2026-12-02T13:00:00Z");

/** Applies a plan's transfers to its accounts, as the trigger would, and returns the new snapshots. */
function applied(transfers: readonly PlannedTransfer[]): Map<string, AccountSnapshot> {
  const after = new Map<string, AccountSnapshot>();
  for (const t of transfers) {
    const deltas = balanceDeltas(t.kind, t.amount, t.pending?.amount ?? 0n);
    for (const [side, delta] of [
      [t.debit, deltas.debit],
      [t.credit, deltas.credit],
    ] as const) {
      const current = after.get(side.id) ?? side;
      after.set(side.id, { ...current, balances: applyDelta(current.balances, delta) });
    }
  }
  return after;
}

/** A gate redeem of 1000 with a fee of 50, held until `expiresAt`, as the writer reads it back. */
function heldRedeem(expiresAt: Date | null = LATER) {
  const coin = account("client_coin", { holding: 1050n });
  const provider = account("provider_clearing");
  const fees = account("fees");
  const opening = transfersOf(
    planOpening(
      processTypeDefinition("gate_redeem"),
      { source: coin, provider, fees },
      amounts(1000n, 50n),
      { hold: true, expiresAt },
    ),
  );
  const after = applied(opening);
  const holds: PlannedHold[] = opening.map((t, index) => ({
    id: `hold-${index + 1}`,
    debit: after.get(t.debit.id) as AccountSnapshot,
    credit: after.get(t.credit.id) as AccountSnapshot,
    amount: t.amount,
    expiresAt: t.expiresAt ?? null,
    resolved: false,
  }));
  return { coin, provider, fees, holds };
}

describe("planResolution", () => {
  it("posts every hold in full, numbered from firstSeq", () => {
    const { holds } = heldRedeem();
    const transfers = transfersOf(planResolution(holds, "post", { now: NOW, firstSeq: 3 }));
    expect(transfers.map((t) => [t.seq, t.kind, t.amount, t.pending?.id])).toEqual([
      [3, "post_pending", 1000n, "hold-1"],
      [4, "post_pending", 50n, "hold-2"],
    ]);
    expect(transfers.map((t) => [t.debit.kind, t.credit.kind])).toEqual([
      ["client_coin", "provider_clearing"],
      ["client_coin", "fees"],
    ]);
  });

  it("captures part of the first hold and the other holds in full", () => {
    const { holds } = heldRedeem();
    const transfers = transfersOf(
      planResolution(holds, "post", { now: NOW, firstSeq: 3, captureAmount: 600n }),
    );
    expect(transfers.map((t) => [t.kind, t.amount, t.pending?.amount])).toEqual([
      ["post_pending", 600n, 1000n],
      ["post_pending", 50n, 50n],
    ]);
  });

  it("captures the whole hold when asked for exactly its amount", () => {
    const { holds } = heldRedeem();
    const transfers = transfersOf(
      planResolution(holds, "post", { now: NOW, firstSeq: 3, captureAmount: 1000n }),
    );
    expect(transfers[0]?.amount).toBe(1000n);
  });

  it.each([0n, -1n, 1001n])("refuses to capture %s of a hold of 1000", (captureAmount) => {
    const { holds } = heldRedeem();
    const refusal = refusalOf(
      planResolution(holds, "post", { now: NOW, firstSeq: 3, captureAmount }),
    );
    expect(refusal.code).toBe("validation_error");
    expect(refusal.message).toContain("10.00 USD");
  });

  it("voids every hold for its whole amount (a capture amount does not apply)", () => {
    const { holds } = heldRedeem();
    const transfers = transfersOf(
      planResolution(holds, "void", { now: NOW, firstSeq: 3, captureAmount: 1n }),
    );
    expect(transfers.map((t) => [t.seq, t.kind, t.amount])).toEqual([
      [3, "void_pending", 1000n],
      [4, "void_pending", 50n],
    ]);
  });

  it("expires holds only once their time is up (the boundary instant counts as up)", () => {
    const { holds } = heldRedeem(LATER);
    const early = refusalOf(planResolution(holds, "expire", { now: NOW, firstSeq: 3 }));
    expect(early.code).toBe("invalid_state");
    const justBefore = new Date(LATER.getTime() - 1);
    expect(refusalOf(planResolution(holds, "expire", { now: justBefore, firstSeq: 3 })).code).toBe(
      "invalid_state",
    );
    const transfers = transfersOf(planResolution(holds, "expire", { now: LATER, firstSeq: 3 }));
    expect(transfers.map((t) => [t.seq, t.kind, t.amount])).toEqual([
      [3, "expire_pending", 1000n],
      [4, "expire_pending", 50n],
    ]);
  });

  it("expires only when every hold has expired, as the database's trigger requires", () => {
    const { holds } = heldRedeem(LATER);
    const mixed = [holds[0] as PlannedHold, { ...(holds[1] as PlannedHold), expiresAt: null }];
    expect(refusalOf(planResolution(mixed, "expire", { now: LATER, firstSeq: 3 })).code).toBe(
      "invalid_state",
    );
    expect(refusalOf(planResolution(mixed, "post", { now: LATER, firstSeq: 3 })).code).toBe(
      "hold_expired",
    );
  });

  it("never expires a hold without an expiry", () => {
    const { holds } = heldRedeem(null);
    const farFuture = new Date("2100-01-01T00:00:00Z");
    expect(refusalOf(planResolution(holds, "expire", { now: farFuture, firstSeq: 3 })).code).toBe(
      "invalid_state",
    );
    expect(
      transfersOf(planResolution(holds, "post", { now: farFuture, firstSeq: 3 })),
    ).toHaveLength(2);
  });

  it.each(["post", "void"] as const)(
    "refuses to %s an expired hold (hold_expired)",
    (resolution) => {
      const { holds } = heldRedeem(LATER);
      for (const now of [LATER, new Date(LATER.getTime() + 60_000)]) {
        const refusal = refusalOf(planResolution(holds, resolution, { now, firstSeq: 3 }));
        expect(refusal.code).toBe("hold_expired");
      }
    },
  );

  it.each(["post", "void", "expire"] as const)(
    "refuses to %s a hold already resolved",
    (resolution) => {
      const { holds } = heldRedeem(LATER);
      const resolved = holds.map((hold, index) =>
        index === 1 ? { ...hold, resolved: true } : hold,
      );
      const refusal = refusalOf(planResolution(resolved, resolution, { now: LATER, firstSeq: 3 }));
      expect(refusal.code).toBe("invalid_state");
      expect(refusal.message).toMatch(/already been resolved/);
    },
  );

  it.each(["post", "void", "expire"] as const)(
    "refuses to %s a process that holds nothing",
    (resolution) => {
      const refusal = refusalOf(planResolution([], resolution, { now: LATER, firstSeq: 2 }));
      expect(refusal.code).toBe("invalid_state");
    },
  );

  it("numbers up to seq 8 and refuses a resolution that would need a 9th", () => {
    const { holds } = heldRedeem();
    expect(
      transfersOf(planResolution(holds, "post", { now: NOW, firstSeq: 7 })).map((t) => t.seq),
    ).toEqual([7, 8]);
    const refusal = refusalOf(planResolution(holds, "post", { now: NOW, firstSeq: 8 }));
    expect(refusal.code).toBe("validation_error");
    expect(refusal.message).toBe("A process has at most 8 transfers.");
  });

  it("releases the hold from the source and posts to the recipient", () => {
    const { holds, coin, provider, fees } = heldRedeem();
    const after = applied(
      transfersOf(planResolution(holds, "post", { now: NOW, firstSeq: 3, captureAmount: 600n })),
    );
    expect(after.get(coin.id)?.balances).toEqual({
      debitsPending: 0n,
      debitsPosted: 650n,
      creditsPending: 0n,
      creditsPosted: 1050n,
    });
    expect(after.get(provider.id)?.balances).toEqual({ ...ZERO_BALANCES, creditsPosted: 600n });
    expect(after.get(fees.id)?.balances).toEqual({ ...ZERO_BALANCES, creditsPosted: 50n });
    const voided = applied(transfersOf(planResolution(holds, "void", { now: NOW, firstSeq: 3 })));
    expect(voided.get(coin.id)?.balances).toEqual({ ...ZERO_BALANCES, creditsPosted: 1050n });
  });

  it("resolves a cash-desk withdrawal's hold on the desk", () => {
    const desk = account("cash_desk", { holding: 500n });
    const coin = account("client_coin", { holding: 500n });
    const opening = transfersOf(
      planOpening(
        processTypeDefinition("cash_desk_redeem"),
        { source: coin, destination: desk },
        amounts(500n),
        HOLD,
      ),
    );
    const after = applied(opening);
    const hold: PlannedHold = {
      id: "h",
      debit: after.get(coin.id) as AccountSnapshot,
      credit: after.get(desk.id) as AccountSnapshot,
      amount: 500n,
      expiresAt: HOLD.expiresAt,
      resolved: false,
    };
    const posted = applied(transfersOf(planResolution([hold], "post", { now: NOW, firstSeq: 2 })));
    expect(posted.get(desk.id)?.balances).toEqual({
      debitsPending: 0n,
      debitsPosted: 500n,
      creditsPending: 0n,
      creditsPosted: 500n,
    });
  });
});

describe("isHoldExpired", () => {
  it("is true from the expiry instant on, and never without an expiry", () => {
    expect(isHoldExpired({ expiresAt: LATER }, new Date(LATER.getTime() - 1))).toBe(false);
    expect(isHoldExpired({ expiresAt: LATER }, LATER)).toBe(true);
    expect(isHoldExpired({ expiresAt: LATER }, new Date(LATER.getTime() + 1))).toBe(true);
    expect(isHoldExpired({ expiresAt: null }, new Date(8.64e15))).toBe(false);
  });
});
