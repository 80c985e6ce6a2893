import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { formatSecret } from "@/lib/domain/webhooks/signing";

/** A rotated-out secret keeps signing this long, so receivers can switch without a gap. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

export function newWebhookSecret(): string {
  return formatSecret(randomBytes(32));
}

/**
 * Makes sure the merchant has a current secret (the partial unique index decides between two
 * callers racing to create the first one).
 */
export async function ensureWebhookSecret(tx: Tx, merchantId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO webhook_secret (merchant_id, secret)
    VALUES (${merchantId}::uuid, ${newWebhookSecret()})
    ON CONFLICT (merchant_id) WHERE expires_at IS NULL DO NOTHING`;
}

/** Every secret that signs now: the current one first, then one still in its overlap. */
export async function validWebhookSecrets(
  tx: Pick<Tx, "webhookSecret">,
  merchantId: string,
  now: Date,
): Promise<string[]> {
  const rows = await tx.webhookSecret.findMany({
    where: { merchantId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: [{ createdAt: "desc" }],
    select: { secret: true, expiresAt: true },
  });
  return rows
    .sort((a, b) => Number(a.expiresAt !== null) - Number(b.expiresAt !== null))
    .map((row) => row.secret);
}
