/**
 * Limit profiles: per merchant, process type and currency, the most one process may move and the
 * most one customer may move (total and count) in a day. A process over a limit is not refused: it
 * is created `limited`, holds nothing, and waits for the anti-fraud review.
 */

export type LimitProfile = {
  readonly maxAmount: bigint | null;
  readonly maxDailyTotal: bigint | null;
  readonly maxDailyCount: number | null;
};

/** What the customer already did today with this type and currency (processes not declined, rejected or in error). */
export type DailyUsage = { readonly total: bigint; readonly count: number };

export type LimitBreach = "max_amount" | "max_daily_total" | "max_daily_count";

export const LIMIT_BREACH_LABELS: Record<LimitBreach, string> = {
  max_amount: "over the most one process may move",
  max_daily_total: "over the customer's daily total",
  max_daily_count: "over the customer's daily number of processes",
};

/** The limits this process would break; empty when it is within all of them. */
export function limitBreaches(
  profile: LimitProfile | null,
  amount: bigint,
  usage: DailyUsage,
): LimitBreach[] {
  if (!profile) return [];
  const breaches: LimitBreach[] = [];
  if (profile.maxAmount !== null && amount > profile.maxAmount) breaches.push("max_amount");
  if (profile.maxDailyTotal !== null && usage.total + amount > profile.maxDailyTotal) {
    breaches.push("max_daily_total");
  }
  if (profile.maxDailyCount !== null && usage.count + 1 > profile.maxDailyCount) {
    breaches.push("max_daily_count");
  }
  return breaches;
}

/** The start of the customer's day for the daily limits (UTC). */
export function startOfDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
