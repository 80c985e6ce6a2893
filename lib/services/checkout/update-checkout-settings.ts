import "server-only";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { DEFAULT_MAX_ATTEMPTS } from "@/lib/domain/checkout/session-rules";
import { mayManageCheckoutSettings } from "@/lib/domain/policies/checkout-settings";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";
import type { CheckoutSettingsInput } from "@/lib/validation/checkout";

/**
 * Saves the merchant's checkout settings (the notify-on-error list and the attempts a new session
 * allows) with the audit row of what changed, in one transaction. The CHECK constraints on
 * checkout_settings hold the limits whatever the caller. Sessions already created keep their
 * max_attempts.
 */
export async function updateCheckoutSettings(
  principal: Principal,
  input: CheckoutSettingsInput,
): Promise<void> {
  authorize(principal, mayManageCheckoutSettings);
  const notifyOnError = [
    ...new Set(input.notify_on_error.map((email) => email.trim().toLowerCase())),
  ];
  await prisma.$transaction(async (tx) => {
    // Lock the row (when there is one), so two saves record their before/after in order.
    const [before] = await tx.$queryRaw<{ notifyOnError: string[]; maxAttempts: number }[]>`
      SELECT notify_on_error AS "notifyOnError", max_attempts AS "maxAttempts"
      FROM checkout_settings WHERE merchant_id = ${principal.merchantId}::uuid FOR UPDATE`;
    const data = { notifyOnError, maxAttempts: input.max_attempts };
    await tx.checkoutSettings.upsert({
      where: { merchantId: principal.merchantId },
      create: { merchantId: principal.merchantId, ...data },
      update: data,
    });
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId: principal.merchantId,
      entity: "checkout_settings",
      entityId: principal.merchantId,
      action: "checkout_settings.changed",
      data: {
        before: before ?? { notifyOnError: [], maxAttempts: DEFAULT_MAX_ATTEMPTS },
        after: data,
      },
    });
  });
}
