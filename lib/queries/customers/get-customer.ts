import "server-only";
import { prisma } from "@/lib/db";
import { isUuid } from "@/lib/validation/ids";

/** The merchant's customer with this id, or null (also for a malformed id or another merchant's). */
export async function getCustomerRef(
  merchantId: string,
  id: string,
): Promise<{ id: string; name: string } | null> {
  if (!isUuid(id)) return null;
  return prisma.customer.findFirst({ where: { id, merchantId }, select: { id: true, name: true } });
}
