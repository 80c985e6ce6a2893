/**
 * Failed sign-ins lock an account from one address: 5 failures within 15 minutes lock it for
 * 15 minutes. Pure; the service stores the state per (email, address).
 */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export type ThrottleState = { failures: number; firstFailureAt: Date; lockedUntil: Date | null };

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return state?.lockedUntil != null && state.lockedUntil > now;
}

/** The state after one more failure at `now`. */
export function recordFailure(state: ThrottleState | null, now: Date): ThrottleState {
  const windowOpen =
    state !== null &&
    now.getTime() - state.firstFailureAt.getTime() < FAILURE_WINDOW_MS &&
    !lockExpired(state, now);
  const failures = windowOpen ? state.failures + 1 : 1;
  const firstFailureAt = windowOpen ? state.firstFailureAt : now;
  const lockedUntil =
    failures >= MAX_FAILURES
      ? new Date(now.getTime() + LOCK_MS)
      : windowOpen
        ? state.lockedUntil
        : null;
  return { failures, firstFailureAt, lockedUntil };
}

/** Words for the person at the sign-in form. */
export function lockedMessage(state: ThrottleState, now: Date): string {
  const minutes = Math.max(
    1,
    Math.ceil(((state.lockedUntil?.getTime() ?? now.getTime()) - now.getTime()) / 60_000),
  );
  return `Too many failed sign-ins. This account is locked from your address; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

function lockExpired(state: ThrottleState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil <= now;
}
