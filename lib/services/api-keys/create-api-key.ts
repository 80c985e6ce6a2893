import "server-only";
import { displayPrefix, generateApiKey, hashApiKey } from "@/lib/credentials/api-keys";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { mayManageApiKeys } from "@/lib/domain/policies/administration";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";

const MAX_ACTIVE_KEYS = 20;

/** Creates a key for the caller in their merchant. The secret is returned once and never stored. */
export async function createApiKey(
  principal: Principal,
  name: string,
): Promise<{ id: string; key: string; prefix: string }> {
  authorize(principal, mayManageApiKeys);
  const key = generateApiKey();
  const prefix = displayPrefix(key);
  const created = await prisma.$transaction(
    async (tx) => {
      // The membership row lock serialises one user's key creations, so the limit cannot be raced past.
      await tx.$queryRaw`SELECT 1 FROM membership WHERE user_id = ${principal.userId}::uuid AND merchant_id = ${principal.merchantId}::uuid FOR UPDATE`;
      const active = await tx.apiKey.count({
        where: { userId: principal.userId, merchantId: principal.merchantId, revokedAt: null },
      });
      if (active >= MAX_ACTIVE_KEYS) {
        throw new AppError(
          "conflict",
          `You already have ${MAX_ACTIVE_KEYS} active keys; revoke one first.`,
        );
      }
      const record = await tx.apiKey.create({
        data: {
          userId: principal.userId,
          merchantId: principal.merchantId,
          name,
          prefix,
          keyHash: hashApiKey(key),
        },
      });
      await recordAuditEvent(tx, {
        actor: actorOf(principal),
        merchantId: principal.merchantId,
        entity: "api_key",
        entityId: record.id,
        action: "api_key.created",
        data: { name, prefix },
      });
      return record;
    },
    // Creations by one user queue on the membership lock; let them wait their turn for a
    // connection instead of failing after the default 2 s when many arrive at once.
    { maxWait: 20_000, timeout: 20_000 },
  );
  return { id: created.id, key, prefix };
}
