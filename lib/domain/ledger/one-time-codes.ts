/**
 * The one-time code a customer confirms a card issue with: 6 digits, stored hashed, valid for
 * 10 minutes and 5 tries.
 */
export const ONE_TIME_CODE_TTL_MS = 10 * 60 * 1000;
export const ONE_TIME_CODE_MAX_ATTEMPTS = 5;
export const ONE_TIME_CODE_PATTERN = /^[0-9]{6}$/;

export type OneTimeCodeState = {
  readonly expiresAt: Date;
  readonly attempts: number;
  readonly confirmedAt: Date | null;
};

export type CodeCheck =
  | { ok: true }
  | { ok: false; reason: "expired" | "exhausted" | "already_confirmed" | "wrong_code" };

/** Whether a try may be made now, and, given whether the code matched, its outcome. */
export function checkOneTimeCode(state: OneTimeCodeState, matches: boolean, now: Date): CodeCheck {
  if (state.confirmedAt) return { ok: false, reason: "already_confirmed" };
  if (state.attempts >= ONE_TIME_CODE_MAX_ATTEMPTS) return { ok: false, reason: "exhausted" };
  if (now.getTime() >= state.expiresAt.getTime()) return { ok: false, reason: "expired" };
  return matches ? { ok: true } : { ok: false, reason: "wrong_code" };
}

export const CODE_CHECK_MESSAGES: Record<Exclude<CodeCheck, { ok: true }>["reason"], string> = {
  expired: "The code has expired. Ask for a new one.",
  exhausted: "Too many wrong codes. Ask for a new one.",
  already_confirmed: "The code was already confirmed.",
  wrong_code: "The code is not right. Check it and try again.",
};
