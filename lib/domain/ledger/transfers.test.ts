import { describe, expect, it } from "vitest";
import { applyDelta, type Balances, ZERO_BALANCES } from "./accounts";
import { balanceDeltas, isResolvingKind, TRANSFER_KINDS } from "./transfers";

const d = (
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

describe("balanceDeltas", () => {
  it("posted: the amount to posted debits of the debit side and posted credits of the credit side", () => {
    expect(balanceDeltas("posted", 700n)).toEqual({
      debit: d(0n, 700n, 0n, 0n),
      credit: d(0n, 0n, 0n, 700n),
    });
    expect(balanceDeltas("posted", 700n, 999n)).toEqual(balanceDeltas("posted", 700n));
  });

  it("pending: the amount to the pending columns only", () => {
    expect(balanceDeltas("pending", 700n)).toEqual({
      debit: d(700n, 0n, 0n, 0n),
      credit: d(0n, 0n, 700n, 0n),
    });
  });

  it("post_pending: releases the whole hold and posts the captured amount", () => {
    expect(balanceDeltas("post_pending", 600n, 1000n)).toEqual({
      debit: d(-1000n, 600n, 0n, 0n),
      credit: d(0n, 0n, -1000n, 600n),
    });
  });

  it.each(["void_pending", "expire_pending"] as const)(
    "%s: releases the whole hold and posts nothing",
    (kind) => {
      expect(balanceDeltas(kind, 1000n, 1000n)).toEqual({
        debit: d(-1000n, 0n, 0n, 0n),
        credit: d(0n, 0n, -1000n, 0n),
      });
    },
  );

  it("covers every kind", () => {
    for (const kind of TRANSFER_KINDS) expect(balanceDeltas(kind, 1n, 1n)).toBeDefined();
  });

  function hold(
    then: "post_pending" | "void_pending" | "expire_pending",
    held: bigint,
    amount: bigint,
  ) {
    let debit = d(0n, 0n, 0n, 5000n);
    let credit = ZERO_BALANCES;
    const opened = balanceDeltas("pending", held);
    debit = applyDelta(debit, opened.debit);
    credit = applyDelta(credit, opened.credit);
    const resolved = balanceDeltas(then, amount, held);
    return {
      debit: applyDelta(debit, resolved.debit),
      credit: applyDelta(credit, resolved.credit),
    };
  }

  it("a hold then a partial capture leaves nothing pending and the captured amount posted on both sides", () => {
    expect(hold("post_pending", 1000n, 600n)).toEqual({
      debit: d(0n, 600n, 0n, 5000n),
      credit: d(0n, 0n, 0n, 600n),
    });
  });

  it("a hold then a full capture posts the whole hold", () => {
    expect(hold("post_pending", 1000n, 1000n)).toEqual({
      debit: d(0n, 1000n, 0n, 5000n),
      credit: d(0n, 0n, 0n, 1000n),
    });
  });

  it.each(["void_pending", "expire_pending"] as const)(
    "a hold then %s leaves both sides as before",
    (kind) => {
      expect(hold(kind, 1000n, 1000n)).toEqual({
        debit: d(0n, 0n, 0n, 5000n),
        credit: ZERO_BALANCES,
      });
    },
  );
});

describe("transfer kinds", () => {
  it("resolve a hold exactly for post, void and expire", () => {
    for (const kind of TRANSFER_KINDS) {
      expect(isResolvingKind(kind)).toBe(
        ["post_pending", "void_pending", "expire_pending"].includes(kind),
      );
    }
  });
});
