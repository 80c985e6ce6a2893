import "server-only";
import { prisma } from "@/lib/db";

export function listApiKeys(userId: string, merchantId: string) {
  return prisma.apiKey.findMany({
    where: { userId, merchantId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
}
