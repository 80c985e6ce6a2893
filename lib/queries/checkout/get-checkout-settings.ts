import "server-only";
import { prisma } from "@/lib/db";
import { DEFAULT_MAX_ATTEMPTS } from "@/lib/domain/checkout/session-rules";

export type CheckoutSettingsJson = {
  notify_on_error: string[];
  max_attempts: number;
  /** Null until the merchant first saves them (the defaults apply). */
  updated_at: string | null;
};

/** The merchant's checkout settings, or the defaults when never saved. */
export async function getCheckoutSettings(merchantId: string): Promise<CheckoutSettingsJson> {
  const row = await prisma.checkoutSettings.findUnique({ where: { merchantId } });
  return {
    notify_on_error: row?.notifyOnError ?? [],
    max_attempts: row?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    updated_at: row?.updatedAt.toISOString() ?? null,
  };
}
