import { type CardField, type CardInput, checkCard } from "@/lib/domain/cards/validate-card";
import type { TokenizeResponse } from "@/lib/validation/sandbox-gateway";

/*
 * The hosted page's tokenize call, in the browser: the card goes straight to the sandbox gateway
 * (as it would to a real provider's fields) and the page keeps only the token. No server-only
 * import here. The same card rules run first in the browser, so most mistakes never leave it.
 */

export type TokenizeOutcome =
  | { ok: true; card: TokenizeResponse }
  | {
      ok: false;
      /** A message per field, for the form ("number", "expMonth", "expYear", "cvc", "holder"). */
      fieldErrors: Partial<Record<CardField, string>>;
      /** A message for the whole form (the gateway unreachable, an unexpected answer). */
      message: string;
    };

const CARD_FIELDS: readonly CardField[] = ["number", "expMonth", "expYear", "cvc", "holder"];

export async function tokenizeCard(
  card: CardInput,
  options: { baseUrl?: string; now?: Date; fetch?: typeof fetch } = {},
): Promise<TokenizeOutcome> {
  const checked = checkCard(card, options.now ?? new Date());
  if (!checked.ok) {
    const fieldErrors: Partial<Record<CardField, string>> = {};
    for (const error of checked.errors) fieldErrors[error.field] ??= error.message;
    return { ok: false, fieldErrors, message: checked.errors[0].message };
  }
  const send = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await send(`${options.baseUrl ?? ""}/api/sandbox-gateway/tokenize`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(card),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    return {
      ok: false,
      fieldErrors: {},
      message: "The payment service could not be reached. Check your connection and try again.",
    };
  }
  const body = (await response.json().catch(() => null)) as
    | (TokenizeResponse & {
        error?: { message?: string; details?: { field?: string; message?: string }[] };
      })
    | null;
  if (response.status === 201 && body?.token) {
    const { token, brand, last4, expMonth, expYear } = body;
    return { ok: true, card: { token, brand, last4, expMonth, expYear } };
  }
  const fieldErrors: Partial<Record<CardField, string>> = {};
  for (const detail of body?.error?.details ?? []) {
    const field = CARD_FIELDS.find((name) => name === detail.field);
    if (field && detail.message) fieldErrors[field] ??= detail.message;
  }
  return {
    ok: false,
    fieldErrors,
    message: body?.error?.message ?? "The card could not be checked. Try again.",
  };
}
