import "server-only";
import { isNotifiableCheckoutError } from "@/lib/domain/checkout/error-notice";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import { notifyCheckoutError } from "@/lib/services/checkout/notify-checkout-error";
import type { Answered } from "./route";

/**
 * The Checkout API's `onAnswered`: an error answered to a merchant's server (an API key) is told to
 * the merchant's notify-on-error list (lib/services/checkout/notify-checkout-error.ts decides how
 * often). The code is read back from the answer's own body, so it is the code the server saw.
 */
export async function notifyOnCheckoutError(answered: Answered): Promise<void> {
  const { response, principal, request, requestId } = answered;
  if (!principal || !isNotifiableCheckoutError({ status: response.status, via: principal.via }))
    return;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
  const code = body?.error?.code;
  const message = body?.error?.message;
  await notifyCheckoutError({
    merchantId: principal.merchantId,
    code: isErrorCode(code) ? code : "internal_error",
    status: response.status,
    message: typeof message === "string" ? message.slice(0, 1000) : "",
    method: request.method,
    path: new URL(request.url).pathname.slice(0, 300),
    requestId,
  });
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}
