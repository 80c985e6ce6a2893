import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { publishableKeyFrom } from "@/lib/domain/checkout/publishable-keys";
import { mayManageCheckoutSettings } from "@/lib/domain/policies/checkout-settings";
import { AppError } from "@/lib/errors";
import type { PublishableKeyRow } from "@/lib/queries/checkout/publishable-keys";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";
import type { CreatePublishableKeyInput } from "@/lib/validation/publishable-keys";
import { allowedOriginsOrThrow } from "./publishable-key-origins";

export const MAX_LIVE_PUBLISHABLE_KEYS = 20;

/**
 * Creates a publishable key for the caller's merchant with its allowed origins, audited. The key is
 * public by design (stored and shown in clear). At most MAX_LIVE_PUBLISHABLE_KEYS live keys per
 * merchant: the merchant row lock serialises creations so the limit cannot be raced past.
 */
export async function createPublishableKey(
  principal: Principal,
  input: CreatePublishableKeyInput,
): Promise<PublishableKeyRow> {
  authorize(principal, mayManageCheckoutSettings);
  const allowedOrigins = allowedOriginsOrThrow(input.allowed_origins);
  const key = publishableKeyFrom(randomBytes(64));
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM merchant WHERE id = ${principal.merchantId}::uuid FOR UPDATE`;
    const live = await tx.publishableKey.count({
      where: { merchantId: principal.merchantId, revokedAt: null },
    });
    if (live >= MAX_LIVE_PUBLISHABLE_KEYS)
      throw new AppError(
        "conflict",
        `This merchant already has ${MAX_LIVE_PUBLISHABLE_KEYS} live publishable keys; revoke one first.`,
      );
    const created = await tx.publishableKey.create({
      data: {
        merchantId: principal.merchantId,
        name: input.name,
        key,
        allowedOrigins,
        createdById: principal.userId,
      },
      select: {
        id: true,
        name: true,
        key: true,
        allowedOrigins: true,
        createdAt: true,
        revokedAt: true,
        createdBy: { select: { name: true, email: true } },
      },
    });
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId: principal.merchantId,
      entity: "publishable_key",
      entityId: created.id,
      action: "publishable_key.created",
      data: { name: input.name, key, allowedOrigins },
    });
    return created;
  });
}
