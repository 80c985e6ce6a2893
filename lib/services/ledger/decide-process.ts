import "server-only";
import { prisma, type Tx } from "@/lib/db";
import type { Principal } from "@/lib/domain/auth/principal";
import { type ProcessType, processTypeDefinition } from "@/lib/domain/ledger/catalogue";
import {
  CODE_CHECK_MESSAGES,
  checkOneTimeCode,
  ONE_TIME_CODE_PATTERN,
} from "@/lib/domain/ledger/one-time-codes";
import { planOpening, planResolution, type Resolution } from "@/lib/domain/ledger/recipes";
import type { ProcessStatus } from "@/lib/domain/ledger/statuses";
import { DEFAULT_HOLD_SECONDS } from "@/lib/domain/ledger/transfers";
import { parseMoney } from "@/lib/domain/money/money";
import {
  mayApproveCardIssue,
  mayDecideProcess,
  mayReviewProcess,
  mayViewProcess,
} from "@/lib/domain/policies/processes";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/services/authorization/authorize";
import { isUuid } from "@/lib/validation/ids";
import { SafeLine } from "@/lib/validation/strings";
import { systemAccountId } from "./accounts";
import { auditProcess, callerOf, type LedgerCaller } from "./caller";
import { oneTimeCodeMatches } from "./one-time-code";
import {
  insertTransfers,
  LEDGER_TRANSACTION_OPTIONS,
  lockAccounts,
  nextSeq,
  readHolds,
  refusalError,
  toPlannedHolds,
} from "./writer";

/**
 * The steps after a process's first session: the second session of a distributed process (approve
 * captures the hold, decline releases it), the anti-fraud review of a limited process, the service
 * role's approval and the customer's code for a card issue, the payer of a created merchant
 * payment, and the expiry of holds. Each step locks the process row first, so two steps on one
 * process run one after the other and the second sees the first's outcome.
 */

type LockedProcess = {
  id: string;
  type: ProcessType;
  status: ProcessStatus;
  amount: bigint;
  fee: bigint;
  currency: string;
  customer_id: string | null;
  source_account_id: string | null;
  destination_account_id: string | null;
  gateway_id: string | null;
  counter_amount: bigint | null;
  hold_expires_at: Date | null;
  approved_at: Date | null;
  otp_confirmed_at: Date | null;
};

export async function lockProcess(
  tx: Tx,
  merchantId: string,
  processId: string,
): Promise<LockedProcess> {
  // A malformed id is "no such process", not a failed ::uuid cast (a 500).
  if (!isUuid(processId)) throw new AppError("not_found", "No such process.");
  const [row] = await tx.$queryRaw<LockedProcess[]>`
    SELECT id, type::text AS type, status::text AS status, amount, fee, currency, customer_id,
           source_account_id, destination_account_id, gateway_id, counter_amount, hold_expires_at,
           approved_at, otp_confirmed_at
    FROM business_process WHERE id = ${processId}::uuid AND merchant_id = ${merchantId}::uuid FOR UPDATE`;
  if (!row) throw new AppError("not_found", "No such process.");
  return {
    ...row,
    amount: BigInt(row.amount),
    fee: BigInt(row.fee),
    counter_amount: row.counter_amount === null ? null : BigInt(row.counter_amount),
  };
}

function invalidState(process: LockedProcess, step: string): AppError {
  return new AppError(
    "invalid_state",
    `A ${process.status.replaceAll("_", " ")} process cannot be ${step}.`,
    {
      status: process.status,
    },
  );
}

/** Moves the status with a conditional update (the row is locked; the trigger guards the move). */
async function moveStatus(
  tx: Tx,
  caller: LedgerCaller,
  process: LockedProcess,
  to: ProcessStatus,
  action: Parameters<typeof auditProcess>[3],
  fields: Record<string, unknown> = {},
  data: Record<string, string | string[] | null> = {},
): Promise<void> {
  const finished = to === "processed" || to === "declined" || to === "rejected" || to === "error";
  const updated = await tx.businessProcess.updateMany({
    where: { id: process.id, status: process.status },
    data: {
      status: to,
      ...(finished ? { finishedAt: new Date(), holdExpiresAt: null } : {}),
      ...fields,
    },
  });
  if (updated.count !== 1) throw invalidState(process, "moved");
  await auditProcess(tx, caller, process.id, action, process.status, to, data);
  process.status = to;
}

/** Resolves every hold of the process (post, void or expire) through the one writer. */
async function resolveHolds(
  tx: Tx,
  caller: LedgerCaller,
  process: LockedProcess,
  resolution: Resolution,
  captureAmount?: bigint,
) {
  const holds = await readHolds(tx, process.id);
  const accounts = await lockAccounts(
    tx,
    caller.merchantId,
    holds.flatMap((h) => [h.debitId, h.creditId]),
  );
  const plan = planResolution(toPlannedHolds(holds, accounts), resolution, {
    now: new Date(),
    firstSeq: await nextSeq(tx, process.id),
    ...(captureAmount === undefined ? {} : { captureAmount }),
  });
  if (!plan.ok) throw refusalError(plan);
  return insertTransfers(tx, {
    merchantId: caller.merchantId,
    processId: process.id,
    transfers: plan.transfers,
  });
}

/**
 * The opening movement of a process that did not move anything yet (limited, waiting for approval,
 * created): the recipe against the accounts recorded on the row. A distributed process holds; the
 * others post. Returns whether it holds (the process then stays pending).
 */
async function openMovement(
  tx: Tx,
  caller: LedgerCaller,
  process: LockedProcess,
): Promise<boolean> {
  const definition = processTypeDefinition(process.type);
  const roles: Record<string, string | null> = {
    source: process.source_account_id,
    destination: process.destination_account_id,
  };
  const systemIds = await tx.$queryRaw<
    { id: string; kind: string; currency: string; gateway_id: string | null }[]
  >`
    SELECT id, kind::text AS kind, currency, gateway_id FROM ledger_account
    WHERE merchant_id = ${caller.merchantId}::uuid
      AND ((kind IN ('merchant_coin', 'bank', 'exchange_reserve', 'fees') AND currency = ${process.currency})
        OR (kind = 'provider_clearing' AND gateway_id = ${process.gateway_id}::uuid))`;
  for (const row of systemIds) {
    const role = {
      merchant_coin: "merchant",
      bank: "bank",
      exchange_reserve: "reserve",
      fees: "fees",
      provider_clearing: "provider",
    }[row.kind];
    if (role) roles[role] = row.id;
  }
  const needed = new Set(definition.legs.flatMap((leg) => [leg.debit, leg.credit]));
  if (process.fee > 0n) needed.add("fees");
  const ids = [...needed].map((role) => roles[role]);
  if (ids.some((id) => !id))
    throw new AppError(
      "invalid_state",
      "The process's accounts are incomplete; it cannot be processed.",
    );
  const locked = await lockAccounts(tx, caller.merchantId, ids as string[]);
  const byRole = Object.fromEntries(
    [...needed].map((role) => [role, locked.get(roles[role] as string)]),
  );
  const hold = definition.mode === "distributed";
  const expiresAt = hold ? new Date(Date.now() + DEFAULT_HOLD_SECONDS * 1000) : null;
  const plan = planOpening(
    definition,
    byRole,
    { amount: process.amount, fee: process.fee, counter: process.counter_amount ?? 0n },
    { hold, expiresAt },
  );
  if (!plan.ok) throw refusalError(plan);
  await insertTransfers(tx, {
    merchantId: caller.merchantId,
    processId: process.id,
    transfers: plan.transfers,
  });
  if (hold)
    await tx.businessProcess.update({
      where: { id: process.id },
      data: { holdExpiresAt: expiresAt },
    });
  return hold;
}

async function step<T>(
  principal: Principal,
  processId: string,
  run: (tx: Tx, caller: LedgerCaller, process: LockedProcess) => Promise<T>,
): Promise<T> {
  const caller = callerOf(principal);
  return prisma.$transaction(async (tx) => {
    const process = await lockProcess(tx, caller.merchantId, processId);
    authorize(principal, (actor) => mayViewProcess(actor, process.type));
    return run(tx, caller, process);
  }, LEDGER_TRANSACTION_OPTIONS);
}

function captureOf(amount: string | undefined, currency: string): bigint | undefined {
  if (amount === undefined) return undefined;
  const parsed = parseMoney(amount, currency);
  if (!parsed.ok) {
    const message = `amount must be a decimal amount in ${currency}'s precision.`;
    throw new AppError("validation_error", message, [{ field: "amount", message }]);
  }
  return parsed.money.minor;
}

/**
 * Approve: the second session of a distributed process posts its holds (all, or `amount` of the
 * first: the rest is released); a created merchant payment is paid from `sourceAccountId`.
 */
export async function approveProcess(
  principal: Principal,
  processId: string,
  input: { amount?: string; sourceAccountId?: string } = {},
): Promise<void> {
  try {
    await approveInTransaction(principal, processId, input);
  } catch (error) {
    // A second session that fails for an unexpected reason leaves the hold as it was (the
    // transaction rolled back): the failure is recorded on the process, and approve can be retried.
    if (!(error instanceof AppError)) await recordStepFailure(principal, processId, error);
    throw error;
  }
}

async function recordStepFailure(principal: Principal, processId: string, error: unknown) {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const caller = callerOf(principal);
  await prisma
    .$transaction(async (tx) => {
      const updated = await tx.businessProcess.updateMany({
        where: { id: processId, merchantId: caller.merchantId, status: "pending" },
        data: { lastError: message },
      });
      if (updated.count === 1) {
        await auditProcess(
          tx,
          caller,
          processId,
          "business_process.step_failed",
          "pending",
          "pending",
          {
            error: message,
          },
        );
      }
    })
    .catch(() => undefined);
}

async function approveInTransaction(
  principal: Principal,
  processId: string,
  input: { amount?: string; sourceAccountId?: string },
): Promise<void> {
  await step(principal, processId, async (tx, caller, process) => {
    authorize(principal, (actor) => mayDecideProcess(actor, process.type));
    if (process.status === "created") {
      if (!input.sourceAccountId) {
        const message = "A created merchant payment is approved with the payer's sourceAccountId.";
        throw new AppError("validation_error", message, [{ field: "sourceAccountId", message }]);
      }
      const [source] = await tx.$queryRaw<
        { id: string; currency: string; customer_id: string | null; kind: string }[]
      >`
        SELECT id, currency, customer_id, kind::text AS kind FROM ledger_account
        WHERE id = ${input.sourceAccountId}::uuid AND merchant_id = ${caller.merchantId}::uuid`;
      if (!source)
        throw new AppError("not_found", "No such source account.", [
          { field: "sourceAccountId", message: "Unknown account." },
        ]);
      if (source.currency !== process.currency)
        throw new AppError(
          "currency_mismatch",
          `The source account is in ${source.currency}, the payment in ${process.currency}.`,
        );
      if (!["client_coin", "prepaid_voucher", "deposit_coin"].includes(source.kind)) {
        throw new AppError(
          "validation_error",
          "A merchant payment is paid from a customer's account.",
          [{ field: "sourceAccountId", message: "Not a customer's account." }],
        );
      }
      await systemAccountId(tx, caller.merchantId, "merchant_coin", process.currency);
      await tx.businessProcess.update({
        where: { id: process.id },
        data: { sourceAccountId: source.id, customerId: source.customer_id },
      });
      process.source_account_id = source.id;
      await moveStatus(tx, caller, process, "pending", "business_process.processed", {
        decidedById: caller.userId,
        decidedAt: new Date(),
      });
      await openMovement(tx, caller, process);
      await moveStatus(tx, caller, process, "processed", "business_process.processed");
      return;
    }
    if (
      process.status !== "pending" ||
      processTypeDefinition(process.type).mode !== "distributed"
    ) {
      throw invalidState(process, "approved");
    }
    const written = await resolveHolds(
      tx,
      caller,
      process,
      "post",
      captureOf(input.amount, process.currency),
    );
    await moveStatus(
      tx,
      caller,
      process,
      "processed",
      "business_process.processed",
      { decidedById: caller.userId, decidedAt: new Date() },
      { transfers: written.map((t) => t.id) },
    );
  });
}

/** Decline: a distributed process's holds are released; a created or waiting process ends without moving anything. */
export async function declineProcess(
  principal: Principal,
  processId: string,
  input: { reason?: string } = {},
): Promise<void> {
  const reason = input.reason === undefined ? null : SafeLine.max(500).parse(input.reason);
  await step(principal, processId, async (tx, caller, process) => {
    if (process.status === "waiting_for_approval") {
      authorize(principal, mayApproveCardIssue);
    } else {
      authorize(principal, (actor) => mayDecideProcess(actor, process.type));
    }
    if (
      process.status === "pending" &&
      processTypeDefinition(process.type).mode === "distributed"
    ) {
      const written = await resolveHolds(tx, caller, process, "void");
      await moveStatus(
        tx,
        caller,
        process,
        "declined",
        "business_process.declined",
        { decidedById: caller.userId, decidedAt: new Date(), statusReason: reason },
        { transfers: written.map((t) => t.id), reason },
      );
      return;
    }
    if (process.status === "created" || process.status === "waiting_for_approval") {
      await moveStatus(
        tx,
        caller,
        process,
        "declined",
        "business_process.declined",
        { decidedById: caller.userId, decidedAt: new Date(), statusReason: reason },
        { reason },
      );
      return;
    }
    throw invalidState(process, "declined");
  });
}

/** Anti-fraud approves a limited process: it moves to pending and its first session runs now. */
export async function reviewApproveProcess(principal: Principal, processId: string): Promise<void> {
  await step(principal, processId, async (tx, caller, process) => {
    authorize(principal, mayReviewProcess);
    if (process.status !== "limited") throw invalidState(process, "approved by review");
    await moveStatus(tx, caller, process, "pending", "business_process.review_approved", {
      reviewedById: caller.userId,
      reviewedAt: new Date(),
    });
    const holds = await openMovement(tx, caller, process);
    if (!holds) await moveStatus(tx, caller, process, "processed", "business_process.processed");
  });
}

/** Anti-fraud rejects a limited process, with a reason; nothing was held, nothing moves. */
export async function reviewRejectProcess(
  principal: Principal,
  processId: string,
  input: { reason: string },
): Promise<void> {
  const reason = SafeLine.min(1).max(500).parse(input.reason.trim());
  await step(principal, processId, async (tx, caller, process) => {
    authorize(principal, mayReviewProcess);
    if (process.status !== "limited") throw invalidState(process, "rejected by review");
    await moveStatus(
      tx,
      caller,
      process,
      "rejected",
      "business_process.review_rejected",
      { reviewedById: caller.userId, reviewedAt: new Date(), statusReason: reason },
      { reason },
    );
  });
}

/** When a card issue has both the service role's approval and the customer's code, it runs. */
async function proceedIfReady(tx: Tx, caller: LedgerCaller, process: LockedProcess): Promise<void> {
  if (!process.approved_at || !process.otp_confirmed_at) return;
  await moveStatus(tx, caller, process, "pending", "business_process.service_approved");
  const holds = await openMovement(tx, caller, process);
  if (!holds) await moveStatus(tx, caller, process, "processed", "business_process.processed");
}

export async function serviceApproveProcess(
  principal: Principal,
  processId: string,
): Promise<void> {
  await step(principal, processId, async (tx, caller, process) => {
    authorize(principal, mayApproveCardIssue);
    if (process.status !== "waiting_for_approval" || process.approved_at)
      throw invalidState(process, "approved by the service role");
    const now = new Date();
    await tx.businessProcess.update({
      where: { id: process.id },
      data: { approvedById: caller.userId, approvedAt: now },
    });
    await auditProcess(
      tx,
      caller,
      process.id,
      "business_process.service_approved",
      process.status,
      process.status,
    );
    process.approved_at = now;
    await proceedIfReady(tx, caller, process);
  });
}

/**
 * The customer's one-time code. A wrong code counts a try and is committed (so tries cannot be
 * reset by an error); the answer then says what is wrong.
 */
export async function confirmProcessCode(
  principal: Principal,
  processId: string,
  input: { code: string },
): Promise<void> {
  if (!ONE_TIME_CODE_PATTERN.test(input.code)) {
    const message = "The code is 6 digits.";
    throw new AppError("validation_error", message, [{ field: "code", message }]);
  }
  const failure = await step(principal, processId, async (tx, caller, process) => {
    authorize(principal, (actor) => mayDecideProcess(actor, process.type));
    if (process.status !== "waiting_for_approval" || process.otp_confirmed_at)
      throw invalidState(process, "confirmed with a code");
    const stored = await tx.processOneTimeCode.findUnique({ where: { processId: process.id } });
    if (!stored) throw new AppError("invalid_state", "No code was sent for this process.");
    const now = new Date();
    const outcome = checkOneTimeCode(
      stored,
      oneTimeCodeMatches(process.id, input.code, stored.codeHash),
      now,
    );
    if (!outcome.ok) {
      if (outcome.reason === "wrong_code") {
        await tx.processOneTimeCode.update({
          where: { processId: process.id },
          data: { attempts: { increment: 1 } },
        });
        await auditProcess(tx, caller, process.id, "business_process.code_failed", null, null, {
          attempts: String(stored.attempts + 1),
        });
      }
      return CODE_CHECK_MESSAGES[outcome.reason];
    }
    await tx.processOneTimeCode.update({
      where: { processId: process.id },
      data: { confirmedAt: now, attempts: { increment: 1 } },
    });
    await tx.businessProcess.update({ where: { id: process.id }, data: { otpConfirmedAt: now } });
    await auditProcess(
      tx,
      caller,
      process.id,
      "business_process.code_confirmed",
      process.status,
      process.status,
    );
    process.otp_confirmed_at = now;
    await proceedIfReady(tx, caller, process);
    return null;
  });
  if (failure)
    throw new AppError("validation_error", failure, [{ field: "code", message: failure }]);
}

/**
 * The expiry job: holds whose time is up are released (expire_pending) and their process ends in
 * `error` with the reason hold_expired. Processes locked by another step are skipped and picked up
 * on the next run. Returns how many processes expired.
 */
export async function expireHolds(limit = 100): Promise<number> {
  const due = await prisma.$queryRaw<{ id: string; merchant_id: string }[]>`
    SELECT id, merchant_id FROM business_process
    WHERE status = 'pending' AND hold_expires_at <= now() ORDER BY hold_expires_at LIMIT ${limit}`;
  let expired = 0;
  for (const row of due) {
    const caller: LedgerCaller = {
      merchantId: row.merchant_id,
      auditActor: { userId: null, type: "system" },
      userId: null,
    };
    expired += await prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM business_process WHERE id = ${row.id}::uuid AND status = 'pending' AND hold_expires_at <= now()
        FOR UPDATE SKIP LOCKED`;
      if (!locked) return 0;
      const process = await lockProcess(tx, row.merchant_id, row.id);
      const written = await resolveHolds(tx, caller, process, "expire");
      await moveStatus(
        tx,
        caller,
        process,
        "error",
        "business_process.hold_expired",
        { statusReason: "hold_expired" },
        { transfers: written.map((t) => t.id) },
      );
      return 1;
    }, LEDGER_TRANSACTION_OPTIONS);
  }
  return expired;
}

/**
 * POST /processes/{id}/approve: one verb for every kind of approval, chosen by the process's
 * status: a limited process is the anti-fraud review, a waiting card issue the service role's
 * approval, a pending distributed process its second session, a created merchant payment its payer.
 * Each path re-checks the status under the row lock and asks its own policy.
 */
export async function approveProcessStep(
  principal: Principal,
  processId: string,
  input: { amount?: string; sourceAccountId?: string } = {},
): Promise<void> {
  if (!isUuid(processId)) throw new AppError("not_found", "No such process.");
  const row = await prisma.businessProcess.findFirst({
    where: { id: processId, merchantId: principal.merchantId },
    select: { status: true },
  });
  if (!row) throw new AppError("not_found", "No such process.");
  if (row.status === "limited") return reviewApproveProcess(principal, processId);
  if (row.status === "waiting_for_approval") return serviceApproveProcess(principal, processId);
  return approveProcess(principal, processId, input);
}
