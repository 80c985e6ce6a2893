import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { PAYABLE_STATES, type SessionState } from "@/lib/domain/checkout/lifecycle";
import {
  type NotificationChannel,
  PAYMENT_LINK_CHANNELS,
} from "@/lib/domain/checkout/payment-links";
import { paymentLinkSms } from "@/lib/domain/messaging/payment-link";
import { currencyExponent, isCurrencyCode } from "@/lib/domain/money/currency";
import { kickEmailDelivery, queueEmail } from "@/lib/email/outbox";
import { paymentLinkEmail } from "@/lib/email/templates/payment-link";
import { AppError } from "@/lib/errors";
import { kickMessageDelivery, queueMessage } from "@/lib/messaging/outbox";
import { checkoutUrls } from "@/lib/queries/checkout/get-checkout-session";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { isUuid } from "@/lib/validation/ids";
import type { CheckoutCaller } from "./checkout-caller";

/** The outbox rows written, to nudge delivery with once the transaction has committed. */
export type QueuedLink = { emailIds: string[]; messageIds: string[] };

/** After the commit: ask the workers to deliver now (the sweepers would, a few seconds later). */
export function kickPaymentLinkDelivery(queued: QueuedLink): void {
  if (queued.emailIds.length) kickEmailDelivery(queued.emailIds);
  if (queued.messageIds.length) kickMessageDelivery(queued.messageIds);
}

/**
 * Writes a payment request's link to the outboxes of the chosen channels, and the audit row saying
 * so, in the caller's transaction: email (the payment-link email), SMS (the short text) and WhatsApp
 * (the same text, through the WhatsApp outbox; the dashboard also offers a wa.me link). A channel
 * without the address it needs is refused, and nothing is written.
 */
export async function queuePaymentLinkInTx(
  tx: Tx,
  caller: CheckoutCaller,
  sessionId: string,
  channels: readonly NotificationChannel[],
  reason: "created" | "resent",
): Promise<QueuedLink> {
  const queued: QueuedLink = { emailIds: [], messageIds: [] };
  const wanted = PAYMENT_LINK_CHANNELS.filter((channel) => channels.includes(channel));
  if (wanted.length === 0) return queued;
  const session = await tx.checkoutSession.findFirst({
    where: { id: sessionId, merchantId: caller.merchantId },
    select: {
      id: true,
      type: true,
      shortCode: true,
      customerFirstName: true,
      customerLastName: true,
      customerEmail: true,
      customerPhone: true,
      language: true,
      dueAt: true,
      expiresAt: true,
      merchant: { select: { name: true } },
      payment: { select: { amount: true, currency: true, state: true } },
    },
  });
  if (!session) throw new AppError("not_found", "No such payment link.");
  if (session.type !== "payment_request")
    throw new AppError("operation_not_allowed", "Only a payment request's link can be sent.");
  const state = session.payment.state as SessionState;
  if (!PAYABLE_STATES.includes(state))
    throw new AppError(
      "invalid_state",
      `This payment link is ${state}; only a link that can still be paid is sent.`,
    );
  if (wanted.includes("email") && !session.customerEmail)
    throw new AppError("validation_error", "The customer has no email address to send to.", [
      { field: "customer_email", message: "needed to send by email" },
    ]);
  if ((wanted.includes("sms") || wanted.includes("whatsapp")) && !session.customerPhone)
    throw new AppError("validation_error", "The customer has no phone number to send to.", [
      { field: "customer_phone", message: "needed to send by SMS or WhatsApp" },
    ]);

  const urls = checkoutUrls(session);
  const language = session.language === "ar" ? "ar" : "en";
  const currency = session.payment.currency;
  const amount = session.payment.amount.toFixed(
    isCurrencyCode(currency) ? currencyExponent(currency) : 2,
  );
  const kind = `payment_link.${reason}`;
  if (wanted.includes("email") && session.customerEmail) {
    const email = paymentLinkEmail({
      merchantName: session.merchant.name,
      customerName:
        [session.customerFirstName, session.customerLastName].filter(Boolean).join(" ") || null,
      amount,
      currency: session.payment.currency,
      url: urls.checkout_url,
      dueDate: session.dueAt,
      expiresAt: session.expiresAt,
      language,
    });
    queued.emailIds.push(
      await queueEmail(tx, {
        merchantId: caller.merchantId,
        kind,
        to: [session.customerEmail],
        ...email,
        entityId: session.id,
      }),
    );
  }
  const phone = session.customerPhone;
  for (const channel of ["sms", "whatsapp"] as const) {
    if (!wanted.includes(channel) || !phone) continue;
    const text = paymentLinkSms({
      merchantName: session.merchant.name,
      amount,
      currency: session.payment.currency,
      url: urls.checkout_short_url,
      dueDate: session.dueAt,
      language,
    });
    queued.messageIds.push(
      await queueMessage(tx, {
        merchantId: caller.merchantId,
        channel,
        to: phone,
        text,
        kind,
        entityId: session.id,
      }),
    );
  }
  await recordAuditEvent(tx, {
    actor: caller.auditActor,
    merchantId: caller.merchantId,
    entity: "payment_transaction",
    entityId: session.id,
    action: "checkout_session.link_sent",
    data: { channels: wanted, reason },
  });
  return queued;
}

/**
 * "Resend": sends a payment request's link again by the channels chosen. The session's payment row
 * is locked first, so a link is never sent for a session that a concurrent cancel has just ended.
 */
export async function sendPaymentLink(
  caller: CheckoutCaller,
  sessionId: string,
  channels: readonly NotificationChannel[],
): Promise<{ channels: NotificationChannel[] }> {
  if (!isUuid(sessionId)) throw new AppError("not_found", "No such payment link.");
  if (channels.length === 0)
    throw new AppError("validation_error", "Choose at least one channel to send by.", [
      { field: "channels", message: "choose at least one" },
    ]);
  const queued = await prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT p.id FROM payment_transaction p JOIN checkout_session s ON s.id = p.id
      WHERE p.id = ${sessionId}::uuid AND s.merchant_id = ${caller.merchantId}::uuid
      FOR UPDATE OF p`;
    if (!locked) throw new AppError("not_found", "No such payment link.");
    return queuePaymentLinkInTx(tx, caller, sessionId, channels, "resent");
  });
  kickPaymentLinkDelivery(queued);
  return { channels: PAYMENT_LINK_CHANNELS.filter((channel) => channels.includes(channel)) };
}
