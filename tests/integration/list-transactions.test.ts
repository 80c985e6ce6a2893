import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getTransaction } from "@/lib/queries/transactions/get-transaction";
import { listTransactions } from "@/lib/queries/transactions/list-transactions";
import { toTransactionJson } from "@/lib/queries/transactions/transaction-row";
import { TransactionListQuerySchema } from "@/lib/validation/transactions";
import { createPayment, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";

/** Queries go through the same schema as the API, so defaults and coercions are the real ones. */
const query = (input: Record<string, string> = {}) => TransactionListQuerySchema.parse(input);

async function idsOf(
  merchant: TestMerchant,
  input: Record<string, string> = {},
): Promise<string[]> {
  const page = await listTransactions(merchant.merchant.id, query({ limit: "100", ...input }));
  return page.data.map((row) => row.id);
}

async function expectValidationError(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("validation_error");
}

async function refundOf(m: TestMerchant, parent: { id: string; orderNo: string }, amount: string) {
  return prisma.paymentTransaction.create({
    data: {
      merchantId: m.merchant.id,
      unitId: m.units.online.id,
      gatewayId: m.gateways.knet.id,
      kind: "refund",
      parentId: parent.id,
      orderNo: parent.orderNo,
      amount,
      currency: "KWD",
      capturedAmount: amount,
      state: "paid",
    },
  });
}

describe("listTransactions", () => {
  beforeEach(resetDatabase);

  it("lists only the merchant's own payments, never another merchant's", async () => {
    const mine = await seedMerchant();
    const theirs = await seedMerchant();
    const a = await createPayment(mine, { orderNo: "SHARED-1" });
    const b = await createPayment(mine);
    const other = await createPayment(theirs, { orderNo: "SHARED-2" });

    expect((await idsOf(mine)).sort()).toEqual([a.id, b.id].sort());
    expect(await idsOf(mine, { q: "shared" })).toEqual([a.id]);
    expect(await idsOf(theirs)).toEqual([other.id]);
  });

  it("lists payments but not their refunds and voids", async () => {
    const m = await seedMerchant();
    const payment = await createPayment(m, {
      state: "partially_refunded",
      amount: "10.000",
      captured: "10.000",
      refunded: "2.500",
    });
    await refundOf(m, payment, "2.500");

    expect(await idsOf(m)).toEqual([payment.id]);
  });

  it("filters by one or several states", async () => {
    const m = await seedMerchant();
    const paid = await createPayment(m, { state: "paid" });
    const failed = await createPayment(m, { state: "failed" });
    await createPayment(m, { state: "pending" });

    expect(await idsOf(m, { state: "paid" })).toEqual([paid.id]);
    expect((await idsOf(m, { state: "paid,failed" })).sort()).toEqual([paid.id, failed.id].sort());
    expect(await idsOf(m, { state: "refunded" })).toEqual([]);
  });

  it("filters by gateway code and by currency", async () => {
    const m = await seedMerchant();
    const kwd = await createPayment(m, { currency: "KWD", amount: "1.000" });
    const usd = await createPayment(m, { currency: "USD", amount: "1.00" });
    const eur = await createPayment(m, { currency: "EUR", amount: "1.00" });

    expect(await idsOf(m, { gateway: "knet" })).toEqual([kwd.id]);
    expect(await idsOf(m, { gateway: "WireCard8" })).toEqual([usd.id]);
    expect(await idsOf(m, { gateway: "unknown" })).toEqual([]);
    expect(await idsOf(m, { currency: "EUR" })).toEqual([eur.id]);
    expect(await idsOf(m, { currency: "JPY" })).toEqual([]);
  });

  it("filters by an inclusive range of UTC days", async () => {
    const m = await seedMerchant();
    const before = await createPayment(m, { createdAt: new Date("2026-02-28T23:59:59.999Z") });
    const firstInstant = await createPayment(m, {
      createdAt: new Date("2026-03-01T00:00:00.000Z"),
    });
    const lastInstant = await createPayment(m, { createdAt: new Date("2026-03-01T23:59:59.999Z") });
    const after = await createPayment(m, { createdAt: new Date("2026-03-02T00:00:00.000Z") });

    expect((await idsOf(m, { from: "2026-03-01", to: "2026-03-01" })).sort()).toEqual(
      [firstInstant.id, lastInstant.id].sort(),
    );
    expect((await idsOf(m, { from: "2026-03-01" })).sort()).toEqual(
      [firstInstant.id, lastInstant.id, after.id].sort(),
    );
    expect((await idsOf(m, { to: "2026-02-28" })).sort()).toEqual([before.id]);
  });

  it("searches order number prefixes and customer names and emails, case-insensitively", async () => {
    const m = await seedMerchant();
    const order = await createPayment(m, { orderNo: "ABC-100" });
    const byName = await createPayment(m, { orderNo: "ZZZ-1" });
    const byEmail = await createPayment(m, { orderNo: "ZZZ-2" });
    const noCustomer = await createPayment(m, { orderNo: "ZZZ-3" });
    const fatima = await prisma.customer.create({
      data: { merchantId: m.merchant.id, name: "Fatima Al-Sabah", baseCurrency: "KWD" },
    });
    const yousef = await prisma.customer.create({
      data: {
        merchantId: m.merchant.id,
        name: "Y. H.",
        email: "yousef.haddad@example.test",
        baseCurrency: "KWD",
      },
    });
    await prisma.paymentTransaction.update({
      where: { id: byName.id },
      data: { customerId: fatima.id },
    });
    await prisma.paymentTransaction.update({
      where: { id: byEmail.id },
      data: { customerId: yousef.id },
    });
    await prisma.paymentTransaction.update({
      where: { id: noCustomer.id },
      data: { customerId: null },
    });

    expect(await idsOf(m, { q: "abc-1" })).toEqual([order.id]);
    expect(await idsOf(m, { q: "BC-100" })).toEqual([]); // a prefix, not any substring of the order number
    expect(await idsOf(m, { q: "al-sab" })).toEqual([byName.id]);
    expect(await idsOf(m, { q: "HADDAD@" })).toEqual([byEmail.id]);
    // LIKE wildcards are searched for as text.
    expect(await idsOf(m, { q: "%" })).toEqual([]);
    expect(await idsOf(m, { q: "ABC_100" })).toEqual([]);
  });

  it("combines filters", async () => {
    const m = await seedMerchant();
    const match = await createPayment(m, {
      state: "paid",
      currency: "USD",
      amount: "5.00",
      orderNo: "COMBO-1",
    });
    await createPayment(m, {
      state: "failed",
      currency: "USD",
      amount: "5.00",
      orderNo: "COMBO-2",
    });
    await createPayment(m, { state: "paid", currency: "KWD", orderNo: "COMBO-3" });

    expect(await idsOf(m, { state: "paid", currency: "USD", q: "combo" })).toEqual([match.id]);
  });

  describe("keyset paging", () => {
    // Seven payments created in the same millisecond, with repeated amounts and order numbers that
    // sort differently from their ids: only the id tie-break keeps pages apart.
    async function seedTies(m: TestMerchant) {
      const createdAt = new Date("2026-05-05T12:00:00.000Z");
      const amounts = ["5.000", "5.000", "1.250", "5.000", "9.999", "1.250", "5.000"];
      const rows = [];
      for (const [index, amount] of amounts.entries()) {
        rows.push(
          await createPayment(m, {
            createdAt,
            amount,
            orderNo: `TIE-${String(7 - index).padStart(2, "0")}`,
          }),
        );
      }
      return rows;
    }

    for (const sort of ["created_at", "amount", "order_no"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        it(`walks three pages by ${sort} ${dir} without duplicates or gaps`, async () => {
          const m = await seedMerchant();
          const other = await seedMerchant();
          const rows = await seedTies(m);
          await seedTies(other);

          const all = await idsOf(m, { sort, dir });
          expect(all).toHaveLength(rows.length);

          const seen: string[] = [];
          const pageSizes: number[] = [];
          let cursor: string | null = null;
          do {
            const page: Awaited<ReturnType<typeof listTransactions>> = await listTransactions(
              m.merchant.id,
              query({ sort, dir, limit: "3", ...(cursor ? { cursor } : {}) }),
            );
            pageSizes.push(page.data.length);
            seen.push(...page.data.map((row) => row.id));
            cursor = page.nextCursor;
          } while (cursor && pageSizes.length < 10);

          expect(pageSizes).toEqual([3, 3, 1]);
          expect(new Set(seen).size).toBe(seen.length);
          expect(seen).toEqual(all);
        });
      }
    }

    it("orders equal timestamps by id, the same way on every call", async () => {
      const m = await seedMerchant();
      const rows = await seedTies(m);
      const byIdDesc = rows
        .map((row) => row.id)
        .sort()
        .reverse();

      expect(await idsOf(m)).toEqual(byIdDesc);
    });

    it("gives no next cursor on the last page", async () => {
      const m = await seedMerchant();
      await createPayment(m);
      await createPayment(m);

      expect((await listTransactions(m.merchant.id, query({ limit: "2" }))).nextCursor).toBeNull();
      expect((await listTransactions(m.merchant.id, query({ limit: "1" }))).nextCursor).toEqual(
        expect.any(String),
      );
    });

    it("refuses a malformed, tampered or mismatched cursor as a validation error", async () => {
      const m = await seedMerchant();
      await seedTies(m);
      const issued = (await listTransactions(m.merchant.id, query({ limit: "2" }))).nextCursor;
      expect(issued).not.toBeNull();
      const tampered = Buffer.from(
        JSON.stringify({ s: "created_at", d: "desc", v: "yesterday", id: "x" }),
      ).toString("base64url");
      const notJson = Buffer.from("{not json").toString("base64url");

      await expectValidationError(
        listTransactions(m.merchant.id, query({ cursor: "not a cursor!" })),
      );
      await expectValidationError(listTransactions(m.merchant.id, query({ cursor: notJson })));
      await expectValidationError(listTransactions(m.merchant.id, query({ cursor: tampered })));
      await expectValidationError(
        listTransactions(m.merchant.id, query({ cursor: issued!, sort: "amount" })),
      );
      await expectValidationError(
        listTransactions(m.merchant.id, query({ cursor: issued!, dir: "asc" })),
      );
    });

    it("keeps the merchant scope whatever the cursor says", async () => {
      const mine = await seedMerchant();
      const theirs = await seedMerchant();
      await seedTies(mine);
      const theirRows = await seedTies(theirs);
      const theirCursor = (await listTransactions(theirs.merchant.id, query({ limit: "1" })))
        .nextCursor!;

      const page = await listTransactions(
        mine.merchant.id,
        query({ cursor: theirCursor, limit: "100" }),
      );
      const theirIds = new Set(theirRows.map((row) => row.id));
      expect(page.data.some((row) => theirIds.has(row.id))).toBe(false);
    });
  });
});

describe("getTransaction", () => {
  beforeEach(resetDatabase);

  it("returns the transaction with its gateway, unit, customer, children and history", async () => {
    const m = await seedMerchant();
    const payment = await createPayment(m, {
      state: "partially_refunded",
      amount: "12.500",
      captured: "12.500",
      refunded: "2.250",
    });
    const refund = await refundOf(m, payment, "2.250");
    await prisma.auditEvent.create({
      data: {
        merchantId: m.merchant.id,
        actorId: m.users.admin.id,
        actorType: "session",
        entity: "payment_transaction",
        entityId: payment.id,
        action: "payment.refunded",
        fromState: "paid",
        toState: "partially_refunded",
      },
    });
    await prisma.auditEvent.create({
      data: {
        merchantId: m.merchant.id,
        actorType: "system",
        entity: "payment_transaction",
        entityId: refund.id,
        action: "refund.created",
      },
    });

    const detail = await getTransaction(m.merchant.id, payment.id);

    expect(detail).not.toBeNull();
    expect(detail!.gateway).toEqual({ code: "knet", name: "KNET" });
    expect(detail!.unit.id).toBe(m.units.online.id);
    expect(detail!.customer?.id).toBe(m.customer.id);
    expect(detail!.children.map((child) => child.id)).toEqual([refund.id]);
    expect(detail!.events).toHaveLength(1);
    const admin = await prisma.user.findUniqueOrThrow({ where: { id: m.users.admin.id } });
    expect(detail!.events[0]).toMatchObject({
      action: "payment.refunded",
      fromState: "paid",
      toState: "partially_refunded",
      actorName: admin.name,
    });
    expect(toTransactionJson(detail!)).toMatchObject({
      amount: "12.500",
      capturedAmount: "12.500",
      refundedAmount: "2.250",
      remainingAmount: "10.250",
      currency: "KWD",
    });

    const child = await getTransaction(m.merchant.id, refund.id);
    expect(child?.parent).toEqual({ id: payment.id, orderNo: payment.orderNo });
  });

  it("returns null for another merchant's transaction, an unknown id and a malformed id", async () => {
    const mine = await seedMerchant();
    const theirs = await seedMerchant();
    const theirPayment = await createPayment(theirs);

    expect(await getTransaction(mine.merchant.id, theirPayment.id)).toBeNull();
    expect(
      await getTransaction(mine.merchant.id, "00000000-0000-4000-8000-000000000000"),
    ).toBeNull();
    expect(await getTransaction(mine.merchant.id, "not-a-uuid")).toBeNull();
    expect(
      await getTransaction(mine.merchant.id, "'; DROP TABLE payment_transaction; --"),
    ).toBeNull();
    expect(await getTransaction(theirs.merchant.id, theirPayment.id)).not.toBeNull();
  });
});
