import type { OutcomeData } from "../lib/domain/checkout/embed-protocol";
import { CHECKOUT_METHODS, type CheckoutMethod } from "../lib/domain/checkout/session-rules";

/**
 * Checkout.init's options, checked before anything is rendered: a merchant's mistake is a clear
 * error in their console, never a half-drawn iframe. Pure (no DOM), so unit tests run it in Node.
 */
export type CheckoutOptions = {
  /** A CSS selector of the element the checkout is drawn in. */
  selector: string;
  sessionId: string;
  /** The merchant's publishable key (pk_...). Never a secret key. */
  publicKey: string;
  lang?: "en" | "ar";
  /** The methods to offer, among those the session allows; all of them when absent. */
  formsOfPayment?: CheckoutMethod[];
  /** Asked when the customer presses Pay: false (or a Promise of false) stops the payment. */
  beforePayment?: (method: CheckoutMethod) => boolean | undefined | Promise<boolean | undefined>;
  success?: (data: OutcomeData) => void;
  cancel?: (data: OutcomeData) => void;
  error?: (data: OutcomeData & { code: string }) => void;
};

export type ValidOptions = Required<
  Pick<CheckoutOptions, "selector" | "sessionId" | "publicKey">
> & {
  lang: "en" | "ar";
  formsOfPayment: CheckoutMethod[];
  beforePayment?: CheckoutOptions["beforePayment"];
  success?: CheckoutOptions["success"];
  cancel?: CheckoutOptions["cancel"];
  error?: CheckoutOptions["error"];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PUBLISHABLE_KEY = /^pk_[A-Za-z0-9_]{8,64}$/;
const CALLBACKS = ["beforePayment", "success", "cancel", "error"] as const;
const KNOWN = new Set<string>([
  "selector",
  "sessionId",
  "publicKey",
  "lang",
  "formsOfPayment",
  ...CALLBACKS,
]);

function fail(message: string): never {
  throw new Error(`Checkout.init: ${message}`);
}

export function validateOptions(input: unknown): ValidOptions {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    fail("pass an options object: Checkout.init({ selector, sessionId, publicKey, ... }).");
  const options = input as Record<string, unknown>;
  for (const name of Object.keys(options)) if (!KNOWN.has(name)) fail(`unknown option "${name}".`);
  const { selector, sessionId, publicKey } = options;
  if (typeof selector !== "string" || selector.trim() === "")
    fail(
      'selector must be a CSS selector of the element to draw the checkout in, like "#checkout".',
    );
  if (typeof sessionId !== "string" || !UUID.test(sessionId))
    fail("sessionId must be the session_id your server received from POST /api/v1/checkout.");
  if (typeof publicKey !== "string" || publicKey === "")
    fail("publicKey must be your publishable key (pk_...).");
  if (publicKey.startsWith("sk_"))
    fail(
      "publicKey is a secret key (sk_...). Secret keys must never be used in a browser: anyone who " +
        "opens the page can read them. Use your publishable key (pk_...), and revoke this secret key.",
    );
  if (!PUBLISHABLE_KEY.test(publicKey))
    fail("publicKey must be a publishable key: pk_ followed by letters and digits.");
  const lang = options.lang ?? "en";
  if (lang !== "en" && lang !== "ar") fail('lang must be "en" or "ar".');
  const forms = options.formsOfPayment ?? [...CHECKOUT_METHODS];
  if (
    !Array.isArray(forms) ||
    forms.length === 0 ||
    forms.some((form) => !(CHECKOUT_METHODS as readonly unknown[]).includes(form))
  )
    fail(`formsOfPayment must be a non-empty list of: ${CHECKOUT_METHODS.join(", ")}.`);
  for (const name of CALLBACKS)
    if (options[name] !== undefined && typeof options[name] !== "function")
      fail(`${name} must be a function.`);
  return {
    selector,
    sessionId: sessionId.toLowerCase(),
    publicKey,
    lang,
    formsOfPayment: [...new Set(forms as CheckoutMethod[])],
    beforePayment: options.beforePayment as ValidOptions["beforePayment"],
    success: options.success as ValidOptions["success"],
    cancel: options.cancel as ValidOptions["cancel"],
    error: options.error as ValidOptions["error"],
  };
}

/** The hosted page's address for an embed (lib/domain/checkout/embed-protocol.ts). */
export function frameUrl(base: string, options: ValidOptions, parentOrigin: string): string {
  const query = new URLSearchParams({
    embed: "1",
    pk: options.publicKey,
    origin: parentOrigin,
    methods: options.formsOfPayment.join(","),
    lang: options.lang,
  });
  return `${base}/checkout/${encodeURIComponent(options.sessionId)}?${query}`;
}
