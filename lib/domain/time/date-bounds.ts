/*
 * The dates this product accepts from anyone: 1970-01-01 to 9999-12-30 (UTC). Both JavaScript and
 * PostgreSQL represent every instant in between, and one day more (a `to` day is inclusive, so
 * queries run to the start of the next day, 9999-12-31). Outside it, JavaScript prints years as
 * "+010000" or "-271821" and PostgreSQL has no year 0000: either way a query would fail.
 */

export const MIN_DAY = "1970-01-01";
export const MAX_DAY = "9999-12-30";

/** The first and last instants inside the bounds. */
export const MIN_INSTANT = new Date(`${MIN_DAY}T00:00:00.000Z`);
export const MAX_INSTANT = new Date(`${MAX_DAY}T23:59:59.999Z`);

/** A YYYY-MM-DD day (already known to be a real calendar day) inside the bounds. */
export function isDayInBounds(day: string): boolean {
  return day >= MIN_DAY && day <= MAX_DAY;
}

/** An instant inside the bounds; false for an invalid Date. */
export function isInstantInBounds(at: Date): boolean {
  const time = at.getTime();
  return !Number.isNaN(time) && time >= MIN_INSTANT.getTime() && time <= MAX_INSTANT.getTime();
}
