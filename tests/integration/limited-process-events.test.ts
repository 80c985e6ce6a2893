import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import {
  type OperationRequestChangeEvent,
  subscribeToOperationRequestChanges,
} from "@/lib/realtime/operation-request-events";
import { openClientAccount } from "@/lib/services/ledger/accounts";
import { reviewApproveProcess, reviewRejectProcess } from "@/lib/services/ledger/decide-process";
import { runProcess } from "@/lib/services/ledger/run-process";
import { principalOf, resetDatabase, seedMerchant } from "./helpers";

beforeEach(resetDatabase);

/**
 * The Limited processes tickets follow the live feed: a process created limited and its review are
 * announced to the merchant's streams (trigger business_process_notify); other process changes are
 * not, and nothing reaches another merchant's streams.
 */
describe("limited process events", () => {
  it("announces a limited process and its review, and nothing else", async () => {
    const m = await seedMerchant();
    const other = await seedMerchant();
    const owner = principalOf(m, "owner");
    const events: OperationRequestChangeEvent[] = [];
    const foreign: OperationRequestChangeEvent[] = [];
    let ready = false;
    const unsubscribe = subscribeToOperationRequestChanges(m.merchant.id, (event) => {
      if (event.type === "ready") ready = true;
      else events.push(event);
    });
    const unsubscribeOther = subscribeToOperationRequestChanges(other.merchant.id, (event) => {
      if (event.type === "change") foreign.push(event);
    });
    try {
      await expect.poll(() => ready).toBe(true);
      const [a, b] = await prisma.$transaction(async (tx) => {
        const payee = await tx.customer.create({
          data: { merchantId: m.merchant.id, name: "Payee", baseCurrency: "KWD" },
        });
        return [
          await openClientAccount(tx, {
            merchantId: m.merchant.id,
            customerId: m.customer.id,
            kind: "client_coin",
            currency: "KWD",
          }),
          await openClientAccount(tx, {
            merchantId: m.merchant.id,
            customerId: payee.id,
            kind: "client_coin",
            currency: "KWD",
          }),
        ];
      });
      await prisma.limitProfile.create({
        data: {
          merchantId: m.merchant.id,
          processType: "client_transaction_transfer",
          currency: "KWD",
          maxAmount: 5000n,
        },
      });
      // Not limited: no announcement.
      await runProcess(owner, {
        type: "bank_topup",
        amount: "50.000",
        currency: "KWD",
        destinationAccountId: a,
      });
      const transfer = { type: "client_transaction_transfer", currency: "KWD" } as const;
      const small = await runProcess(owner, {
        ...transfer,
        amount: "1.000",
        sourceAccountId: a,
        destinationAccountId: b,
      });
      const first = await runProcess(owner, {
        ...transfer,
        amount: "6.000",
        sourceAccountId: a,
        destinationAccountId: b,
      });
      const second = await runProcess(owner, {
        ...transfer,
        amount: "7.000",
        sourceAccountId: a,
        destinationAccountId: b,
      });
      await reviewRejectProcess(owner, first.processId, { reason: "Unusual" });
      await reviewApproveProcess(owner, second.processId);

      // Notifications arrive in commit order on one connection: had the top-up or the small
      // transfer been announced, they would come first.
      await expect.poll(() => events.length).toBeGreaterThanOrEqual(4);
      expect(
        events.map((event) => (event.type === "change" ? [event.id, event.state] : [event.type])),
      ).toEqual([
        [first.processId, "limited"],
        [second.processId, "limited"],
        [first.processId, "rejected"],
        // Approved by review: it leaves limited (to pending), then processes in the same transaction.
        [second.processId, "pending"],
      ]);
      expect(events.some((event) => event.type === "change" && event.id === small.processId)).toBe(
        false,
      );
      expect(foreign).toEqual([]);
    } finally {
      unsubscribe();
      unsubscribeOther();
    }
  });
});
