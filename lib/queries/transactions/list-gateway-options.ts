import "server-only";
import { prisma } from "@/lib/db";

export type GatewayOption = { code: string; name: string; currency: string };

/** The merchant's gateways, for the transaction list's gateway filter. */
export async function listGatewayOptions(merchantId: string): Promise<GatewayOption[]> {
  return prisma.paymentGateway.findMany({
    where: { merchantId },
    orderBy: [{ name: "asc" }, { code: "asc" }],
    select: { code: true, name: true, currency: true },
  });
}
