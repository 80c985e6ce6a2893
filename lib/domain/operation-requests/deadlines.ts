import { type Refusal, refuse } from "./refusals";
import type { OperationRequestState } from "./states";

/**
 * How long a request may wait in a state before it expires. Hours are elapsed hours (a fixed number
 * of milliseconds), so daylight-saving changes neither lengthen nor shorten a deadline.
 *
 * A request takes its deadline when it enters the state and keeps it until it leaves: changing these
 * settings later moves no existing deadline, so nobody's request expires earlier (or lives longer)
 * than it was promised when it arrived.
 */
export type ExpirySettings = {
  readonly manualActionExpiryHours: number;
  /** 0 means a pending request never expires. */
  readonly pendingExpiryHours: number;
};

export const DEFAULT_EXPIRY_SETTINGS: ExpirySettings = {
  manualActionExpiryHours: 48,
  pendingExpiryHours: 0,
};

/** One year; also what the settings form and its schema allow. */
export const EXPIRY_HOURS_LIMITS = {
  manualActionExpiryHours: { min: 1, max: 8760 },
  pendingExpiryHours: { min: 0, max: 8760 },
} as const satisfies Record<keyof ExpirySettings, { min: number; max: number }>;

const HOUR_MS = 3_600_000;

/** Fills missing values with the defaults and refuses anything that is not a whole number in range. */
export function parseExpirySettings(input: {
  manualActionExpiryHours?: unknown;
  pendingExpiryHours?: unknown;
}): { ok: true; settings: ExpirySettings } | Refusal {
  const manualActionExpiryHours =
    input.manualActionExpiryHours ?? DEFAULT_EXPIRY_SETTINGS.manualActionExpiryHours;
  const pendingExpiryHours = input.pendingExpiryHours ?? DEFAULT_EXPIRY_SETTINGS.pendingExpiryHours;
  if (!isWholeHoursWithin(manualActionExpiryHours, EXPIRY_HOURS_LIMITS.manualActionExpiryHours)) {
    return refuse(
      "validation_error",
      "Manual-action expiry must be a whole number of hours from 1 to 8760.",
    );
  }
  if (!isWholeHoursWithin(pendingExpiryHours, EXPIRY_HOURS_LIMITS.pendingExpiryHours)) {
    return refuse(
      "validation_error",
      "Pending expiry must be a whole number of hours from 0 (never) to 8760.",
    );
  }
  return { ok: true, settings: { manualActionExpiryHours, pendingExpiryHours } };
}

/** The deadline a request takes on entering `state`; null where the state cannot expire. */
export function deadlineFor(
  state: OperationRequestState,
  settings: ExpirySettings,
  now: Date,
): Date | null {
  if (state === "manual_action_required") return hoursAfter(now, settings.manualActionExpiryHours);
  if (state === "pending" && settings.pendingExpiryHours > 0)
    return hoursAfter(now, settings.pendingExpiryHours);
  return null;
}

/**
 * The deadline after a transition: kept when the request stays in its state (a failed retry does not
 * buy more time), otherwise the one the new state gives.
 */
export function nextDeadline(
  request: { readonly state: OperationRequestState; readonly deadlineAt: Date | null },
  next: OperationRequestState,
  settings: ExpirySettings,
  now: Date,
): Date | null {
  return next === request.state ? request.deadlineAt : deadlineFor(next, settings, now);
}

/** Due at the deadline itself, so a request is never actionable and expirable in the same instant. */
export function isOverdue(deadlineAt: Date | null, now: Date): boolean {
  return deadlineAt !== null && deadlineAt.getTime() <= now.getTime();
}

function hoursAfter(now: Date, hours: number): Date {
  return new Date(now.getTime() + hours * HOUR_MS);
}

function isWholeHoursWithin(value: unknown, limits: { min: number; max: number }): value is number {
  return (
    Number.isInteger(value) && (value as number) >= limits.min && (value as number) <= limits.max
  );
}
