/**
 * The one error shape every API response uses: { "error": { "code", "message", "details"? } }.
 * Only ApiError reaches a client with its own message; anything else becomes a generic 500.
 */
export const ERROR_STATUS = {
  validation_error: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  operation_pending: 409,
  request_canceled: 409,
  request_expired: 409,
  invalid_state: 409,
  conflict: 409,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  amount_exceeds_remaining: 422,
  operation_not_allowed: 422,
  idempotency_key_reuse: 422,
  too_many_requests: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export const notFound = (what = "Resource") => new ApiError("not_found", `${what} not found.`);
