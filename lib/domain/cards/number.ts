import { type CardBrand, detectBrand } from "./brand";
import { passesLuhn } from "./luhn";

/** Card numbers (PANs) are 12 to 19 digits (ISO/IEC 7812). */
export const MIN_PAN_LENGTH = 12;
export const MAX_PAN_LENGTH = 19;

/** Lengths each known brand issues; an unknown brand may have any PAN length. */
const BRAND_LENGTHS: Record<Exclude<CardBrand, "unknown">, readonly number[]> = {
  visa: [13, 16, 19],
  mastercard: [16],
  amex: [15],
};

/**
 * The digits of a card number as a person types it: digits, with spaces anywhere (groups of four,
 * or of 4-6-5 for American Express). Anything else (dashes, letters, a second line) is refused
 * rather than guessed at: null.
 */
export function normalizeCardNumber(input: string): string | null {
  if (!/^[\d ]+$/.test(input)) return null;
  const digits = input.replaceAll(" ", "");
  return digits === "" ? null : digits;
}

export type CardNumberCheck =
  | { ok: true; digits: string; brand: CardBrand; last4: string }
  | { ok: false; message: string };

export function checkCardNumber(input: string): CardNumberCheck {
  const digits = normalizeCardNumber(input);
  if (digits === null) return { ok: false, message: "Enter the card number in digits." };
  if (digits.length < MIN_PAN_LENGTH || digits.length > MAX_PAN_LENGTH)
    return {
      ok: false,
      message: `A card number has ${MIN_PAN_LENGTH} to ${MAX_PAN_LENGTH} digits.`,
    };
  const brand = detectBrand(digits);
  if (brand !== "unknown" && !BRAND_LENGTHS[brand].includes(digits.length))
    return { ok: false, message: "The card number is too short or too long for its brand." };
  if (!passesLuhn(digits)) return { ok: false, message: "The card number is not valid." };
  return { ok: true, digits, brand, last4: digits.slice(-4) };
}
