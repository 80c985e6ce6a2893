import "server-only";
import { prisma } from "@/lib/db";
import type { SessionState } from "@/lib/domain/checkout/lifecycle";
import { AppError } from "@/lib/errors";
import { checkoutGatewayFor } from "@/lib/gateways";
import type { ChargeResult } from "@/lib/gateways/port";
import { logger } from "@/lib/log";
import { isUuid } from "@/lib/validation/ids";
import { type AttemptOutcome, finishCheckoutAttempt } from "./finish-checkout-attempt";

/**
 * The customer's browser is back from a 3-D Secure challenge or the gateway's payment page. The
 * address says only which attempt; its outcome comes from the gateway (getCharge, by the reference
 * the gateway gave us when the attempt started), never from the query string, and is applied by
 * finishCheckoutAttempt (which changes nothing for an attempt that already ended). An attempt that
 * already succeeded (the browser came back twice, or the outcome arrived first by another way) is
 * a success again, so the customer still reaches the merchant's redirect_url. Null when there is
 * nothing to ask: the attempt failed already, or never reached the gateway.
 */
export async function returnCheckoutAttempt(
  sessionId: string,
  attemptId: string,
): Promise<AttemptOutcome | null> {
  if (!isUuid(sessionId) || !isUuid(attemptId))
    throw new AppError("not_found", "No such payment attempt.");
  const attempt = await prisma.checkoutAttempt.findFirst({
    where: { id: attemptId, sessionId },
    select: { state: true, gatewayReference: true, gatewayId: true, merchantId: true },
  });
  if (!attempt) throw new AppError("not_found", "No such payment attempt.");
  if (attempt.state === "success") {
    const payment = await prisma.paymentTransaction.findUniqueOrThrow({
      where: { id: sessionId },
      select: { state: true },
    });
    return { outcome: "success", state: payment.state as SessionState };
  }
  if (attempt.state !== "pending" || !attempt.gatewayReference) return null;
  const gateway = await prisma.paymentGateway.findUniqueOrThrow({
    where: { id: attempt.gatewayId },
    select: { code: true },
  });
  let result: ChargeResult;
  try {
    result = await checkoutGatewayFor(gateway.code).getCharge({
      merchantId: attempt.merchantId,
      gatewayCode: gateway.code,
      reference: attempt.gatewayReference,
    });
  } catch (error) {
    // The gateway is unreachable: the attempt stays pending and the customer can reload later.
    logger.warn({ err: error, attemptId }, "getCharge failed on return");
    return { outcome: "pending" };
  }
  return finishCheckoutAttempt(attemptId, result);
}
