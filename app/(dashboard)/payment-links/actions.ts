"use server";

import { action } from "@/lib/actions/action-client";
import type { BulkRow } from "@/lib/domain/checkout/payment-links";
import { paymentLinkSms } from "@/lib/domain/messaging/payment-link";
import { whatsappLink } from "@/lib/domain/messaging/whatsapp-link";
import { mayCreatePaymentLinks, mayManagePaymentLinks } from "@/lib/domain/policies/payment-links";
import { AppError } from "@/lib/errors";
import { getPaymentLinkDetail } from "@/lib/queries/checkout/list-payment-links";
import { authorize } from "@/lib/services/authorization/authorize";
import { checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import { createBulkPaymentRequests } from "@/lib/services/checkout/create-bulk-payment-requests";
import { createPaymentRequest } from "@/lib/services/checkout/create-payment-request";
import { endCheckoutSession } from "@/lib/services/checkout/end-checkout-session";
import { sendPaymentLink } from "@/lib/services/checkout/send-payment-link";
import { CreateCheckoutSchema } from "@/lib/validation/checkout";
import {
  BulkChunkSchema,
  CreatePaymentLinkSchema,
  PaymentLinkIdSchema,
  ResendPaymentLinkSchema,
  toCheckoutRequest,
} from "@/lib/validation/payment-links";

/** The dashboard form: the Checkout API's schema and service, as POST /api/v1/checkout would run them. */
export const createPaymentLinkAction = action(
  CreatePaymentLinkSchema,
  "authenticated",
  async (input, principal) => {
    authorize(principal, mayCreatePaymentLinks);
    const parsed = CreateCheckoutSchema.safeParse(toCheckoutRequest(input));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError("validation_error", issue?.message ?? "Check the form.", [
        { field: issue?.path.join(".") ?? "form", message: issue?.message ?? "invalid" },
      ]);
    }
    const { id } = await createPaymentRequest(checkoutCallerOf(principal), parsed.data);
    const link = await getPaymentLinkDetail(principal.merchantId, id);
    if (!link) throw new AppError("not_found", "The new payment link could not be read back.");
    return {
      id,
      orderNo: link.orderNo,
      checkoutUrl: link.checkoutUrl,
      shortUrl: link.shortUrl,
      qrUrl: link.qrUrl,
      channels: link.channels,
      // A click-to-chat link the person can open on their own phone, whatever was sent.
      whatsappUrl: link.customerPhone
        ? whatsappLink(
            link.customerPhone,
            paymentLinkSms({
              merchantName: principal.merchantName,
              amount: link.amount,
              currency: link.currency,
              url: link.shortUrl,
              dueDate: link.dueAt ? new Date(link.dueAt) : null,
              language: link.language === "ar" ? "ar" : "en",
            }),
          )
        : null,
    };
  },
);

export const resendPaymentLinkAction = action(
  ResendPaymentLinkSchema,
  "authenticated",
  async (input, principal) => {
    authorize(principal, mayManagePaymentLinks);
    return sendPaymentLink(checkoutCallerOf(principal), input.id, input.channels);
  },
);

export const cancelPaymentLinkAction = action(
  PaymentLinkIdSchema,
  "authenticated",
  async (input, principal) => {
    authorize(principal, mayManagePaymentLinks);
    await endCheckoutSession(
      checkoutCallerOf(principal),
      input.id,
      "canceled",
      `canceled in the dashboard by ${principal.name || principal.email}`,
    );
    return { id: input.id };
  },
);

/** One chunk of an uploaded file; the page sends the chunks one after another and shows progress. */
export const bulkPaymentLinksAction = action(
  BulkChunkSchema,
  "authenticated",
  async (input, principal) => {
    authorize(principal, mayCreatePaymentLinks);
    return createBulkPaymentRequests(checkoutCallerOf(principal, "bulk"), input.rows as BulkRow[], {
      firstRow: input.firstRow,
    });
  },
);
