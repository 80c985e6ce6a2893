/**
 * Named refusals shared by the operation-request rules. API clients branch on the code; the message
 * is written for the person who clicked and is safe to show as is. Each code is also an API error
 * code: lib/api/errors.ts gives it its HTTP status.
 */
export const REFUSAL_CODES = [
  "validation_error",
  "forbidden",
  "not_found",
  "operation_pending",
  "request_canceled",
  "request_expired",
  "invalid_state",
  "amount_exceeds_remaining",
  "operation_not_allowed",
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type Refusal = { readonly ok: false; readonly code: RefusalCode; readonly message: string };

export function refuse(code: RefusalCode, message: string): Refusal {
  return { ok: false, code, message };
}
