/*
 * The pieces every path of the OpenAPI document shares: the error shape narrowed per endpoint, the
 * idempotency headers, the security schemes.
 */
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { OperationRequestIdSchema } from "@/lib/validation/operation-requests";
import { ERROR_STATUS, type ErrorCode } from "../errors";
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_TTL_HOURS,
  IDEMPOTENT_REPLAYED_HEADER,
} from "../idempotency";

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe("Stable: branch on this."),
      message: z.string().describe("For people; safe to show as is."),
      details: z
        .unknown()
        .optional()
        .describe("For validation_error: [{ field, message }] per problem."),
    }),
  })
  .meta({ id: "Error", description: "The one error shape every endpoint answers with." });

/** What each code means, shown beside the status it comes with. */
export const ERROR_MEANINGS: Record<ErrorCode, string> = {
  validation_error:
    "The input (path, query, body or a header) is invalid; `details` names each field.",
  invalid_json: "The body is not valid JSON.",
  unauthenticated: "No valid API key or session.",
  forbidden: "The caller may not do this.",
  not_found: "Unknown, malformed, or another merchant's id.",
  method_not_allowed: "The path does not take this method.",
  operation_pending: "The payment already has an open request.",
  request_canceled: "The request has been canceled.",
  request_expired: "The request has expired.",
  invalid_state: "The request or process is not in a state that allows this.",
  conflict: "The resource changed meanwhile; try again.",
  idempotency_in_progress: `A request with this ${IDEMPOTENCY_KEY_HEADER} is still running; retry shortly.`,
  payload_too_large: "The body is too large.",
  insufficient_funds:
    "An account would be overdrawn; `details.accountId` names it. Nothing was written.",
  hold_expired: "The process's hold has expired: it can no longer be captured or released by hand.",
  currency_mismatch: "An account is in another currency than the process.",
  account_closed: "An account the process touches is closed.",
  unsupported_media_type: "Send the body as application/json.",
  amount_exceeds_remaining: "The amount is more than is left to refund.",
  operation_not_allowed:
    "The payment's state does not allow this operation, or the process type is made by the system, not run by hand.",
  idempotency_key_reuse: `This ${IDEMPOTENCY_KEY_HEADER} was used for a different request.`,
  too_many_requests: "Slow down.",
  internal_error: "Something failed on our side; quote the x-request-id header.",
  service_unavailable: "A dependency (the database) is unreachable.",
};

export const AUTH_ERRORS: ErrorCode[] = ["unauthenticated", "forbidden"];
export const JSON_BODY_ERRORS: ErrorCode[] = [
  "validation_error",
  "invalid_json",
  "payload_too_large",
  "unsupported_media_type",
];
export const IDEMPOTENCY_ERRORS: ErrorCode[] = [
  "validation_error",
  "idempotency_in_progress",
  "idempotency_key_reuse",
];
export const DECISION_ERRORS: ErrorCode[] = [
  "not_found",
  "invalid_state",
  "request_canceled",
  "request_expired",
];

/** One response per status, its schema narrowed to the codes this endpoint can answer with. */
export function errorResponses(codes: ErrorCode[]): RouteConfig["responses"] {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set([...codes, "internal_error" as const])) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: RouteConfig["responses"] = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.map((code) => `\`${code}\`: ${ERROR_MEANINGS[code]}`).join("\n"),
      content: {
        "application/json": {
          schema: z.object({
            error: z.object({
              code: z.enum(list as [ErrorCode, ...ErrorCode[]]),
              message: z.string(),
              details: z.unknown().optional(),
            }),
          }),
        },
      },
    };
  }
  return responses;
}

export const SIGNED_IN: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

export const IdempotencyHeaders = z.object({
  [IDEMPOTENCY_KEY_HEADER]: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe(
      `Optional, 1 to 255 printable ASCII characters, per merchant, remembered ${IDEMPOTENCY_KEY_TTL_HOURS} hours. ` +
        `Repeating the same request with the same key answers the first response again (with \`${IDEMPOTENT_REPLAYED_HEADER}: true\`) ` +
        "instead of running it twice. A 5xx releases the key.",
    ),
});

export const ReplayedHeader = z.object({
  [IDEMPOTENT_REPLAYED_HEADER]: z
    .literal("true")
    .optional()
    .describe(
      `Present when this is the stored answer to an earlier request with the same ${IDEMPOTENCY_KEY_HEADER}.`,
    ),
});

export function json(schema: z.ZodType, description: string, headers?: z.ZodObject) {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { "application/json": { schema } },
  };
}

export const HealthSchema = z
  .object({ status: z.literal("ok"), database: z.literal("ok"), ms: z.number() })
  .meta({ id: "Health" });

export const OperationRequestPathParams = OperationRequestIdSchema.extend({
  id: z.string().describe("The operation request's id (a UUID)."),
});
