/**
 * Named refusals shared by the operation-request rules. API clients branch on the code; the message
 * is written for the person who clicked and is safe to show as is.
 */
export const REFUSAL_HTTP_STATUS = {
  validation_error: 400,
  forbidden: 403,
  not_found: 404,
  operation_pending: 409,
  request_canceled: 409,
  request_expired: 409,
  invalid_state: 409,
  amount_exceeds_remaining: 422,
  operation_not_allowed: 422,
} as const;

export type RefusalCode = keyof typeof REFUSAL_HTTP_STATUS;

export type Refusal = { readonly ok: false; readonly code: RefusalCode; readonly message: string };

export function refuse(code: RefusalCode, message: string): Refusal {
  return { ok: false, code, message };
}
