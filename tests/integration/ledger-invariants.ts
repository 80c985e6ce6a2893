import { expect } from "vitest";
import { prisma } from "@/lib/db";
import { processTypeDefinition } from "@/lib/domain/ledger/catalogue";
import { AppError } from "@/lib/errors";

/**
 * The ledger's invariants, checked with SQL straight on the tables and recomputed here (not through
 * the services), for the property and race tests.
 */

type AccountRow = {
  id: string;
  kind: string;
  currency: string;
  dmnec: boolean;
  cmned: boolean;
  debits_pending: bigint;
  debits_posted: bigint;
  credits_pending: bigint;
  credits_posted: bigint;
};

type TransferRow = {
  id: string;
  process_id: string;
  seq: number;
  kind: "posted" | "pending" | "post_pending" | "void_pending" | "expire_pending";
  debit_account_id: string;
  credit_account_id: string;
  amount: bigint;
  pending_id: string | null;
};

type ProcessRow = {
  id: string;
  type: string;
  status: string;
  status_reason: string | null;
  fee: bigint;
};

export type Balances = {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
};

/** Every account of the merchant with its four columns, by id. */
export async function accountBalances(merchantId: string): Promise<Map<string, Balances>> {
  const rows = await prisma.ledgerAccount.findMany({
    where: { merchantId },
    select: {
      id: true,
      debitsPending: true,
      debitsPosted: true,
      creditsPending: true,
      creditsPosted: true,
    },
  });
  return new Map(rows.map(({ id, ...b }) => [id, b]));
}

/** Runs a promise and names its outcome: "ok", an AppError's code, or "raw:<message>". */
export async function outcomeOf<T>(promise: Promise<T>): Promise<{ outcome: string; value?: T }> {
  try {
    return { outcome: "ok", value: await promise };
  } catch (error) {
    if (error instanceof AppError) return { outcome: error.code };
    return { outcome: `raw:${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Checks, for one merchant: per currency the posted and the pending sides sum to zero; every
 * account's four columns equal a recomputation from its transfers; no limit flag is broken and no
 * column is negative; every hold is resolved at most once, by a transfer on its own accounts that
 * posts at most and releases exactly its amount; at most 8 transfers per process with unique seq;
 * and each process's status agrees with its holds. Returns the number of transfers checked.
 */
export async function checkLedgerInvariants(merchantId: string): Promise<number> {
  const sums = await prisma.$queryRaw<{ currency: string; posted: string; pending: string }[]>`
    SELECT currency, sum(credits_posted - debits_posted)::text AS posted,
           sum(credits_pending - debits_pending)::text AS pending
    FROM ledger_account WHERE merchant_id = ${merchantId}::uuid GROUP BY currency`;
  for (const row of sums) {
    expect({ currency: row.currency, posted: row.posted, pending: row.pending }).toEqual({
      currency: row.currency,
      posted: "0",
      pending: "0",
    });
  }

  const accounts = await prisma.$queryRaw<AccountRow[]>`
    SELECT id, kind::text AS kind, currency, debits_must_not_exceed_credits AS dmnec,
           credits_must_not_exceed_debits AS cmned, debits_pending, debits_posted, credits_pending,
           credits_posted
    FROM ledger_account WHERE merchant_id = ${merchantId}::uuid`;
  const transfers = await prisma.$queryRaw<TransferRow[]>`
    SELECT id, process_id, seq, kind::text AS kind, debit_account_id, credit_account_id, amount,
           pending_id
    FROM ledger_transfer WHERE merchant_id = ${merchantId}::uuid ORDER BY created_at, process_id, seq`;
  const byId = new Map(transfers.map((t) => [t.id, t]));

  // Recompute the four columns of every account from its transfers.
  const zero = (): Balances => ({
    debitsPending: 0n,
    debitsPosted: 0n,
    creditsPending: 0n,
    creditsPosted: 0n,
  });
  const computed = new Map<string, Balances>(accounts.map((a) => [a.id, zero()]));
  const resolutions = new Map<string, TransferRow[]>();
  for (const t of transfers) {
    const amount = BigInt(t.amount);
    let pending = 0n;
    let posted = 0n;
    if (t.kind === "posted") posted = amount;
    else if (t.kind === "pending") pending = amount;
    else {
      const hold = t.pending_id ? byId.get(t.pending_id) : undefined;
      expect(hold, `transfer ${t.id} resolves a transfer of this merchant`).toBeDefined();
      if (!hold) continue;
      expect(hold.kind, `transfer ${t.id} resolves a hold`).toBe("pending");
      expect([hold.debit_account_id, hold.credit_account_id]).toEqual([
        t.debit_account_id,
        t.credit_account_id,
      ]);
      const held = BigInt(hold.amount);
      if (t.kind === "post_pending") {
        expect(amount <= held, `post ${t.id} within its hold`).toBe(true);
        posted = amount;
      } else {
        expect(amount, `release ${t.id} of the whole hold`).toBe(held);
      }
      pending = -held;
      resolutions.set(hold.id, [...(resolutions.get(hold.id) ?? []), t]);
    }
    const debit = computed.get(t.debit_account_id);
    const credit = computed.get(t.credit_account_id);
    expect(debit && credit, `transfer ${t.id} on the merchant's accounts`).toBeTruthy();
    if (!debit || !credit) continue;
    debit.debitsPending += pending;
    debit.debitsPosted += posted;
    credit.creditsPending += pending;
    credit.creditsPosted += posted;
  }
  for (const a of accounts) {
    const actual = {
      debitsPending: BigInt(a.debits_pending),
      debitsPosted: BigInt(a.debits_posted),
      creditsPending: BigInt(a.credits_pending),
      creditsPosted: BigInt(a.credits_posted),
    };
    expect(actual, `account ${a.kind} ${a.currency} ${a.id} = its transfers`).toEqual(
      computed.get(a.id),
    );
    for (const value of Object.values(actual)) expect(value >= 0n).toBe(true);
    if (a.dmnec) {
      expect(
        actual.debitsPending + actual.debitsPosted <= actual.creditsPosted,
        `account ${a.kind} ${a.id}: debits within credits`,
      ).toBe(true);
    }
    if (a.cmned) {
      expect(
        actual.creditsPending + actual.creditsPosted <= actual.debitsPosted,
        `account ${a.kind} ${a.id}: credits within debits`,
      ).toBe(true);
    }
  }

  // Holds resolved at most once (the recomputation above collected every resolution).
  for (const [holdId, list] of resolutions) {
    expect(list.length, `hold ${holdId} resolved at most once`).toBe(1);
  }

  // At most 8 transfers per process, seq 1..8 and unique.
  const perProcess = new Map<string, TransferRow[]>();
  for (const t of transfers)
    perProcess.set(t.process_id, [...(perProcess.get(t.process_id) ?? []), t]);
  for (const [processId, list] of perProcess) {
    expect(list.length, `process ${processId}: at most 8 transfers`).toBeLessThanOrEqual(8);
    const seqs = list.map((t) => t.seq);
    expect(new Set(seqs).size, `process ${processId}: seq unique`).toBe(seqs.length);
    for (const seq of seqs) expect(seq >= 1 && seq <= 8).toBe(true);
  }

  // Status against holds.
  const processes = await prisma.$queryRaw<ProcessRow[]>`
    SELECT id, type::text AS type, status::text AS status, status_reason, fee
    FROM business_process WHERE merchant_id = ${merchantId}::uuid`;
  for (const p of processes) {
    const list = perProcess.get(p.id) ?? [];
    const holds = list.filter((t) => t.kind === "pending");
    const resolutionOf = (hold: TransferRow) => resolutions.get(hold.id)?.[0]?.kind ?? null;
    const what = `process ${p.type} ${p.status} ${p.id}`;
    const definition = processTypeDefinition(p.type as Parameters<typeof processTypeDefinition>[0]);
    switch (p.status) {
      case "processed": {
        for (const hold of holds)
          expect(resolutionOf(hold), `${what}: hold posted`).toBe("post_pending");
        if (definition.mode === "account_creation") expect(list, what).toHaveLength(0);
        else {
          // Every leg moved: posted at once, or held and then posted.
          const legs = definition.legs.length + (BigInt(p.fee) > 0n ? 1 : 0);
          const moved = list.filter((t) => t.kind === "posted" || t.kind === "post_pending");
          expect(moved.length, `${what}: every leg moved`).toBe(legs);
        }
        break;
      }
      case "declined":
      case "rejected":
        for (const hold of holds) {
          expect(["void_pending", "expire_pending"], `${what}: hold released`).toContain(
            resolutionOf(hold),
          );
        }
        expect(
          list.filter((t) => t.kind === "posted" || t.kind === "post_pending"),
          `${what}: nothing posted`,
        ).toHaveLength(0);
        break;
      case "error":
        if (p.status_reason === "hold_expired") {
          expect(holds.length, `${what}: had a hold`).toBeGreaterThan(0);
          for (const hold of holds) {
            expect(resolutionOf(hold), `${what}: hold expired`).toBe("expire_pending");
          }
        }
        break;
      case "pending":
        // A distributed process between its sessions, or a card payment the gateway authorized.
        expect(
          definition.mode === "distributed" || p.type === "merchant_payment",
          `${what}: only a distributed process or an authorized card payment stays pending`,
        ).toBe(true);
        expect(holds.length, `${what}: holds`).toBeGreaterThan(0);
        for (const hold of holds) expect(resolutionOf(hold), `${what}: hold open`).toBeNull();
        break;
      default:
        // limited, created, waiting_for_approval: nothing moved yet.
        expect(list, `${what}: no transfers`).toHaveLength(0);
    }
  }
  return transfers.length;
}
