import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "@/lib/api/errors";
import { REFUSAL_CODES } from "./refusals";

describe("refusal codes", () => {
  it("are API error codes answered with the statuses the API promises", () => {
    expect(Object.fromEntries(REFUSAL_CODES.map((code) => [code, ERROR_STATUS[code]]))).toEqual({
      validation_error: 400,
      forbidden: 403,
      not_found: 404,
      operation_pending: 409,
      request_canceled: 409,
      request_expired: 409,
      invalid_state: 409,
      amount_exceeds_remaining: 422,
      operation_not_allowed: 422,
    });
  });
});
