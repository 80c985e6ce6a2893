import "server-only";
import type { SandboxMode } from "@prisma/client";
import { prisma } from "@/lib/db";

export type GatewayWithSandbox = {
  id: string;
  code: string;
  name: string;
  currency: string;
  mode: SandboxMode;
  failNext: number;
};

/** The merchant's gateways with how the sandbox answers for each (succeed, none failing, until set). */
export async function listGateways(merchantId: string): Promise<GatewayWithSandbox[]> {
  const gateways = await prisma.paymentGateway.findMany({
    where: { merchantId },
    orderBy: [{ name: "asc" }, { code: "asc" }],
    select: {
      id: true,
      code: true,
      name: true,
      currency: true,
      sandbox: { select: { mode: true, failNext: true } },
    },
  });
  return gateways.map(({ sandbox, ...gateway }) => ({
    ...gateway,
    mode: sandbox?.mode ?? "succeed",
    failNext: sandbox?.failNext ?? 0,
  }));
}
