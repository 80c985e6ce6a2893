import "server-only";
import { prisma } from "@/lib/db";
import {
  type SandboxAnswer,
  type SandboxMode,
  sandboxAnswer,
} from "@/lib/domain/operation-requests/sandbox-behaviour";

/**
 * How the sandbox answers this call, as Administration > Gateways says (magic amounts, "fail the
 * next N", the mode); as refund and void answer. A "fail next" token is taken atomically, so two
 * parallel calls never take the same one.
 */
export async function takeSandboxAnswer(
  gateway: { id: string; sandbox: { mode: string } | null },
  amount: string,
): Promise<SandboxAnswer> {
  const taken = await prisma.sandboxGatewayBehaviour.updateMany({
    where: { gatewayId: gateway.id, failNext: { gt: 0 } },
    data: { failNext: { decrement: 1 } },
  });
  return sandboxAnswer({
    amount,
    mode: (gateway.sandbox?.mode ?? "succeed") as SandboxMode,
    failNextTaken: taken.count > 0,
  });
}
