import "server-only";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { NOTICE_INTERVAL_MINUTES, noticeRecipients } from "@/lib/domain/checkout/error-notice";
import { kickEmailDelivery, queueEmail } from "@/lib/email/outbox";
import { checkoutApiErrorEmail } from "@/lib/email/templates/checkout-api-error";

export type CheckoutErrorNotice = {
  merchantId: string;
  code: string;
  status: number;
  message: string;
  method: string;
  path: string;
  requestId: string;
};

/**
 * Tells the merchant's notify-on-error list (else its active owners and admins) that the Checkout
 * API answered their server with an error, at most once per NOTICE_INTERVAL_MINUTES per
 * (merchant, code). "At most once" holds under concurrency: the claim is one INSERT ... ON CONFLICT
 * DO UPDATE ... WHERE whose RETURNING gives a row to exactly one of any number of simultaneous
 * requests, and the email is written in the same transaction as the claim, so a claim without its
 * email (or the reverse) cannot be committed. Returns whether an email was queued.
 */
export async function notifyCheckoutError(
  notice: CheckoutErrorNotice,
  options: { now?: Date } = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  const emailIds = await prisma.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ code: string }[]>`
      INSERT INTO checkout_error_notice (merchant_id, code, last_sent_at)
      VALUES (${notice.merchantId}::uuid, ${notice.code}, ${now})
      ON CONFLICT (merchant_id, code) DO UPDATE SET last_sent_at = EXCLUDED.last_sent_at
      WHERE checkout_error_notice.last_sent_at
            <= EXCLUDED.last_sent_at - make_interval(mins => ${NOTICE_INTERVAL_MINUTES}::int)
      RETURNING code`;
    if (claimed.length === 0) return [];
    const [settings, members, merchant] = await Promise.all([
      tx.checkoutSettings.findUnique({
        where: { merchantId: notice.merchantId },
        select: { notifyOnError: true },
      }),
      tx.membership.findMany({
        where: { merchantId: notice.merchantId, active: true, role: { in: ["owner", "admin"] } },
        orderBy: { createdAt: "asc" },
        select: { role: true, active: true, user: { select: { email: true } } },
      }),
      tx.merchant.findUniqueOrThrow({
        where: { id: notice.merchantId },
        select: { name: true },
      }),
    ]);
    const to = noticeRecipients(
      settings?.notifyOnError ?? [],
      members.map((member) => ({ ...member, email: member.user.email })),
    );
    // Nobody to tell: the claim still stands, so the next error does not look again at once.
    if (to.length === 0) return [];
    const email = checkoutApiErrorEmail({
      merchantName: merchant.name,
      code: notice.code,
      status: notice.status,
      message: notice.message,
      method: notice.method,
      path: notice.path,
      requestId: notice.requestId,
      at: now,
      intervalMinutes: NOTICE_INTERVAL_MINUTES,
      link: `${config().appUrl}/admin/checkout`,
    });
    return [
      await queueEmail(tx, {
        merchantId: notice.merchantId,
        kind: "checkout.api_error",
        to,
        ...email,
      }),
    ];
  });
  kickEmailDelivery(emailIds);
  return emailIds.length > 0;
}
