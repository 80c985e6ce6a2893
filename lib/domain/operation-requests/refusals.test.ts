import { describe, expect, it } from "vitest";
import { REFUSAL_HTTP_STATUS } from "./refusals";

describe("REFUSAL_HTTP_STATUS", () => {
  it("maps each refusal code to the status the API answers with", () => {
    expect(REFUSAL_HTTP_STATUS).toEqual({
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
