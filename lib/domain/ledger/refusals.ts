/**
 * Why the ledger refuses a process or a step of one. Each code is an API error code
 * (lib/api/errors.ts gives its status); the message is written for the person who asked.
 */
export type LedgerRefusalCode =
  | "validation_error"
  | "insufficient_funds"
  | "currency_mismatch"
  | "account_closed"
  | "hold_expired"
  | "invalid_state"
  | "forbidden";

export type LedgerRefusal = {
  readonly ok: false;
  readonly code: LedgerRefusalCode;
  readonly message: string;
  readonly details?: Record<string, unknown>;
};

export function ledgerRefusal(
  code: LedgerRefusalCode,
  message: string,
  details?: Record<string, unknown>,
): LedgerRefusal {
  return { ok: false, code, message, ...(details ? { details } : {}) };
}
