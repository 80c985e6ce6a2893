/**
 * The one error a service, query or action throws for something a client can act on. It carries a
 * code (the API's vocabulary), a message safe to show as is, and optional details. Only lib/api
 * knows which HTTP status a code has; anything that is not an AppError is unexpected and is answered
 * with a generic message.
 */
export const ERROR_CODES = [
  "validation_error",
  "invalid_json",
  "unauthenticated",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "operation_pending",
  "request_canceled",
  "request_expired",
  "invalid_state",
  "conflict",
  "idempotency_in_progress",
  "payload_too_large",
  "unsupported_media_type",
  "amount_exceeds_remaining",
  "operation_not_allowed",
  "idempotency_key_reuse",
  "insufficient_funds",
  "hold_expired",
  "currency_mismatch",
  "account_closed",
  "too_many_requests",
  "internal_error",
  "service_unavailable",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Resource") => new AppError("not_found", `${what} not found.`);
