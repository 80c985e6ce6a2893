import {
  envelope,
  type FrameToParent,
  parseParentMessage,
} from "@/lib/domain/checkout/embed-protocol";

/**
 * The hosted page's side of the embed protocol. Messages go to the merchant page's origin only, and
 * only when the server verified it (the page passes null otherwise: nothing is posted).
 */
export function postToParent(origin: string | null, message: FrameToParent): void {
  if (!origin || window.parent === window) return;
  window.parent.postMessage(envelope(message), origin);
}

/** How long the merchant's beforePayment may take before the payment is not started. */
export const BEFORE_PAYMENT_TIMEOUT_MS = 10_000;

/**
 * Asks the merchant's page whether the payment may go ahead. Resolves "proceed", "stopped", or
 * "timeout" after 10 seconds without an answer. Without a verified origin there is no one to ask.
 */
export function askBeforePayment(
  origin: string | null,
  method: "card" | "saved_card" | "redirect" | "apple_pay",
): Promise<"proceed" | "stopped" | "timeout"> {
  if (!origin || window.parent === window) return Promise.resolve("proceed");
  const requestId = `bp_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => finish("timeout"), BEFORE_PAYMENT_TIMEOUT_MS);
    function listener(event: MessageEvent) {
      if (event.origin !== origin || event.source !== window.parent) return;
      const message = parseParentMessage(event.data);
      if (message?.type === "before_payment_result" && message.requestId === requestId)
        finish(message.proceed ? "proceed" : "stopped");
    }
    function finish(result: "proceed" | "stopped" | "timeout") {
      window.clearTimeout(timer);
      window.removeEventListener("message", listener);
      resolve(result);
    }
    window.addEventListener("message", listener);
    postToParent(origin, { type: "before_payment", requestId, method });
  });
}
