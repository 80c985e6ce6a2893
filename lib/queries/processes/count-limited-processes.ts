import "server-only";
import { prisma } from "@/lib/db";

/**
 * Processes a limit stopped, waiting for the anti-fraud review: the Limited processes badge. The
 * reviewer decides every type (processes.review is not split by viewer scope), so all count.
 */
export async function countLimitedProcesses(merchantId: string): Promise<number> {
  return prisma.businessProcess.count({ where: { merchantId, status: "limited" } });
}
