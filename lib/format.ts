import { formatMoney, moneyFromDecimal } from "@/lib/domain/money/money";

/** "1,250.500 KWD" from the API's decimal string; exact, never through a float. */
export function formatAmount(decimal: string, currency: string): string {
  return formatMoney(moneyFromDecimal(decimal, currency));
}

/**
 * "2026-11-21 05:28 UTC". Always UTC, like the date filters, and the same text on the server and
 * in the browser, so hydration never disagrees about a viewer's time zone.
 */
export function formatTimestamp(
  iso: string,
  { seconds = false }: { seconds?: boolean } = {},
): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, seconds ? 19 : 16)} UTC`;
}

/** "partially_refunded" -> "Partially refunded". */
export function humanize(value: string): string {
  const words = value.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
