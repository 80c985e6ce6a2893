import "server-only";
import { config } from "@/lib/config";
import { prisma, type Tx } from "@/lib/db";
import { actorOf, decisionActorOf, type Principal } from "@/lib/domain/auth/principal";
import { formatMoney, parseMoney, toDecimalString } from "@/lib/domain/money/money";
import { deadlineFor } from "@/lib/domain/operation-requests/deadlines";
import { decideSubmission, OPEN_STATES } from "@/lib/domain/operation-requests/lifecycle";
import { operationPendingMessage } from "@/lib/domain/operation-requests/operations";
import { checkOperation } from "@/lib/domain/operation-requests/payment-rules";
import { kickEmailDelivery, queueEmail } from "@/lib/email/outbox";
import { newPendingRequestEmail } from "@/lib/email/templates/new-pending-request";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { lockPayment } from "@/lib/services/payments/lock-payment";
import { kickWebhookDelivery } from "@/lib/services/webhooks/enqueue-webhook-event";
import { enqueueOperationRequestEvent } from "@/lib/services/webhooks/operation-request-events";
import type { SubmitOperationInput } from "@/lib/validation/operation-requests";
import { executeOperationRequest } from "./execute-operation-request";
import { isUniqueViolation, loadExpirySettings, refusalError } from "./request-context";

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
  kickWebhookDelivery();
  if (created.direct) await executeOperationRequest(created.id, actorOf(principal));
  return created.id;
}

async function submitInTransaction(tx: Tx, principal: Principal, input: SubmitOperationInput) {
  const now = new Date();
  // Lock the payment: submits for one payment queue here instead of racing to the index.
  const payment = await lockPayment(tx, principal.merchantId, input.transactionId);
  if (!payment) throw new AppError("not_found", "Payment not found.");
  if (payment.kind !== "payment")
    throw new AppError(
      "operation_not_allowed",
      "Refunds and voids apply to payments, not to refund or void records.",
    );
  const { currency } = payment.snapshot;

  const [settings, whitelist] = await Promise.all([
    tx.operationsApprovalSettings.findUnique({ where: { merchantId: principal.merchantId } }),
    tx.operationWhitelistEntry.findMany({
      where: { merchantId: principal.merchantId, userId: principal.userId },
    }),
  ]);
  const submission = decideSubmission({
    operation: input.operation,
    submitter: decisionActorOf(principal),
    pluginEnabled: settings?.enabled === true,
    whitelistedOperations: whitelist.map((entry) => entry.operation),
  });
  if (!submission.ok) throw refusalError(submission);

  let requestedMinor: bigint | undefined;
  if (input.amount !== undefined && input.amount !== "") {
    const parsed = parseMoney(input.amount, currency);
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
    payment: payment.snapshot,
    operation: input.operation,
    requestedMinor,
    openRequest: open ?? undefined,
  });
  if (!check.ok) throw refusalError(check);

  const amount = { minor: check.amountMinor, currency };
  const direct = submission.initialState === "approved";
  const request = await tx.operationRequest.create({
    data: {
      merchantId: principal.merchantId,
      transactionId: payment.id,
      gatewayId: payment.gatewayId,
      operation: input.operation,
      amount: toDecimalString(amount),
      currency,
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
      currency,
      transactionId: payment.id,
      ...(direct ? { directReason: submission.reason } : {}),
    },
  });
  await enqueueOperationRequestEvent(tx, "operation_request.submitted", request, request.state, {
    direct,
  });

  const emailIds: string[] = [];
  if (!direct && settings?.notifyCheckerOnPending && settings.checkerUserId) {
    const checker = await tx.user.findUniqueOrThrow({ where: { id: settings.checkerUserId } });
    const email = newPendingRequestEmail({
      operation: input.operation,
      amount: formatMoney(amount),
      orderNo: payment.orderNo,
      makerName: principal.name,
      link: `${config().appUrl}/tickets/operation-requests/${request.id}`,
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
  return new AppError("operation_pending", operationPendingMessage(open?.operation ?? "refund"));
}
