/**
 * Supported currencies and their minor-unit exponents (ISO 4217).
 * The database function currency_exponent() in the foundation migration mirrors this table; add a
 * currency to both.
 */
export const CURRENCY_EXPONENTS = {
  KWD: 3,
  BHD: 3,
  OMR: 3,
  JOD: 3,
  USD: 2,
  EUR: 2,
  GBP: 2,
  SAR: 2,
  AED: 2,
  QAR: 2,
  EGP: 2,
  JPY: 0,
} as const;

export type CurrencyCode = keyof typeof CURRENCY_EXPONENTS;

export const CURRENCY_CODES = Object.keys(CURRENCY_EXPONENTS) as CurrencyCode[];

export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCY_EXPONENTS, code);
}

export function currencyExponent(code: CurrencyCode): number {
  return CURRENCY_EXPONENTS[code];
}
