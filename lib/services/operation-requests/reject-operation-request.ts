import "server-only";
import type { Principal } from "@/lib/domain/auth/principal";
import { formatMoney, moneyFromDecimal } from "@/lib/domain/money/money";
import { mayReject } from "@/lib/domain/policies/operation-requests";
import { queueEmail } from "@/lib/email/outbox";
import { operationRejectedEmail } from "@/lib/email/templates/operation-rejected";
import { authorize } from "@/lib/services/authorization/authorize";
import { applyDecision } from "./apply-decision";

/** The checker rejects a pending request with a reason; the maker alone is told why. */
export async function rejectOperationRequest(
  principal: Principal,
  id: string,
  reason: string,
): Promise<void> {
  authorize(principal, mayReject);
  await applyDecision(principal, id, "reject", {
    reason,
    data: (decision, now) => ({
      decidedById: principal.userId,
      decidedAt: now,
      deadlineAt: null,
      rejectionReason: decision.reason,
    }),
    emails: async (tx, request, decision) => {
      const [maker, payment] = await Promise.all([
        tx.user.findUniqueOrThrow({ where: { id: request.submittedById } }),
        tx.paymentTransaction.findUniqueOrThrow({
          where: { id: request.transactionId },
          select: { orderNo: true },
        }),
      ]);
      const email = operationRejectedEmail({
        operation: request.operation,
        amount: formatMoney(moneyFromDecimal(request.amount, request.currency)),
        orderNo: payment.orderNo,
        reason: decision.reason ?? "",
        checkerName: principal.name,
      });
      return [
        await queueEmail(tx, {
          merchantId: request.merchantId,
          kind: "operation_request.rejected",
          to: [maker.email],
          ...email,
          entityId: request.id,
        }),
      ];
    },
  });
}
