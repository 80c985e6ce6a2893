import "server-only";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import {
  applyCustomerEvent,
  type CustomerEvent,
  isAllowedReturnUrl,
  returnUrlWithReference,
  type SandboxChargeStatus,
} from "@/lib/domain/sandbox-gateway/charge-flow";
import { AppError, notFound } from "@/lib/errors";

/**
 * The customer's answer on the sandbox ACS page (a one-time code, or cancel) or on the gateway's
 * payment page (pay, decline, cancel). A pending charge finishes once: the update is conditional
 * on the status it was read in, so a double submit or two tabs record one outcome. Answers where
 * to send the browser: the charge's return URL with the reference (the merchant's server then asks
 * the gateway for the outcome; the query string is not trusted).
 */
export async function finishSandboxCharge(
  reference: string,
  event: CustomerEvent,
): Promise<{ redirectTo: string; status: SandboxChargeStatus }> {
  const row = await prisma.sandboxCharge.findUnique({ where: { reference } });
  if (!row) throw notFound("Payment");
  const result = applyCustomerEvent(row.status, event);
  if (!result.ok)
    throw result.reason === "invalid_code"
      ? new AppError("validation_error", result.message, [
          { field: "code", message: result.message },
        ])
      : new AppError("invalid_state", result.message);
  // Checked when the charge was made; checked again in case the app's own origin changed since.
  if (!isAllowedReturnUrl(row.returnUrl, config().appUrl))
    throw new AppError("invalid_state", "This payment's return address is not on this site.");
  const { next } = result;
  const updated = await prisma.sandboxCharge.updateMany({
    where: { reference, status: row.status },
    data: {
      status: next.status,
      threeDs: next.threeDs,
      code: next.code,
      message: next.message,
      capturedAmount: next.status === "succeeded" && row.capture ? row.amount : 0,
      finishedAt: new Date(),
    },
  });
  if (updated.count === 0)
    throw new AppError("invalid_state", "This payment has already finished.");
  return { redirectTo: returnUrlWithReference(row.returnUrl, reference), status: next.status };
}
