import type { CardBrand } from "./brand";

/** American Express prints a 4-digit code on the front; the others a 3-digit one on the back. */
export function cvcLength(brand: CardBrand): 3 | 4 {
  return brand === "amex" ? 4 : 3;
}

export function checkCvc(
  cvc: string,
  brand: CardBrand,
): { ok: true } | { ok: false; message: string } {
  const length = cvcLength(brand);
  if (!new RegExp(`^\\d{${length}}$`).test(cvc))
    return { ok: false, message: `The security code is ${length} digits.` };
  return { ok: true };
}
