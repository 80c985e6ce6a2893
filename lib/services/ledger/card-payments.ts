import "server-only";
import type { Tx } from "@/lib/db";
import type { AuditActor } from "@/lib/domain/audit/actions";
import { processTypeDefinition } from "@/lib/domain/ledger/catalogue";
import { planResolution } from "@/lib/domain/ledger/recipes";
import { type Money, toDecimalString } from "@/lib/domain/money/money";
import { auditProcess, type LedgerCaller } from "./caller";
import { runInTransaction } from "./run-process";
import { insertTransfers, lockAccounts, readHolds, refusalError, toPlannedHolds } from "./writer";

/**
 * Card payments in the ledger. A payment is recorded as a merchant_payment process by the database
 * function ledger_record_card_payment (the same one the backfill migration ran for every payment
 * made before the ledger); a refund the gateway has done is a gate_card_refund process and a void
 * a gate_reversal process, both written in the operation request's transaction and linked both
 * ways with the payment's process.
 */

/** Records the payment in the ledger as it stands, if it is not there yet; returns its process id. */
export async function recordCardPayment(tx: Tx, paymentId: string): Promise<string> {
  const [row] = await tx.$queryRaw<{ id: string | null }[]>`
    SELECT ledger_record_card_payment(${paymentId}::uuid) AS id`;
  if (!row?.id) throw new Error(`payment ${paymentId} could not be recorded in the ledger`);
  return row.id;
}

type CardMove = {
  merchantId: string;
  paymentId: string;
  gatewayCode: string;
  amount: Money;
  auditActor: AuditActor;
  operationRequestId: string;
};

function callerFor(input: CardMove): LedgerCaller {
  return {
    merchantId: input.merchantId,
    auditActor: input.auditActor,
    userId: input.auditActor.userId,
  };
}

/**
 * A refund: merchant coin -> provider clearing, posted at once, linked to the payment's process
 * (refundProcessId both ways; txIdToRefund names the captured transfer). Call after
 * recordCardPayment and in the same transaction as the payment's refunded_amount moves: a deferred
 * constraint checks the two agree at commit.
 */
export async function postCardRefund(tx: Tx, originalId: string, input: CardMove): Promise<string> {
  const caller = callerFor(input);
  const definition = processTypeDefinition("gate_card_refund");
  const [original] = await tx.$queryRaw<
    { tx_id_to_refund: string | null; customer_id: string | null }[]
  >`
    SELECT tx_id_to_refund, customer_id FROM business_process WHERE id = ${originalId}::uuid FOR UPDATE`;
  const { processId } = await runInTransaction(
    tx,
    caller,
    {
      type: "gate_card_refund",
      amount: toDecimalString(input.amount),
      currency: input.amount.currency,
      gatewayCode: input.gatewayCode,
      ...(original?.customer_id ? { customerId: original.customer_id } : {}),
      metadata: { operationRequestId: input.operationRequestId },
      idempotencyKey: `card-refund:${input.operationRequestId}`,
    },
    definition,
    `card-refund:${input.operationRequestId}`,
    { paymentTransactionId: input.paymentId },
  );
  await tx.businessProcess.update({
    where: { id: processId },
    data: { refundProcessId: originalId, txIdToRefund: original?.tx_id_to_refund ?? null },
  });
  await tx.businessProcess.update({
    where: { id: originalId },
    data: { refundProcessId: processId },
  });
  return processId;
}

/** A void: the payment's hold is released by a gate_reversal process; the payment's process is declined. */
export async function postCardVoid(tx: Tx, originalId: string, input: CardMove): Promise<string> {
  const caller = callerFor(input);
  const holds = await readHolds(tx, originalId);
  const accounts = await lockAccounts(
    tx,
    input.merchantId,
    holds.flatMap((h) => [h.debitId, h.creditId]),
  );
  const plan = planResolution(toPlannedHolds(holds, accounts), "void", {
    now: new Date(),
    firstSeq: 1,
  });
  if (!plan.ok) throw refusalError(plan);
  const [original] = await tx.$queryRaw<
    { customer_id: string | null; gateway_id: string | null; amount: bigint }[]
  >`
    SELECT customer_id, gateway_id, amount FROM business_process WHERE id = ${originalId}::uuid FOR UPDATE`;
  const now = new Date();
  const reversal = await tx.businessProcess.create({
    data: {
      merchantId: input.merchantId,
      type: "gate_reversal",
      processClass: "GateProcess",
      status: "processed",
      customerId: original?.customer_id ?? null,
      amount: BigInt(original?.amount ?? 0),
      currency: input.amount.currency,
      gatewayId: original?.gateway_id ?? null,
      paymentTransactionId: input.paymentId,
      refundProcessId: originalId,
      metadata: { operationRequestId: input.operationRequestId },
      finishedAt: now,
      idempotencyKey: `card-void:${input.operationRequestId}`,
    },
    select: { id: true },
  });
  const written = await insertTransfers(tx, {
    merchantId: input.merchantId,
    processId: reversal.id,
    transfers: plan.transfers,
  });
  await auditProcess(tx, caller, reversal.id, "business_process.created", null, "processed", {
    type: "gate_reversal",
    transfers: written.map((t) => t.id),
  });
  const updated = await tx.businessProcess.updateMany({
    where: { id: originalId, status: "pending" },
    data: {
      status: "declined",
      statusReason: "voided",
      refundProcessId: reversal.id,
      finishedAt: now,
    },
  });
  if (updated.count !== 1) throw new Error(`payment process ${originalId} was not pending`);
  await auditProcess(tx, caller, originalId, "business_process.declined", "pending", "declined", {
    reason: "voided",
  });
  return reversal.id;
}

/**
 * A capture of an authorized card payment: the payment process's hold is posted (all, or
 * `captureMinor` of it: the rest is released) and the process is processed. The posted transfer is
 * the one a refund later names (tx_id_to_refund).
 */
export async function postCardCapture(
  tx: Tx,
  processId: string,
  input: { merchantId: string; captureMinor: bigint; auditActor: AuditActor },
): Promise<void> {
  const caller: LedgerCaller = {
    merchantId: input.merchantId,
    auditActor: input.auditActor,
    userId: input.auditActor.userId,
  };
  const holds = await readHolds(tx, processId);
  const accounts = await lockAccounts(
    tx,
    input.merchantId,
    holds.flatMap((h) => [h.debitId, h.creditId]),
  );
  const [seqRow] = await tx.$queryRaw<{ next: number }[]>`
    SELECT coalesce(max(seq), 0)::int + 1 AS next FROM ledger_transfer WHERE process_id = ${processId}::uuid`;
  const plan = planResolution(toPlannedHolds(holds, accounts), "post", {
    now: new Date(),
    firstSeq: seqRow?.next ?? 1,
    captureAmount: input.captureMinor,
  });
  if (!plan.ok) throw refusalError(plan);
  const written = await insertTransfers(tx, {
    merchantId: input.merchantId,
    processId,
    transfers: plan.transfers,
  });
  const posted = written.find((transfer) => transfer.kind === "post_pending");
  const updated = await tx.businessProcess.updateMany({
    where: { id: processId, status: "pending" },
    data: {
      status: "processed",
      finishedAt: new Date(),
      amount: input.captureMinor,
      txIdToRefund: posted?.id ?? null,
    },
  });
  if (updated.count !== 1) throw new Error(`payment process ${processId} was not pending`);
  await auditProcess(tx, caller, processId, "business_process.processed", "pending", "processed", {
    captured: input.captureMinor.toString(),
    transfers: written.map((t) => t.id),
  });
}
