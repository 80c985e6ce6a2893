import { type CurrencyCode, currencyExponent } from "@/lib/domain/money/currency";

/** An exchange rate: a positive decimal with at most 12 decimal places, at most 12 digits before. */
export const EXCHANGE_RATE_PATTERN = /^(?:0|[1-9][0-9]{0,11})(?:\.[0-9]{1,12})?$/;

/**
 * What the destination receives for `amountMinor` of `from` at `rate` (units of `to` per unit of
 * `from`), in `to`'s minor units, rounded down: the reserve never pays out a fraction it did not get.
 * Null for a rate that is not a positive decimal.
 */
export function exchangeAmount(
  amountMinor: bigint,
  from: CurrencyCode,
  to: CurrencyCode,
  rate: string,
): bigint | null {
  if (!EXCHANGE_RATE_PATTERN.test(rate)) return null;
  const [whole = "0", fraction = ""] = rate.split(".");
  const scaled = BigInt(whole + fraction);
  if (scaled === 0n) return null;
  const numerator = amountMinor * scaled * 10n ** BigInt(currencyExponent(to));
  const denominator = 10n ** BigInt(fraction.length + currencyExponent(from));
  return numerator / denominator;
}
