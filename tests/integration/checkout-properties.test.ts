import { fc, it } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { prisma } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/domain/audit/actions";
import { decideSession, type SessionState } from "@/lib/domain/checkout/lifecycle";
import type { ChargeResult } from "@/lib/gateways/port";
import { type CheckoutCaller, checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import { createCheckoutSession } from "@/lib/services/checkout/create-checkout-session";
import { endCheckoutSession } from "@/lib/services/checkout/end-checkout-session";
import { finishCheckoutAttempt } from "@/lib/services/checkout/finish-checkout-attempt";
import { openCheckoutAttempt } from "@/lib/services/checkout/start-checkout-attempt";
import { CreateCheckoutSchema } from "@/lib/validation/checkout";
import { principalOf, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { checkLedgerInvariants, outcomeOf } from "./ledger-invariants";

/**
 * Property-based tests of checkout on the real PostgreSQL: random sequences of attempts (opened one
 * at a time or several in parallel), gateway answers (declined, timeout, success captured or
 * authorized), late answers on timed-out attempts, cancels and expiries, against a model built on
 * the lifecycle table. After every sequence: the session's state is the model's, a session never has
 * more than one ledger process, a paid session's process posted exactly its captured amount, an
 * authorized one holds its amount, a second success is flagged and never counted, and the ledger's
 * invariants hold.
 */

type Cmd =
  | { kind: "open"; parallel: number }
  | { kind: "answer"; answer: "declined" | "timeout" | "success" }
  | { kind: "late_success" }
  | { kind: "end"; to: "canceled" | "expired" };

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ kind: fc.constant("open" as const), parallel: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant("answer" as const),
    answer: fc.constantFrom("declined" as const, "timeout" as const, "success" as const),
  }),
  fc.record({ kind: fc.constant("late_success" as const) }),
  fc.record({
    kind: fc.constant("end" as const),
    to: fc.constantFrom("canceled" as const, "expired" as const),
  }),
);

let m: TestMerchant;
let caller: CheckoutCaller;
let sequence = 0;
/** Every state some sequence passed through, and whether a duplicate happened. */
const seen = new Set<string>();

beforeAll(async () => {
  await resetDatabase();
  m = await seedMerchant();
  caller = checkoutCallerOf(principalOf(m, "admin"));
});
afterAll(async () => {
  await prisma.$disconnect();
});

type Model = {
  state: SessionState;
  attempts: number;
  pending: string | null;
  unknown: string[];
  successes: number;
};

function answerOf(answer: "declined" | "timeout" | "success", captured: boolean): ChargeResult {
  sequence++;
  switch (answer) {
    case "declined":
      return {
        outcome: "declined",
        reference: null,
        code: "05",
        message: "Declined",
        threeDs: "none",
      };
    case "timeout":
      return {
        outcome: "timeout",
        code: "timeout",
        message: "No answer",
        reference: `t-${sequence}`,
      };
    case "success":
      return {
        outcome: "succeeded",
        captured,
        reference: `s-${sequence}`,
        code: "00",
        message: "Approved",
        threeDs: "none",
        card: null,
      };
  }
}

async function run(cmds: Cmd[], operation: "purchase" | "authorize", maxAttempts: number) {
  const { id } = await createCheckoutSession(
    caller,
    CreateCheckoutSchema.parse({
      type: "e_commerce",
      amount: "5.125",
      currency_code: "KWD",
      pg_codes: ["knet"],
      operation,
    }),
  );
  await prisma.checkoutSession.update({ where: { id }, data: { maxAttempts } });
  const model: Model = { state: "created", attempts: 0, pending: null, unknown: [], successes: 0 };
  const captured = operation === "purchase";
  const snapshot = () => ({
    state: model.state,
    expiresAt: new Date(Date.now() + 3_600_000),
    attemptCount: model.attempts,
    maxAttempts,
    attemptPending: model.pending !== null,
  });

  for (const cmd of cmds) {
    switch (cmd.kind) {
      case "open": {
        const allowed = decideSession(snapshot(), { event: "start_attempt", now: new Date() }).ok;
        const results = await Promise.all(
          Array.from({ length: cmd.parallel }, () =>
            outcomeOf(
              openCheckoutAttempt({ sessionId: id, pgCode: "knet", method: "card", token: "tok" }),
            ),
          ),
        );
        const opened = results.filter((r) => r.outcome === "ok");
        // Parallel opens of one session: exactly one wins when the session can be paid, none otherwise.
        expect(opened.length).toBe(allowed ? 1 : 0);
        if (allowed) {
          const [winner] = opened;
          model.pending = (winner.value as { attemptId: string }).attemptId;
          model.attempts++;
          model.state = "pending";
        }
        break;
      }
      case "answer": {
        if (!model.pending) break;
        const attemptId = model.pending;
        await finishCheckoutAttempt(attemptId, answerOf(cmd.answer, captured), SYSTEM_ACTOR);
        model.pending = null;
        if (cmd.answer === "success") {
          const decision = decideSession(snapshot(), { event: "attempt_succeeded", captured });
          if (decision.ok) model.state = decision.next;
          model.successes++;
        } else {
          const decision = decideSession(snapshot(), { event: "attempt_failed" });
          if (decision.ok) model.state = decision.next;
          if (cmd.answer === "timeout") model.unknown.push(attemptId);
        }
        break;
      }
      case "late_success": {
        const attemptId = model.unknown.shift();
        if (!attemptId) break;
        const decision = decideSession(snapshot(), { event: "attempt_succeeded", captured });
        await finishCheckoutAttempt(attemptId, answerOf("success", captured), SYSTEM_ACTOR);
        if (decision.ok) model.state = decision.next;
        model.successes++;
        break;
      }
      case "end": {
        const decision = decideSession(
          snapshot(),
          cmd.to === "canceled" ? { event: "cancel" } : { event: "expire", now: new Date() },
        );
        const result = await outcomeOf(endCheckoutSession(caller, id, cmd.to, "property test"));
        expect(result.outcome).toBe(decision.ok ? "ok" : decision.code);
        if (decision.ok) model.state = decision.next;
        break;
      }
    }
    seen.add(model.state);
  }

  const session = await prisma.checkoutSession.findUniqueOrThrow({
    where: { id },
    include: { payment: true },
  });
  expect(session.payment.state).toBe(model.state);
  expect(session.attemptCount).toBe(model.attempts);
  const processes = await prisma.businessProcess.findMany({
    where: { paymentTransactionId: id, type: "merchant_payment" },
    include: { transfers: true },
  });
  expect(processes.length).toBeLessThanOrEqual(1);
  expect(processes.length).toBe(model.successes > 0 ? 1 : 0);
  expect(session.duplicatePaymentAt !== null).toBe(model.successes > 1);
  const process = processes[0];
  if (model.state === "paid") {
    expect(process?.status).toBe("processed");
    const posted = process?.transfers
      .filter((t) => t.kind === "posted" || t.kind === "post_pending")
      .reduce((sum, t) => sum + t.amount, 0n);
    expect(posted).toBe(5125n);
    expect(session.payment.capturedAmount.toFixed(3)).toBe("5.125");
  }
  if (model.state === "authorized") {
    expect(process?.status).toBe("pending");
    expect(process?.transfers.map((t) => [t.kind, t.amount])).toEqual([["pending", 5125n]]);
  }
  return model;
}

describe("checkout properties", () => {
  it.prop(
    [
      fc.array(cmdArb, { minLength: 4, maxLength: 14 }),
      fc.constantFrom("purchase" as const, "authorize" as const),
      fc.integer({ min: 1, max: 4 }),
    ],
    {
      numRuns: 40,
      interruptAfterTimeLimit: 180_000,
      // A timed-out attempt, a second attempt paid, then the first's late success: the duplicate.
      examples: [
        [
          [
            { kind: "open", parallel: 2 },
            { kind: "answer", answer: "timeout" },
            { kind: "open", parallel: 1 },
            { kind: "answer", answer: "success" },
            { kind: "late_success" },
          ],
          "purchase",
          3,
        ],
        // The last attempt declined: failed; then a late success of nothing pending changes nothing.
        [
          [
            { kind: "open", parallel: 3 },
            { kind: "answer", answer: "declined" },
          ],
          "authorize",
          1,
        ],
      ],
    },
  )(
    "random attempts, answers, late answers and ends keep the session, the payment and the ledger in step",
    async (cmds, operation, maxAttempts) => {
      const model = await run(cmds, operation, maxAttempts);
      if (model.successes > 1) seen.add("duplicate");
    },
    240_000,
  );

  it("reached the interesting states, and the ledger balances", async () => {
    await checkLedgerInvariants(m.merchant.id);
    for (const state of [
      "paid",
      "authorized",
      "attempted",
      "failed",
      "canceled",
      "expired",
      "duplicate",
    ])
      expect(seen, state).toContain(state);
  });
});
