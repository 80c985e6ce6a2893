import "server-only";
import {
  type CheckoutApiView,
  getCheckoutSession,
} from "@/lib/queries/checkout/get-checkout-session";
import { AppError } from "./errors";

/** The session as the Checkout API answers it; 404 alike for unknown, malformed and others' ids. */
export async function checkoutViewOrThrow(
  merchantId: string,
  sessionId: string,
): Promise<CheckoutApiView> {
  const view = await getCheckoutSession(merchantId, sessionId);
  if (!view) throw new AppError("not_found", "No such checkout session.");
  return view;
}
