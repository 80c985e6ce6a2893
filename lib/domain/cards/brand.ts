/** The brands the sandbox tells apart; any other number is "unknown" (still accepted). */
export type CardBrand = "visa" | "mastercard" | "amex" | "unknown";

export const CARD_BRANDS: readonly CardBrand[] = ["visa", "mastercard", "amex", "unknown"];

export const BRAND_LABELS: Record<CardBrand, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  unknown: "Card",
};

/**
 * The brand from the number's leading digits (its IIN range): Visa 4; Mastercard 51-55 and the
 * 2-series 2221-2720; American Express 34 and 37. Works on a partial number too (as typed), so the
 * page can show the brand while the customer types.
 */
export function detectBrand(digits: string): CardBrand {
  if (!/^\d+$/.test(digits)) return "unknown";
  if (digits.startsWith("4")) return "visa";
  if (/^3[47]/.test(digits)) return "amex";
  if (/^5[1-5]/.test(digits)) return "mastercard";
  if (digits.length >= 4) {
    const prefix = Number(digits.slice(0, 4));
    if (prefix >= 2221 && prefix <= 2720) return "mastercard";
  }
  return "unknown";
}
