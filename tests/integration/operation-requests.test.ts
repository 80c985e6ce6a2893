import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { updateSandboxBehaviour } from "@/lib/services/gateways/update-sandbox-behaviour";
import { approveOperationRequest } from "@/lib/services/operation-requests/approve-operation-request";
import { cancelOperationRequest } from "@/lib/services/operation-requests/cancel-operation-request";
import { expireOverdueRequests } from "@/lib/services/operation-requests/expire-overdue-requests";
import { rejectOperationRequest } from "@/lib/services/operation-requests/reject-operation-request";
import { retryOperationRequest } from "@/lib/services/operation-requests/retry-operation-request";
import { submitOperationRequest } from "@/lib/services/operation-requests/submit-operation-request";
import { assignChecker } from "@/lib/services/operations-approval/assign-checker";
import { setWhitelist } from "@/lib/services/operations-approval/set-whitelist";
import { updateApprovalSettings } from "@/lib/services/operations-approval/update-approval-settings";
import {
  createPayment,
  enableApprovals,
  principalOf,
  resetDatabase,
  seedMerchant,
  startSandboxGateway,
  type TestMerchant,
} from "./helpers";

let gateway: Awaited<ReturnType<typeof startSandboxGateway>>;

beforeAll(async () => {
  gateway = await startSandboxGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(resetDatabase);

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected the action to be refused");
}

const load = (id: string) => prisma.operationRequest.findUniqueOrThrow({ where: { id } });

async function setup(overrides: Parameters<typeof enableApprovals>[2] = {}) {
  const m = await seedMerchant();
  const checker = await enableApprovals(m, "checker", overrides);
  const maker = principalOf(m, "maker");
  return { m, checker, maker };
}

async function setMode(
  m: TestMerchant,
  mode: "succeed" | "decline" | "error" | "timeout",
  failNext = 0,
) {
  await updateSandboxBehaviour(principalOf(m, "admin"), {
    gatewayId: m.gateways.knet.id,
    mode,
    failNext,
  });
}

describe("submitting", () => {
  it("makes a pending request with the remaining amount, audited, and emails the checker", async () => {
    const { m, maker } = await setup();
    const payment = await createPayment(m, {
      amount: "20.000",
      refunded: "5.000",
      state: "partially_refunded",
    });
    const id = await submitOperationRequest(maker, {
      transactionId: payment.id,
      operation: "refund",
    });
    const request = await load(id);
    expect(request.state).toBe("pending");
    expect(request.amount.toString()).toBe("15");
    expect(request.deadlineAt).toBeNull();
    expect(
      await prisma.auditEvent.count({
        where: { entityId: id, action: "operation_request.submitted" },
      }),
    ).toBe(1);
    const emails = await prisma.emailOutbox.findMany({ where: { entityId: id } });
    expect(emails.map((e) => [e.kind, e.to])).toEqual([
      ["operation_request.pending", [m.users.checker.email]],
    ]);
  });

  it("refuses a second open request on the payment, naming the open operation", async () => {
    const { m, maker } = await setup();
    const payment = await createPayment(m);
    await submitOperationRequest(maker, {
      transactionId: payment.id,
      operation: "refund",
      amount: "1.000",
    });
    expect(
      await refusal(
        submitOperationRequest(principalOf(m, "admin"), {
          transactionId: payment.id,
          operation: "refund",
          amount: "2.000",
        }),
      ),
    ).toEqual({
      code: "operation_pending",
      message: "Requested Refund is pending for approval",
    });
    expect(await prisma.operationRequest.count()).toBe(1);
  });

  it("is backed by a partial unique index, not only by code", async () => {
    const { m, maker } = await setup();
    const payment = await createPayment(m);
    const id = await submitOperationRequest(maker, {
      transactionId: payment.id,
      operation: "refund",
    });
    const first = await load(id);
    const { id: _id, gatewayKey: _key, createdAt: _c, updatedAt: _u, ...copy } = first;
    await expect(
      prisma.operationRequest.create({
        data: {
          ...copy,
          state: "approved",
          decidedById: m.users.checker.id,
          decidedAt: new Date(),
        },
      }),
    ).rejects.toThrow();
    await prisma.operationRequest.update({ where: { id }, data: { state: "canceled" } });
    await expect(
      prisma.operationRequest.create({ data: { ...copy, state: "pending" } }),
    ).resolves.toBeTruthy();
  });

  it("gives exactly one request for 100 parallel submits on one payment", async () => {
    const { m, maker } = await setup();
    const payment = await createPayment(m);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () =>
        submitOperationRequest(maker, {
          transactionId: payment.id,
          operation: "refund",
          amount: "1.000",
        }),
      ),
    );
    const created = results.filter((r) => r.status === "fulfilled");
    const pending = results.filter(
      (r) =>
        r.status === "rejected" &&
        r.reason instanceof AppError &&
        r.reason.code === "operation_pending",
    );
    expect(created).toHaveLength(1);
    expect(pending).toHaveLength(99);
    expect(await prisma.operationRequest.count({ where: { transactionId: payment.id } })).toBe(1);
  });

  it("refuses bad amounts with clear errors and writes nothing", async () => {
    const { m, maker } = await setup();
    const payment = await createPayment(m, { amount: "10.000" });
    const usd = await createPayment(m, { amount: "10.00", currency: "USD" });
    expect(
      (
        await refusal(
          submitOperationRequest(maker, {
            transactionId: usd.id,
            operation: "refund",
            amount: "1.001",
          }),
        )
      ).code,
    ).toBe("validation_error");
    expect(
      await refusal(
        submitOperationRequest(maker, {
          transactionId: payment.id,
          operation: "refund",
          amount: "10.001",
        }),
      ),
    ).toEqual({
      code: "amount_exceeds_remaining",
      message: "The refund amount is more than the 10.000 KWD left to refund.",
    });
    expect(
      (
        await refusal(
          submitOperationRequest(maker, {
            transactionId: payment.id,
            operation: "refund",
            amount: "0",
          }),
        )
      ).code,
    ).toBe("validation_error");
    expect(
      (
        await refusal(
          submitOperationRequest(maker, {
            transactionId: payment.id,
            operation: "refund",
            amount: "-1",
          }),
        )
      ).code,
    ).toBe("validation_error");
    expect(
      (
        await refusal(
          submitOperationRequest(maker, { transactionId: payment.id, operation: "void" }),
        )
      ).code,
    ).toBe("operation_not_allowed");
    expect(await prisma.operationRequest.count()).toBe(0);
    expect(await prisma.auditEvent.count({ where: { entity: "operation_request" } })).toBe(0);
  });

  it("answers not_found for another merchant's payment and for malformed ids", async () => {
    const { maker } = await setup();
    const other = await seedMerchant();
    const foreign = await createPayment(other);
    expect(
      (
        await refusal(
          submitOperationRequest(maker, { transactionId: foreign.id, operation: "refund" }),
        )
      ).code,
    ).toBe("not_found");
    expect(
      (
        await refusal(
          submitOperationRequest(maker, { transactionId: "not-a-uuid", operation: "refund" }),
        )
      ).code,
    ).toBe("not_found");
  });

  it("refuses a viewer, who holds neither refund nor void", async () => {
    const { m } = await setup();
    const payment = await createPayment(m);
    expect(
      (
        await refusal(
          submitOperationRequest(principalOf(m, "viewer"), {
            transactionId: payment.id,
            operation: "refund",
          }),
        )
      ).code,
    ).toBe("forbidden");
  });
});

describe("direct execution", () => {
  it("executes at once when the plugin is disabled", async () => {
    const { m, maker } = await setup({ enabled: false });
    const payment = await createPayment(m, { amount: "10.000" });
    const request = await load(
      await submitOperationRequest(maker, {
        transactionId: payment.id,
        operation: "refund",
        amount: "4.000",
      }),
    );
    expect(request).toMatchObject({
      state: "done",
      directReason: "plugin_disabled",
      decidedById: m.users.maker.id,
    });
    const after = await prisma.paymentTransaction.findUniqueOrThrow({ where: { id: payment.id } });
    expect([after.state, after.refundedAmount.toString()]).toEqual(["partially_refunded", "4"]);
  });

  it("executes at once for the checker and for whitelisted members, for that operation only", async () => {
    const { m, checker } = await setup();
    const a = await createPayment(m);
    expect(
      (
        await load(
          await submitOperationRequest(checker, { transactionId: a.id, operation: "refund" }),
        )
      ).directReason,
    ).toBe("checker");

    await setWhitelist(checker, m.users.maker.id, ["void"]);
    const maker = principalOf(m, "maker");
    const authorized = await createPayment(m, { state: "authorized" });
    expect(
      (
        await load(
          await submitOperationRequest(maker, { transactionId: authorized.id, operation: "void" }),
        )
      ).state,
    ).toBe("done");
    expect(
      (await prisma.paymentTransaction.findUniqueOrThrow({ where: { id: authorized.id } })).state,
    ).toBe("voided");
    const b = await createPayment(m);
    expect(
      (
        await load(
          await submitOperationRequest(maker, { transactionId: b.id, operation: "refund" }),
        )
      ).state,
    ).toBe("pending");
  });
});

describe("deciding", () => {
  it("approve: done, with the payment, child transaction, audit and customer email in one go", async () => {
    const { m, checker, maker } = await setup();
    const payment = await createPayment(m, { amount: "10.000" });
    const id = await submitOperationRequest(maker, {
      transactionId: payment.id,
      operation: "refund",
    });
    await approveOperationRequest(checker, id);
    const request = await load(id);
    expect(request).toMatchObject({
      state: "done",
      decidedById: m.users.checker.id,
      executingSince: null,
    });
    const after = await prisma.paymentTransaction.findUniqueOrThrow({
      where: { id: payment.id },
      include: { children: true },
    });
    expect(after.state).toBe("refunded");
    expect(after.refundedAmount.toString()).toBe("10");
    expect(after.children.map((c) => [c.kind, c.amount.toString(), c.id])).toEqual([
      ["refund", "10", request.resultTransactionId],
    ]);
    const done = await prisma.emailOutbox.findFirstOrThrow({
      where: { entityId: id, kind: "operation_request.done" },
    });
    expect(done.to).toEqual([m.customer.email]);
    expect(done.bcc).toEqual([m.users.maker.email]); // the Online unit has "Bcc initiator" on
    expect(
      await prisma.gatewayAttempt.count({ where: { requestId: id, outcome: "succeeded" } }),
    ).toBe(1);
    expect(
      await prisma.auditEvent.findMany({
        where: { entityId: id },
        orderBy: { id: "asc" },
        select: { action: true },
      }),
    ).toEqual([
      { action: "operation_request.submitted" },
      { action: "operation_request.approved" },
      { action: "operation_request.done" },
    ]);
  });

  it("only the checker approves or rejects", async () => {
    const { m, maker } = await setup();
    const payment = await createPayment(m);
    const id = await submitOperationRequest(maker, {
      transactionId: payment.id,
      operation: "refund",
    });
    expect((await refusal(approveOperationRequest(principalOf(m, "admin"), id))).code).toBe(
      "forbidden",
    );
    expect((await refusal(rejectOperationRequest(maker, id, "no"))).code).toBe("forbidden");
    expect((await load(id)).state).toBe("pending");
  });

  it("approving a canceled or decided request says why", async () => {
    const { m, checker, maker } = await setup();
    const a = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    await cancelOperationRequest(maker, a);
    expect(await refusal(approveOperationRequest(checker, a))).toEqual({
      code: "request_canceled",
      message: "This request has been canceled.",
    });
    const b = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    await rejectOperationRequest(checker, b, "Customer already compensated");
    expect(await refusal(approveOperationRequest(checker, b))).toEqual({
      code: "invalid_state",
      message: "This request is already rejected.",
    });
  });

  it("reject needs a reason, and tells the maker only", async () => {
    const { m, checker, maker } = await setup();
    const id = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    expect((await refusal(rejectOperationRequest(checker, id, "   "))).code).toBe(
      "validation_error",
    );
    await rejectOperationRequest(checker, id, "Duplicate of order 17");
    expect(await load(id)).toMatchObject({
      state: "rejected",
      rejectionReason: "Duplicate of order 17",
      decidedById: m.users.checker.id,
    });
    const email = await prisma.emailOutbox.findFirstOrThrow({
      where: { entityId: id, kind: "operation_request.rejected" },
    });
    expect(email.to).toEqual([m.users.maker.email]);
    expect(email.bcc).toEqual([]);
    expect(email.text).toContain("Duplicate of order 17");
  });

  it("members cancel pending requests; the checker cannot", async () => {
    const { m, checker, maker } = await setup();
    const id = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    expect((await refusal(cancelOperationRequest(checker, id))).code).toBe("forbidden");
    expect((await refusal(cancelOperationRequest(principalOf(m, "viewer"), id))).code).toBe(
      "forbidden",
    );
    await cancelOperationRequest(principalOf(m, "admin"), id);
    expect((await load(id)).state).toBe("canceled");
  });

  it("answers not_found for another merchant's request", async () => {
    const { m, maker } = await setup();
    const id = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    const other = await seedMerchant();
    const otherChecker = await enableApprovals(other);
    expect((await refusal(approveOperationRequest(otherChecker, id))).code).toBe("not_found");
    expect((await refusal(cancelOperationRequest(principalOf(other, "maker"), id))).code).toBe(
      "not_found",
    );
  });
});

describe("execution against the gateway", () => {
  it("a decline needs manual action with a 48 h deadline and an email; a retry then succeeds with the same key", async () => {
    const { m, checker, maker } = await setup();
    await setMode(m, "decline");
    const id = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    const before = Date.now();
    await approveOperationRequest(checker, id);
    const failed = await load(id);
    expect(failed.state).toBe("manual_action_required");
    expect(failed.failureCode).toBe("05");
    expect(failed.deadlineAt!.getTime() - before).toBeGreaterThanOrEqual(48 * 3600_000 - 5000);
    expect(failed.deadlineAt!.getTime() - before).toBeLessThanOrEqual(48 * 3600_000 + 5000);
    const email = await prisma.emailOutbox.findFirstOrThrow({
      where: { entityId: id, kind: "operation_request.manual_action_required" },
    });
    expect(email.to).toEqual([m.users.maker.email]);

    // Still failing: stays, same deadline.
    await retryOperationRequest(maker, id);
    expect((await load(id)).deadlineAt).toEqual(failed.deadlineAt);

    await setMode(m, "succeed");
    await retryOperationRequest(checker, id);
    expect((await load(id)).state).toBe("done");
    expect(await prisma.gatewayAttempt.count({ where: { requestId: id } })).toBe(3);
    expect(await prisma.sandboxGatewayOperation.findMany({ where: {} })).toHaveLength(1);
    expect((await prisma.sandboxGatewayOperation.findFirstOrThrow()).idempotencyKey).toBe(
      failed.gatewayKey,
    );
  });

  it("timeouts and 5xx are failures too", async () => {
    process.env.GATEWAY_TIMEOUT_MS = "300";
    try {
      const { m, checker, maker } = await setup();
      const timeout = await submitOperationRequest(maker, {
        transactionId: (await createPayment(m, { amount: "408.000" })).id,
        operation: "refund",
      });
      await approveOperationRequest(checker, timeout);
      expect(await load(timeout)).toMatchObject({
        state: "manual_action_required",
        failureCode: "timeout",
      });
      const error = await submitOperationRequest(maker, {
        transactionId: (await createPayment(m, { amount: "500.000" })).id,
        operation: "refund",
      });
      await approveOperationRequest(checker, error);
      expect(await load(error)).toMatchObject({
        state: "manual_action_required",
        failureCode: "http_502",
      });
    } finally {
      delete process.env.GATEWAY_TIMEOUT_MS;
    }
  });

  it("fail-next declines that many calls, then follows the mode", async () => {
    const { m, checker, maker } = await setup();
    await setMode(m, "succeed", 1);
    const id = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    await approveOperationRequest(checker, id);
    expect((await load(id)).state).toBe("manual_action_required");
    await retryOperationRequest(maker, id);
    expect((await load(id)).state).toBe("done");
  });

  it("50 parallel approve and retry calls reach the gateway once", async () => {
    const { m, checker, maker } = await setup();
    const id = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    const callsBefore = gateway.calls();
    await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 ? approveOperationRequest(checker, id) : retryOperationRequest(checker, id),
      ),
    );
    expect((await load(id)).state).toBe("done");
    expect(gateway.calls() - callsBefore).toBe(1);
    expect(await prisma.gatewayAttempt.count({ where: { requestId: id } })).toBe(1);
    expect(
      await prisma.paymentTransaction.count({
        where: { parentId: (await load(id)).transactionId },
      }),
    ).toBe(1);
  });

  it("50 parallel retries make one gateway call and one audit row; the others hear a retry is running", async () => {
    const { m, checker, maker } = await setup();
    await setMode(m, "decline");
    const id = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    await approveOperationRequest(checker, id);
    await setMode(m, "succeed");
    const callsBefore = gateway.calls();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => retryOperationRequest(maker, id)),
    );
    expect((await load(id)).state).toBe("done");
    expect(gateway.calls() - callsBefore).toBe(1);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toBeInstanceOf(AppError);
    }
    expect(
      await prisma.auditEvent.count({
        where: { entityId: id, action: "operation_request.retry_requested" },
      }),
    ).toBe(1);
  });

  it("after a done refund only what remains can be refunded, and nothing can be voided", async () => {
    const { m, checker } = await setup();
    const payment = await createPayment(m, { amount: "10.000" });
    await submitOperationRequest(checker, {
      transactionId: payment.id,
      operation: "refund",
      amount: "6.000",
    });
    expect(
      (
        await refusal(
          submitOperationRequest(checker, {
            transactionId: payment.id,
            operation: "refund",
            amount: "4.001",
          }),
        )
      ).code,
    ).toBe("amount_exceeds_remaining");
    expect(
      (
        await refusal(
          submitOperationRequest(checker, { transactionId: payment.id, operation: "void" }),
        )
      ).code,
    ).toBe("operation_not_allowed");
    await submitOperationRequest(checker, { transactionId: payment.id, operation: "refund" });
    const after = await prisma.paymentTransaction.findUniqueOrThrow({ where: { id: payment.id } });
    expect([after.state, after.refundedAmount.toString()]).toEqual(["refunded", "10"]);
    expect(
      (
        await refusal(
          submitOperationRequest(checker, { transactionId: payment.id, operation: "refund" }),
        )
      ).message,
    ).toBe("This payment has nothing left to refund.");
  });
});

describe("expiry", () => {
  it("expires pending requests past the pending deadline, and refuses actions on overdue ones", async () => {
    const { m, checker, maker } = await setup({ pendingExpiryHours: 1 });
    const a = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    const b = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    expect((await load(a)).deadlineAt).not.toBeNull();
    expect(await expireOverdueRequests(new Date())).toBe(0);

    // Overdue, and someone acts before the job runs: refused, and the request is expired.
    await prisma.operationRequest.updateMany({
      where: { id: { in: [a, b] } },
      data: { deadlineAt: new Date(Date.now() - 1000) },
    });
    expect(await refusal(approveOperationRequest(checker, a))).toEqual({
      code: "request_expired",
      message: "This request has expired.",
    });
    expect((await load(a)).state).toBe("expired");
    expect(await refusal(approveOperationRequest(checker, a))).toEqual({
      code: "request_expired",
      message: "This request has expired.",
    });

    expect(await expireOverdueRequests()).toBe(1);
    expect((await load(b)).state).toBe("expired");
    expect(await prisma.auditEvent.count({ where: { action: "operation_request.expired" } })).toBe(
      2,
    );
  });

  it("expires manual-action requests past their deadline; setting changes do not move deadlines", async () => {
    const { m, checker, maker } = await setup();
    await setMode(m, "decline");
    const id = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    await approveOperationRequest(checker, id);
    const { deadlineAt } = await load(id);
    await updateApprovalSettings(principalOf(m, "admin"), {
      enabled: true,
      manualActionExpiryHours: 1,
      pendingExpiryHours: 0,
      notifyCheckerOnPending: true,
    });
    expect((await load(id)).deadlineAt).toEqual(deadlineAt);
    expect(await expireOverdueRequests(new Date(deadlineAt!.getTime() - 1000))).toBe(0);
    expect(await expireOverdueRequests(new Date(deadlineAt!.getTime() + 1000))).toBe(1);
    expect(await refusal(retryOperationRequest(maker, id))).toEqual({
      code: "request_expired",
      message: "This request has expired.",
    });
  });

  it("a pending expiry of 0 means requests wait however long it takes", async () => {
    const { m, maker } = await setup({ pendingExpiryHours: 0 });
    const id = await submitOperationRequest(maker, {
      transactionId: (await createPayment(m)).id,
      operation: "refund",
    });
    expect(await expireOverdueRequests(new Date(Date.now() + 10 * 365 * 24 * 3600_000))).toBe(0);
    expect((await load(id)).state).toBe("pending");
  });
});

describe("settings", () => {
  it("assigns one active member as checker and audits every change", async () => {
    const { m } = await setup();
    const admin = principalOf(m, "admin");
    await assignChecker(admin, m.users.viewer.id);
    expect(
      (
        await prisma.operationsApprovalSettings.findUniqueOrThrow({
          where: { merchantId: m.merchant.id },
        })
      ).checkerUserId,
    ).toBe(m.users.viewer.id);
    const other = await seedMerchant();
    expect((await refusal(assignChecker(admin, other.users.maker.id))).code).toBe(
      "validation_error",
    );
    // The database stands behind it: an inactive checker is refused even by a direct write.
    await expect(
      prisma.membership.update({
        where: { userId_merchantId: { userId: m.users.viewer.id, merchantId: m.merchant.id } },
        data: { active: false },
      }),
    ).rejects.toThrow(/another checker/);
    await updateApprovalSettings(admin, {
      enabled: false,
      manualActionExpiryHours: 24,
      pendingExpiryHours: 2,
      notifyCheckerOnPending: false,
    });
    expect(
      await prisma.auditEvent.count({ where: { entity: "operations_approval_settings" } }),
    ).toBe(2);
  });

  it("lets only the checker or an admin change the whitelist", async () => {
    const { m, checker } = await setup();
    expect(
      (await refusal(setWhitelist(principalOf(m, "maker"), m.users.maker.id, ["refund"]))).code,
    ).toBe("forbidden");
    await setWhitelist(checker, m.users.maker.id, ["refund", "void"]);
    await setWhitelist(principalOf(m, "admin"), m.users.maker.id, ["refund"]);
    expect(
      (await prisma.operationWhitelistEntry.findMany({ where: { userId: m.users.maker.id } })).map(
        (e) => e.operation,
      ),
    ).toEqual(["refund"]);
  });
});
