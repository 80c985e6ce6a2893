import "server-only";
import { prisma } from "@/lib/db";
import { channelsOf } from "@/lib/domain/checkout/payment-links";
import { AppError } from "@/lib/errors";
import type { CreateCheckoutInput } from "@/lib/validation/checkout";
import type { CheckoutCaller } from "./checkout-caller";
import { type CreatedSession, createCheckoutSession } from "./create-checkout-session";
import { kickPaymentLinkDelivery, queuePaymentLinkInTx } from "./send-payment-link";

/**
 * Creates a payment request (a checkout session of type payment_request) and writes its link to the
 * outbox of every channel in `notifications`, all in one transaction: a request that is refused
 * sends nothing, and one that is created is never left unsent. Delivery is nudged after the commit.
 */
export async function createPaymentRequest(
  caller: CheckoutCaller,
  input: CreateCheckoutInput,
  options: { now?: Date } = {},
): Promise<CreatedSession> {
  if (input.type !== "payment_request")
    throw new AppError("validation_error", "type: a payment link is a payment_request.", [
      { field: "type", message: "must be payment_request" },
    ]);
  const { created, queued } = await prisma.$transaction(async (tx) => {
    const created = await createCheckoutSession(caller, input, { tx, now: options.now });
    const queued = await queuePaymentLinkInTx(
      tx,
      caller,
      created.id,
      channelsOf(input.notifications),
      "created",
    );
    return { created, queued };
  });
  kickPaymentLinkDelivery(queued);
  return created;
}
