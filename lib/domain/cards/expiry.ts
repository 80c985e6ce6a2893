/** A card expires at the end of its expiry month; none is issued for more than 20 years. */
export const MAX_YEARS_AHEAD = 20;

export type ExpiryCheck =
  | { ok: true; month: number; year: number }
  | { ok: false; field: "expMonth" | "expYear"; message: string };

/**
 * Month 1-12; a year of 2 digits means 20YY. Valid through the last day of the month (in UTC, as
 * the sandbox issuer counts), refused when that month is before `now`'s, or more than 20 years
 * after `now`'s year.
 */
export function checkExpiry(month: number, year: number, now: Date): ExpiryCheck {
  if (!Number.isInteger(month) || month < 1 || month > 12)
    return { ok: false, field: "expMonth", message: "The expiry month is 1 to 12." };
  if (!Number.isInteger(year) || year < 0 || (year > 99 && (year < 1000 || year > 9999)))
    return { ok: false, field: "expYear", message: "Enter the expiry year as YY or YYYY." };
  const fullYear = year < 100 ? 2000 + year : year;
  const nowYear = now.getUTCFullYear();
  const nowMonth = now.getUTCMonth() + 1;
  if (fullYear < nowYear || (fullYear === nowYear && month < nowMonth))
    return { ok: false, field: "expYear", message: "The card has expired." };
  if (fullYear > nowYear + MAX_YEARS_AHEAD)
    return {
      ok: false,
      field: "expYear",
      message: `The expiry year is at most ${MAX_YEARS_AHEAD} years ahead.`,
    };
  return { ok: true, month, year: fullYear };
}
