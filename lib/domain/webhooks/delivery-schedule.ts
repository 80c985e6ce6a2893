/**
 * When a webhook delivery is attempted, and what each answer means. Pure: the service passes the
 * clock and the receiver's answer, and writes what this decides.
 *
 * Attempt 1 goes at once; after each failure the next waits 1 min, 5 min, 30 min, 2 h, 6 h, 12 h
 * (about 20 h 36 min in all). After the seventh failure the delivery is abandoned, and an endpoint
 * whose failures span a day is disabled, so a dead server stops receiving (and costing) attempts.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Delay before attempt n+1, indexed by n-1 (the number of the attempt that just failed). */
export const RETRY_DELAYS_MS = [
  1 * MINUTE,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  6 * HOUR,
  12 * HOUR,
] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** An endpoint that has failed without a single success for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 24 * HOUR;

/**
 * When attempt `attemptNumber` (1-based) is due, counted from `now` (the time of the previous
 * attempt; attempt 1 is due at once). Null when there is no such attempt.
 */
export function nextAttemptAt(attemptNumber: number, now: Date): Date | null {
  if (!Number.isInteger(attemptNumber) || attemptNumber < 1 || attemptNumber > MAX_ATTEMPTS)
    return null;
  if (attemptNumber === 1) return now;
  return new Date(now.getTime() + RETRY_DELAYS_MS[attemptNumber - 2]);
}

/** The receiver's answer to one attempt: an HTTP status, or none (refused, timeout, network). */
export type AttemptAnswer = { status: number } | { status: null; error: string };

export type DeliveryDecision =
  | { outcome: "delivered" }
  /** Try again at `at`. */
  | { outcome: "retry"; at: Date }
  /** No more attempts for this delivery. */
  | { outcome: "abandoned" }
  /** The receiver said 410 Gone: stop this delivery and the endpoint. */
  | { outcome: "endpoint_gone" };

export function isSuccessStatus(status: number | null): boolean {
  return status !== null && status >= 200 && status <= 299;
}

/**
 * What to do after attempt `attemptNumber` answered `answer` at `now`. Anything but 2xx is a
 * failure (a 3xx is not followed: the merchant must configure the final URL).
 */
export function decideAfterAttempt(
  attemptNumber: number,
  answer: AttemptAnswer,
  now: Date,
): DeliveryDecision {
  if (isSuccessStatus(answer.status)) return { outcome: "delivered" };
  if (answer.status === 410) return { outcome: "endpoint_gone" };
  const at = nextAttemptAt(attemptNumber + 1, now);
  return at ? { outcome: "retry", at } : { outcome: "abandoned" };
}

/** From the first attempt to the last when every one fails: 20 h 36 min. */
export const SCHEDULE_TOTAL_MS = RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);

/**
 * Whether an endpoint should be disabled for failing: it has failed without a single success since
 * `failingSince` for a day, or a delivery was just abandoned (its seven attempts, spanning the whole
 * schedule, all failed) with no success since its first attempt.
 */
export function shouldDisableForFailures(
  failingSince: Date | null,
  now: Date,
  justAbandoned = false,
): boolean {
  if (failingSince === null) return false;
  const failingFor = now.getTime() - failingSince.getTime();
  return failingFor >= (justAbandoned ? SCHEDULE_TOTAL_MS : DISABLE_AFTER_FAILING_MS);
}

export const DISABLED_REASONS = ["gone", "failing", "manual"] as const;
export type DisabledReason = (typeof DISABLED_REASONS)[number];

export const DELIVERY_STATUSES = ["pending", "delivered", "failed", "abandoned"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
