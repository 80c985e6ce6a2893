import "server-only";
import { prisma } from "@/lib/db";

/** How many requests wait for the merchant's checker (the ticket tab's badge). */
export async function countPendingRequests(merchantId: string): Promise<number> {
  // Served by the (merchant_id, state, created_at) index; pending requests are few by nature.
  return prisma.operationRequest.count({ where: { merchantId, state: "pending" } });
}
