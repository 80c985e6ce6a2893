import {
  envelope,
  type FrameToParent,
  parseFrameMessage,
} from "../lib/domain/checkout/embed-protocol";
import { frameUrl, validateOptions } from "./options";

/*
 * The embeddable checkout script, served as /sdk/v1/checkout.js (and /sdk/checkout.js, the latest).
 * No dependencies and no Next.js: built by scripts/build-sdk.ts into one small IIFE that defines
 * window.Checkout. It draws the hosted page in an iframe and talks to it with the protocol of
 * lib/domain/checkout/embed-protocol.ts, trusting only messages from the iframe's own window at the
 * script's own origin.
 */
export const SDK_VERSION = "1.0.0";

/** Where the script was loaded from: the hosted page lives at the same origin. */
const scriptOrigin = (() => {
  const current = document.currentScript as HTMLScriptElement | null;
  const src =
    current?.src ||
    Array.from(document.querySelectorAll<HTMLScriptElement>("script[src]"))
      .map((script) => script.src)
      .find((value) => /\/sdk\/(v\d+\/)?checkout\.js(\?|$)/.test(value));
  return src ? new URL(src, location.href).origin : location.origin;
})();

function init(input: unknown): { destroy: () => void } {
  const options = validateOptions(input);
  const container = document.querySelector(options.selector);
  if (!container) throw new Error(`Checkout.init: no element matches "${options.selector}".`);

  const iframe = document.createElement("iframe");
  iframe.src = frameUrl(scriptOrigin, options, location.origin);
  iframe.title = options.lang === "ar" ? "الدفع" : "Checkout";
  iframe.allow = "payment";
  iframe.setAttribute("data-countersign-checkout", options.sessionId);
  iframe.style.cssText = "width:100%;min-height:320px;border:0;display:block;overflow:hidden";
  container.replaceChildren(iframe);

  const answer = (requestId: string, proceed: boolean) =>
    iframe.contentWindow?.postMessage(
      envelope({ type: "before_payment_result" as const, requestId, proceed }),
      scriptOrigin,
    );

  function handle(message: FrameToParent) {
    switch (message.type) {
      case "ready":
      case "resize":
        iframe.style.height = `${message.height}px`;
        return;
      case "before_payment": {
        const ask = options.beforePayment;
        if (!ask) return answer(message.requestId, true);
        new Promise((resolve) => resolve(ask(message.method))).then(
          (result) => answer(message.requestId, result !== false),
          () => answer(message.requestId, false),
        );
        return;
      }
      case "success":
        return options.success?.(message.data);
      case "cancel":
        return options.cancel?.(message.data);
      case "error":
        return options.error?.(message.data);
    }
  }

  function onMessage(event: MessageEvent) {
    if (event.origin !== scriptOrigin || event.source !== iframe.contentWindow) return;
    const message = parseFrameMessage(event.data);
    if (message) handle(message);
  }
  window.addEventListener("message", onMessage);

  return {
    destroy() {
      window.removeEventListener("message", onMessage);
      iframe.remove();
    },
  };
}

(window as unknown as { Checkout: unknown }).Checkout = { init, version: SDK_VERSION };
