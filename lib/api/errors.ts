import { AppError, type ErrorCode } from "@/lib/errors";

/**
 * The one error shape every API response uses: { "error": { "code", "message", "details"? } }, and
 * the one table from an error code to its HTTP status. Only lib/api reads this table.
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
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
  insufficient_funds: 422,
  hold_expired: 409,
  currency_mismatch: 422,
  account_closed: 422,
  too_many_requests: 429,
  internal_error: 500,
  service_unavailable: 503,
};

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

export { AppError, type ErrorCode };
