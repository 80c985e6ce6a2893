import "server-only";
import type { Operation } from "@prisma/client";
import { actorOf, type Principal } from "@/lib/auth/principal";
import { prisma, type Tx } from "@/lib/db";
import { isCurrencyCode } from "@/lib/domain/money/currency";
import {
  formatMoney,
  moneyFromDecimal,
  parseMoney,
  toDecimalString,
} from "@/lib/domain/money/money";
import { deadlineFor } from "@/lib/domain/operation-requests/deadlines";
import { decideSubmission, OPEN_STATES } from "@/lib/domain/operation-requests/lifecycle";
import { checkOperation, type PaymentState } from "@/lib/domain/operation-requests/payment-rules";
import { kickEmailDelivery, queueEmail } from "@/lib/email/outbox";
import { newPendingRequestEmail } from "@/lib/email/templates/new-pending-request";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { isUuid } from "@/lib/validation/ids";
import type { SubmitOperationInput } from "@/lib/validation/operation-requests";
import { appUrl, executeOperationRequest } from "./execute-operation-request";
import {
  domainActor,
  isUniqueViolation,
  loadExpirySettings,
  refusalError,
} from "./request-context";

/**
 * A maker asks for a refund or void. Every operation becomes a request, so there is one history:
 * it waits for the checker, or (checker, whitelisted, plugin disabled) is decided at once by the
 * submitter and executed before this returns. Returns the request's id.
 */
export async function submitOperationRequest(
  principal: Principal,
  input: SubmitOperationInput,
): Promise<string> {
  let created: { id: string; direct: boolean; emailIds: string[] };
  try {
    // Submits on one payment queue on its row lock; give them time to wait their turn.
    created = await prisma.$transaction((tx) => submitInTransaction(tx, principal, input), {
      maxWait: 20_000,
      timeout: 20_000,
    });
  } catch (error) {
    // Two submits that both passed the open-request check: the partial unique index refuses the second.
    if (isUniqueViolation(error)) throw await openRequestError(input.transactionId);
    throw error;
  }
  kickEmailDelivery(created.emailIds);
  if (created.direct) await executeOperationRequest(created.id, actorOf(principal));
  return created.id;
}

async function submitInTransaction(tx: Tx, principal: Principal, input: SubmitOperationInput) {
  const now = new Date();
  // Lock the payment: submits for one payment queue here instead of racing to the index.
  const [payment] = isUuid(input.transactionId)
    ? await tx.$queryRaw<
        {
          id: string;
          state: PaymentState;
          kind: string;
          amount: string;
          captured_amount: string;
          refunded_amount: string;
          currency: string;
          gateway_id: string;
          order_no: string;
        }[]
      >`
        SELECT id, state, kind::text, amount::text, captured_amount::text, refunded_amount::text, currency, gateway_id, order_no
        FROM payment_transaction WHERE id = ${input.transactionId}::uuid AND merchant_id = ${principal.merchantId}::uuid FOR UPDATE`
    : [];
  if (!payment || !isCurrencyCode(payment.currency))
    throw new AppError("not_found", "Payment not found.");
  if (payment.kind !== "payment")
    throw new AppError(
      "operation_not_allowed",
      "Refunds and voids apply to payments, not to refund or void records.",
    );

  const [settings, whitelist] = await Promise.all([
    tx.operationsApprovalSettings.findUnique({ where: { merchantId: principal.merchantId } }),
    tx.operationWhitelistEntry.findMany({
      where: { merchantId: principal.merchantId, userId: principal.userId },
    }),
  ]);
  const submission = decideSubmission({
    operation: input.operation,
    submitter: domainActor(principal),
    pluginEnabled: settings?.enabled === true,
    whitelistedOperations: whitelist.map((entry) => entry.operation),
  });
  if (!submission.ok) throw refusalError(submission);

  let requestedMinor: bigint | undefined;
  if (input.amount !== undefined && input.amount !== "") {
    const parsed = parseMoney(input.amount, payment.currency);
    if (!parsed.ok)
      throw new AppError("validation_error", parsed.error.message, [
        { field: "amount", message: parsed.error.message },
      ]);
    requestedMinor = parsed.money.minor;
  }
  const open = await tx.operationRequest.findFirst({
    where: { transactionId: payment.id, state: { in: [...OPEN_STATES] } },
  });
  const check = checkOperation({
    payment: {
      state: payment.state,
      currency: payment.currency,
      amountMinor: moneyFromDecimal(payment.amount, payment.currency).minor,
      capturedMinor: moneyFromDecimal(payment.captured_amount, payment.currency).minor,
      refundedMinor: moneyFromDecimal(payment.refunded_amount, payment.currency).minor,
    },
    operation: input.operation,
    requestedMinor,
    openRequest: open ?? undefined,
  });
  if (!check.ok) throw refusalError(check);

  const amount = { minor: check.amountMinor, currency: payment.currency };
  const direct = submission.initialState === "approved";
  const request = await tx.operationRequest.create({
    data: {
      merchantId: principal.merchantId,
      transactionId: payment.id,
      gatewayId: payment.gateway_id,
      operation: input.operation,
      amount: toDecimalString(amount),
      currency: payment.currency,
      state: submission.initialState,
      reason: input.reason || null,
      submittedById: principal.userId,
      ...(direct
        ? { decidedById: principal.userId, decidedAt: now, directReason: submission.reason }
        : {
            deadlineAt: deadlineFor(
              "pending",
              await loadExpirySettings(tx, principal.merchantId),
              now,
            ),
          }),
    },
  });
  await recordAuditEvent(tx, {
    actor: actorOf(principal),
    merchantId: principal.merchantId,
    entity: "operation_request",
    entityId: request.id,
    action: direct ? "operation_request.submitted_direct" : "operation_request.submitted",
    toState: request.state,
    data: {
      operation: input.operation,
      amount: toDecimalString(amount),
      currency: payment.currency,
      transactionId: payment.id,
      ...(direct ? { directReason: submission.reason } : {}),
    },
  });

  const emailIds: string[] = [];
  if (!direct && settings?.notifyCheckerOnPending && settings.checkerUserId) {
    const checker = await tx.user.findUniqueOrThrow({ where: { id: settings.checkerUserId } });
    const email = newPendingRequestEmail({
      operation: input.operation,
      amount: formatMoney(amount),
      orderNo: payment.order_no,
      makerName: principal.name,
      link: `${appUrl()}/tickets/operation-requests/${request.id}`,
    });
    emailIds.push(
      await queueEmail(tx, {
        merchantId: principal.merchantId,
        kind: "operation_request.pending",
        to: [checker.email],
        ...email,
        entityId: request.id,
      }),
    );
  }
  return { id: request.id, direct, emailIds };
}

async function openRequestError(transactionId: string): Promise<AppError> {
  const open = await prisma.operationRequest.findFirst({
    where: { transactionId, state: { in: [...OPEN_STATES] } },
    select: { operation: true },
  });
  const label: Record<Operation, string> = { refund: "Refund", void: "Void" };
  return new AppError(
    "operation_pending",
    `Requested ${label[open?.operation ?? "refund"]} is pending for approval`,
  );
}
