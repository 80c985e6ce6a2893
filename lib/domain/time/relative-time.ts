/**
 * "in 3h", "2d ago", "just now": how far `iso` is from `now`, in the largest unit that reads well.
 * Pure and locale-fixed (English), so the server and the browser write the same text.
 */
export type RelativeStyle = "narrow" | "long";

const FORMATS: Record<RelativeStyle, Intl.RelativeTimeFormat> = {
  narrow: new Intl.RelativeTimeFormat("en", { style: "narrow", numeric: "always" }),
  long: new Intl.RelativeTimeFormat("en", { style: "long", numeric: "always" }),
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatRelativeTime(
  iso: string,
  now: Date,
  style: RelativeStyle = "narrow",
): string {
  const diff = Date.parse(iso) - now.getTime();
  const size = Math.abs(diff);
  if (size < 45_000) return "just now";
  const format = FORMATS[style];
  // Up to two days in hours: a 48-hour deadline reads "in 48 hours", not "in 2 days".
  if (size < HOUR) return format.format(Math.round(diff / MINUTE) || Math.sign(diff), "minute");
  if (size < 48.5 * HOUR) return format.format(Math.round(diff / HOUR), "hour");
  return format.format(Math.round(diff / DAY), "day");
}
