import "server-only";
import type { SandboxMode } from "@prisma/client";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManageGateways } from "@/lib/domain/policies/administration";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";

/** Administration > Gateways: how the sandbox answers for one of the merchant's gateways. */
export async function updateSandboxBehaviour(
  principal: Principal,
  input: { gatewayId: string; mode: SandboxMode; failNext: number },
): Promise<void> {
  authorize(principal, mayManageGateways);
  await prisma.$transaction(async (tx) => {
    const gateway = await tx.paymentGateway.findFirst({
      where: { id: input.gatewayId, merchantId: principal.merchantId },
    });
    if (!gateway) throw new AppError("not_found", "Gateway not found.");
    const before = await tx.sandboxGatewayBehaviour.findUnique({
      where: { gatewayId: gateway.id },
    });
    await tx.sandboxGatewayBehaviour.upsert({
      where: { gatewayId: gateway.id },
      create: { gatewayId: gateway.id, mode: input.mode, failNext: input.failNext },
      update: { mode: input.mode, failNext: input.failNext },
    });
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId: principal.merchantId,
      entity: "payment_gateway",
      entityId: gateway.id,
      action: "payment_gateway.sandbox_behaviour_changed",
      data: {
        code: gateway.code,
        before: before ? { mode: before.mode, failNext: before.failNext } : null,
        after: { mode: input.mode, failNext: input.failNext },
      },
    });
  });
}
