import type { CardBrand } from "./brand";
import { checkCvc } from "./cvc";
import { checkExpiry } from "./expiry";
import { checkCardNumber } from "./number";
import { type CardScenario, scenarioOf } from "./test-cards";

export type CardInput = {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  holder: string;
};

export type CardField = keyof CardInput;

/** What may be kept of a card: never the number, never the security code. */
export type CheckedCard = {
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  holder: string;
  scenario: CardScenario;
};

export type CardCheck =
  | { ok: true; card: CheckedCard }
  | { ok: false; errors: { field: CardField; message: string }[] };

export const MAX_HOLDER_LENGTH = 100;

/**
 * Every rule of a card form, with one message per field, so that the page (in the browser) and the
 * gateway (on the server) refuse the same cards with the same words.
 */
export function checkCard(input: CardInput, now: Date): CardCheck {
  const errors: { field: CardField; message: string }[] = [];
  const number = checkCardNumber(input.number);
  if (!number.ok) errors.push({ field: "number", message: number.message });
  const expiry = checkExpiry(input.expMonth, input.expYear, now);
  if (!expiry.ok) errors.push({ field: expiry.field, message: expiry.message });
  // The code's length depends on the brand; of an invalid number, 3 or 4 digits are both fine.
  const cvc = checkCvc(input.cvc, number.ok ? number.brand : "unknown");
  if (!cvc.ok && !(!number.ok && /^\d{3,4}$/.test(input.cvc)))
    errors.push({ field: "cvc", message: cvc.message });
  const holder = input.holder.trim();
  if (holder === "") errors.push({ field: "holder", message: "Enter the name on the card." });
  else if (hasControlCharacter(holder))
    errors.push({ field: "holder", message: "The name must not contain control characters." });
  else if (holder.length > MAX_HOLDER_LENGTH)
    errors.push({
      field: "holder",
      message: `The name is at most ${MAX_HOLDER_LENGTH} characters.`,
    });
  if (!number.ok || !expiry.ok || errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    card: {
      brand: number.brand,
      last4: number.last4,
      expMonth: expiry.month,
      expYear: expiry.year,
      holder,
      scenario: scenarioOf(number.digits),
    },
  };
}

function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
