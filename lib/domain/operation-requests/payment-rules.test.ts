import { describe, expect, it } from "vitest";
import type { CurrencyCode } from "../money/currency";
import type { Operation } from "./lifecycle";
import {
  applySuccessfulOperation,
  availableOperations,
  checkOperation,
  PAYMENT_STATES,
  type PaymentSnapshot,
  type PaymentState,
} from "./payment-rules";

function payment(
  state: PaymentState,
  {
    capturedMinor = 0n,
    refundedMinor = 0n,
    amountMinor = 10_000n,
    currency = "USD" as CurrencyCode,
  } = {},
): PaymentSnapshot {
  return { state, currency, amountMinor, capturedMinor, refundedMinor };
}

/** One plausible payment in each state: $100.00, captured only once paid, $25.00 back when partly refunded. */
const IN_STATE: Record<PaymentState, PaymentSnapshot> = {
  created: payment("created"),
  pending: payment("pending"),
  attempted: payment("attempted"),
  authorized: payment("authorized"),
  paid: payment("paid", { capturedMinor: 10_000n }),
  failed: payment("failed"),
  canceled: payment("canceled"),
  expired: payment("expired"),
  voided: payment("voided"),
  refunded: payment("refunded", { capturedMinor: 10_000n, refundedMinor: 10_000n }),
  partially_refunded: payment("partially_refunded", {
    capturedMinor: 10_000n,
    refundedMinor: 2_500n,
  }),
};

const notRefundable = (word: string) =>
  [
    "operation_not_allowed",
    `Only a paid or partially refunded payment can be refunded; this one is ${word}.`,
  ] as const;
const notVoidable = (word: string) =>
  [
    "operation_not_allowed",
    `Only an authorized, uncaptured payment can be voided; this one is ${word}.`,
  ] as const;
const NOTHING_LEFT = ["operation_not_allowed", "This payment has nothing left to refund."] as const;

type Outcome = bigint | readonly [code: string, message: string];

// Every payment state against both operations, with no amount given.
const MATRIX: Record<PaymentState, Record<Operation, Outcome>> = {
  created: { refund: notRefundable("created"), void: notVoidable("created") },
  pending: { refund: notRefundable("pending"), void: notVoidable("pending") },
  attempted: { refund: notRefundable("attempted"), void: notVoidable("attempted") },
  authorized: { refund: notRefundable("authorized"), void: 10_000n },
  paid: { refund: 10_000n, void: notVoidable("paid") },
  failed: { refund: notRefundable("failed"), void: notVoidable("failed") },
  canceled: { refund: notRefundable("canceled"), void: notVoidable("canceled") },
  expired: { refund: notRefundable("expired"), void: notVoidable("expired") },
  voided: { refund: notRefundable("voided"), void: notVoidable("voided") },
  refunded: { refund: NOTHING_LEFT, void: notVoidable("refunded") },
  partially_refunded: { refund: 7_500n, void: notVoidable("partially refunded") },
};

const CASES = PAYMENT_STATES.flatMap((state) =>
  (["refund", "void"] as const).map((operation) => ({
    state,
    operation,
    outcome: MATRIX[state][operation],
  })),
);

describe("checkOperation: payment states", () => {
  it.each(CASES)("$operation on a $state payment", ({ state, operation, outcome }) => {
    const result = checkOperation({ payment: IN_STATE[state], operation });
    if (typeof outcome === "bigint") {
      expect(result).toEqual({ ok: true, amountMinor: outcome });
    } else {
      expect(result).toEqual({ ok: false, code: outcome[0], message: outcome[1] });
    }
  });

  it.each(PAYMENT_STATES)(
    "refuses either operation on a %s payment while another request is open",
    (state) => {
      for (const open of ["refund", "void"] as const) {
        const message = `Requested ${open === "refund" ? "Refund" : "Void"} is pending for approval`;
        for (const operation of ["refund", "void"] as const) {
          expect(
            checkOperation({
              payment: IN_STATE[state],
              operation,
              openRequest: { operation: open },
            }),
          ).toEqual({
            ok: false,
            code: "operation_pending",
            message,
          });
        }
      }
    },
  );
});

describe("checkOperation: void", () => {
  const authorized = IN_STATE.authorized;

  it("accepts the full amount given explicitly", () => {
    expect(
      checkOperation({ payment: authorized, operation: "void", requestedMinor: 10_000n }),
    ).toEqual({
      ok: true,
      amountMinor: 10_000n,
    });
  });

  it.each([9_999n, 10_001n, 0n, -1n])(
    "refuses a partial or odd amount (%s) as invalid input",
    (requestedMinor) => {
      expect(checkOperation({ payment: authorized, operation: "void", requestedMinor })).toEqual({
        ok: false,
        code: "validation_error",
        message: "A void always covers the full 100.00 USD; leave the amount empty.",
      });
    },
  );

  it("names the full amount in the currency's own decimals", () => {
    const kwd = payment("authorized", { amountMinor: 1_234_500n, currency: "KWD" });
    expect(checkOperation({ payment: kwd, operation: "void", requestedMinor: 1n })).toMatchObject({
      message: "A void always covers the full 1,234.500 KWD; leave the amount empty.",
    });
  });

  it("refuses an authorization that has been partly captured", () => {
    const captured = payment("authorized", { capturedMinor: 1n });
    expect(checkOperation({ payment: captured, operation: "void" })).toEqual({
      ok: false,
      code: "operation_not_allowed",
      message:
        "Only an authorized, uncaptured payment can be voided; this one has already been captured.",
    });
  });

  it("refuses on the payment's state before looking at the amount", () => {
    expect(
      checkOperation({ payment: IN_STATE.paid, operation: "void", requestedMinor: 5n }),
    ).toMatchObject({
      code: "operation_not_allowed",
    });
  });
});

describe("checkOperation: refund amounts", () => {
  const refund = (subject: PaymentSnapshot, requestedMinor?: bigint) =>
    checkOperation({ payment: subject, operation: "refund", requestedMinor });
  const exceeds = (left: string) => ({
    ok: false,
    code: "amount_exceeds_remaining",
    message: `The refund amount is more than the ${left} left to refund.`,
  });
  const notPositive = {
    ok: false,
    code: "validation_error",
    message: "The refund amount must be greater than zero.",
  };

  it("defaults to what remains", () => {
    expect(refund(IN_STATE.paid)).toEqual({ ok: true, amountMinor: 10_000n });
    expect(refund(IN_STATE.partially_refunded)).toEqual({ ok: true, amountMinor: 7_500n });
  });

  it("accepts exactly what remains and one minor unit", () => {
    expect(refund(IN_STATE.partially_refunded, 7_500n)).toEqual({ ok: true, amountMinor: 7_500n });
    expect(refund(IN_STATE.partially_refunded, 1n)).toEqual({ ok: true, amountMinor: 1n });
  });

  it("refuses one minor unit more than remains, naming what remains", () => {
    expect(refund(IN_STATE.partially_refunded, 7_501n)).toEqual(exceeds("75.00 USD"));
    expect(refund(IN_STATE.paid, 10_001n)).toEqual(exceeds("100.00 USD"));
  });

  it.each([0n, -1n, -10_000n])("refuses %s as not a refund", (requestedMinor) => {
    expect(refund(IN_STATE.paid, requestedMinor)).toEqual(notPositive);
  });

  it("measures what remains against the captured amount, not the authorized one", () => {
    const partlyCaptured = payment("paid", {
      amountMinor: 10_000n,
      capturedMinor: 6_000n,
      refundedMinor: 1_000n,
    });
    expect(refund(partlyCaptured)).toEqual({ ok: true, amountMinor: 5_000n });
    expect(refund(partlyCaptured, 5_001n)).toEqual(exceeds("50.00 USD"));
  });

  it("works in fils for KWD, three decimals", () => {
    const kwd = payment("partially_refunded", {
      currency: "KWD",
      amountMinor: 1_250_000n,
      capturedMinor: 1_250_000n,
      refundedMinor: 250_001n,
    });
    expect(refund(kwd)).toEqual({ ok: true, amountMinor: 999_999n });
    expect(refund(kwd, 999_999n)).toEqual({ ok: true, amountMinor: 999_999n });
    expect(refund(kwd, 1_000_000n)).toEqual(exceeds("999.999 KWD"));
    expect(refund(kwd, 0n)).toEqual(notPositive);
  });

  it("works in whole yen for JPY, no decimals", () => {
    const jpy = payment("paid", {
      currency: "JPY",
      amountMinor: 1_500_000n,
      capturedMinor: 1_500_000n,
    });
    expect(refund(jpy, 1_500_000n)).toEqual({ ok: true, amountMinor: 1_500_000n });
    expect(refund(jpy, 1_500_001n)).toEqual(exceeds("1,500,000 JPY"));
    expect(refund(jpy, 1n)).toEqual({ ok: true, amountMinor: 1n });
  });

  it("refuses a refundable state with nothing left before looking at the amount", () => {
    const drained = payment("partially_refunded", {
      capturedMinor: 10_000n,
      refundedMinor: 10_000n,
    });
    expect(refund(drained)).toEqual({ ok: false, code: NOTHING_LEFT[0], message: NOTHING_LEFT[1] });
    expect(refund(drained, 0n)).toMatchObject({ code: "operation_not_allowed" });
    expect(refund(IN_STATE.refunded, 1n)).toMatchObject({ message: NOTHING_LEFT[1] });
  });

  it("refuses on the payment's state before looking at the amount", () => {
    expect(refund(IN_STATE.authorized, 0n)).toMatchObject({ code: "operation_not_allowed" });
  });
});

describe("applySuccessfulOperation", () => {
  it("voids the payment and leaves the refunded amount alone", () => {
    expect(applySuccessfulOperation(IN_STATE.authorized, "void", 10_000n)).toEqual({
      refundedMinor: 0n,
      state: "voided",
    });
  });

  it("marks a part refund as partially refunded", () => {
    expect(applySuccessfulOperation(IN_STATE.paid, "refund", 2_500n)).toEqual({
      refundedMinor: 2_500n,
      state: "partially_refunded",
    });
    expect(applySuccessfulOperation(IN_STATE.partially_refunded, "refund", 7_499n)).toEqual({
      refundedMinor: 9_999n,
      state: "partially_refunded",
    });
  });

  it("marks the refund that reaches the captured amount as refunded", () => {
    expect(applySuccessfulOperation(IN_STATE.paid, "refund", 10_000n)).toEqual({
      refundedMinor: 10_000n,
      state: "refunded",
    });
    expect(applySuccessfulOperation(IN_STATE.partially_refunded, "refund", 7_500n)).toEqual({
      refundedMinor: 10_000n,
      state: "refunded",
    });
  });

  it("refuses to record a refund that could never have been allowed", () => {
    expect(() => applySuccessfulOperation(IN_STATE.partially_refunded, "refund", 7_501n)).toThrow(
      "Cannot refund 7501 of 7500 remaining",
    );
    expect(() => applySuccessfulOperation(IN_STATE.paid, "refund", 0n)).toThrow();
    expect(() => applySuccessfulOperation(IN_STATE.paid, "refund", -1n)).toThrow();
  });

  it("agrees with checkOperation: refunding what remains leaves nothing to refund", () => {
    const after = applySuccessfulOperation(IN_STATE.partially_refunded, "refund", 7_500n);
    const next = { ...IN_STATE.partially_refunded, ...after };
    expect(checkOperation({ payment: next, operation: "refund" })).toMatchObject({
      code: "operation_not_allowed",
    });
  });
});

describe("availableOperations", () => {
  it.each(PAYMENT_STATES)("offers on a %s payment exactly what checkOperation allows", (state) => {
    const subject = IN_STATE[state];
    expect(availableOperations(subject)).toEqual({
      refund: typeof MATRIX[state].refund === "bigint",
      void: typeof MATRIX[state].void === "bigint",
      remainingMinor: subject.capturedMinor - subject.refundedMinor,
    });
  });

  it("offers nothing while a request is open, but still says what remains", () => {
    expect(availableOperations(IN_STATE.partially_refunded, { operation: "refund" })).toEqual({
      refund: false,
      void: false,
      remainingMinor: 7_500n,
    });
    expect(availableOperations(IN_STATE.authorized, { operation: "void" })).toEqual({
      refund: false,
      void: false,
      remainingMinor: 0n,
    });
  });
});
