/** The Checkout API's paths (issue 8): sessions, their list, refunds and voids, and the settings. */
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import type { z } from "zod";
import { NOTICE_INTERVAL_MINUTES } from "@/lib/domain/checkout/error-notice";
import {
  CancelCheckoutSchema,
  CaptureCheckoutSchema,
  CheckoutListQuerySchema,
  CheckoutListResponseSchema,
  CheckoutSessionParamsSchema,
  CheckoutSessionViewSchema,
  CheckoutSettingsResponseSchema,
  CheckoutSettingsSchema,
  CreateCheckoutSchema,
  RefundCheckoutSchema,
  UpdateCheckoutSchema,
  VoidCheckoutSchema,
} from "@/lib/validation/checkout";
import { OperationRequestDetailResponseSchema } from "@/lib/validation/operation-requests";
import type { ErrorCode } from "../errors";
import {
  AUTH_ERRORS,
  errorResponses,
  IDEMPOTENCY_ERRORS,
  IdempotencyHeaders,
  JSON_BODY_ERRORS,
  json,
  ReplayedHeader,
  SIGNED_IN,
} from "./shared";

const NOTIFY =
  `When the Checkout API answers a merchant's server (an API key) with a 4xx other than 401/404/405, or a 5xx, ` +
  `the merchant's notify-on-error list (else its active owners and admins) is emailed, at most once per ` +
  `${NOTICE_INTERVAL_MINUTES} minutes per error code.`;

const SESSION_ERRORS: ErrorCode[] = ["not_found", "invalid_state", "conflict"];

function body(schema: z.ZodType, required = true) {
  return { required, content: { "application/json": { schema } } };
}

const Params = CheckoutSessionParamsSchema;

export function registerCheckoutPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "post",
    path: "/api/v1/checkout",
    tags: ["Checkout"],
    summary: "Create a checkout session",
    description:
      "A merchant's server creates a session; the customer pays on `checkout_url` (or through the embedded script). " +
      "Fields are named as Ottu names them. `amount` is a decimal string in the currency's precision, greater than zero; " +
      "`pg_codes` are the merchant's gateways in `currency_code` (at least one); `order_no` is unique per merchant " +
      "(generated when absent; a repeat is 409 `conflict`); `expiration_time` is from 5 minutes to 30 days " +
      '(`"HH:MM:SS"` or `"D HH:MM:SS"`, default 24 hours); `due_datetime` and `notifications` are for payment requests ' +
      "only; `customer_phone` is stored in E.164; `redirect_url` and `webhook_url` must be http(s). A refused request " +
      `writes nothing. Permission: \`checkout.create\`. ${NOTIFY}`,
    security: SIGNED_IN,
    request: { headers: IdempotencyHeaders, body: body(CreateCheckoutSchema) },
    responses: {
      201: json(
        CheckoutSessionViewSchema,
        "The session, every field echoed, with its page's URLs.",
        ReplayedHeader,
      ),
      ...errorResponses([...JSON_BODY_ERRORS, ...AUTH_ERRORS, ...IDEMPOTENCY_ERRORS, "conflict"]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/checkout",
    tags: ["Checkout"],
    summary: "List checkout sessions",
    description:
      "The merchant's sessions, newest first, without their attempts. Keyset paging: pass `nextCursor` back as " +
      "`cursor`. Unknown parameters are refused. Permission: `transactions.view`.",
    security: SIGNED_IN,
    request: { query: CheckoutListQuerySchema },
    responses: {
      200: json(CheckoutListResponseSchema, "One page."),
      ...errorResponses(["validation_error", ...AUTH_ERRORS]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/checkout/{session_id}",
    tags: ["Checkout"],
    summary: "Get a checkout session",
    description:
      "The session with its attempts (method, state, 3-D Secure outcome, card brand and last 4). Another merchant's, " +
      "unknown and malformed ids are 404 alike. Permission: `transactions.view`.",
    security: SIGNED_IN,
    request: { params: Params },
    responses: {
      200: json(CheckoutSessionViewSchema, "The session."),
      ...errorResponses(["validation_error", ...AUTH_ERRORS, "not_found"]),
    },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/checkout/{session_id}",
    tags: ["Checkout"],
    summary: "Update a checkout session",
    description:
      "Changes `amount` and the customer fields (not `customer_id`) while no attempt is under way. **A validation error " +
      "ends the session**: it is canceled with the reason recorded, and the 400's `details` carry " +
      '`{ errors, session_state: "canceled", new_session_required: true }`: create a new session. A session that ' +
      "cannot be updated (paid, an attempt under way, ended) is 409 `invalid_state` and is left as it was; a body that " +
      `is not a JSON object is 400 and touches nothing. Permission: \`checkout.create\`. ${NOTIFY}`,
    security: SIGNED_IN,
    request: { params: Params, body: body(UpdateCheckoutSchema) },
    responses: {
      200: json(CheckoutSessionViewSchema, "The session as updated."),
      ...errorResponses([...JSON_BODY_ERRORS, ...AUTH_ERRORS, ...SESSION_ERRORS]),
    },
  });

  const ends: { action: "cancel" | "expire"; state: string }[] = [
    { action: "cancel", state: "canceled" },
    { action: "expire", state: "expired" },
  ];
  for (const { action, state } of ends) {
    registry.registerPath({
      method: "post",
      path: `/api/v1/checkout/{session_id}/${action}`,
      tags: ["Checkout"],
      summary: `${action === "cancel" ? "Cancel" : "Expire"} a checkout session`,
      description:
        `Ends a session that can still be paid (\`${state}\`, \`reason\` recorded as \`ended_reason\`). An authorized or ` +
        "paid session is 409 `invalid_state` (void or refund it instead). The body may be left out. " +
        `Permission: \`checkout.create\`. ${NOTIFY}`,
      security: SIGNED_IN,
      request: {
        params: Params,
        headers: IdempotencyHeaders,
        body: body(CancelCheckoutSchema, false),
      },
      responses: {
        200: json(CheckoutSessionViewSchema, `The session, now ${state}.`, ReplayedHeader),
        ...errorResponses([
          ...JSON_BODY_ERRORS,
          ...AUTH_ERRORS,
          ...IDEMPOTENCY_ERRORS,
          ...SESSION_ERRORS,
        ]),
      },
    });
  }
  registry.registerPath({
    method: "post",
    path: "/api/v1/checkout/{session_id}/capture",
    tags: ["Checkout"],
    summary: "Capture an authorized session",
    description:
      "Captures all of an authorized session, or part (`amount`; the rest of the hold is released). The gateway " +
      "captures first, with an idempotency key per session. More than was authorized is 422 " +
      "`amount_exceeds_remaining`; a session that is not authorized is 409 `invalid_state`; a gateway that does not " +
      `capture is 503 and nothing changes. Permission: \`checkout.create\`. ${NOTIFY}`,
    security: SIGNED_IN,
    request: {
      params: Params,
      headers: IdempotencyHeaders,
      body: body(CaptureCheckoutSchema, false),
    },
    responses: {
      200: json(CheckoutSessionViewSchema, "The session, now paid.", ReplayedHeader),
      ...errorResponses([
        ...JSON_BODY_ERRORS,
        ...AUTH_ERRORS,
        ...IDEMPOTENCY_ERRORS,
        ...SESSION_ERRORS,
        "amount_exceeds_remaining",
        "service_unavailable",
      ]),
    },
  });

  const operations: {
    action: "refund" | "void";
    schema: z.ZodType;
    permission: string;
    what: string;
  }[] = [
    {
      action: "refund",
      schema: RefundCheckoutSchema,
      permission: "payments.refund",
      what: "Refunds `amount` (at most what is left) of a paid session.",
    },
    {
      action: "void",
      schema: VoidCheckoutSchema,
      permission: "payments.void",
      what: "Voids an authorized, uncaptured session (the whole authorization). The body may be left out.",
    },
  ];
  for (const { action, schema, permission, what } of operations) {
    registry.registerPath({
      method: "post",
      path: `/api/v1/checkout/{session_id}/${action}`,
      tags: ["Checkout"],
      summary: `${action === "refund" ? "Refund" : "Void"} a checkout session`,
      description:
        `${what} Made through the operations API (\`POST /api/v1/operations\`), so maker-checker applies: while the ` +
        "request waits for the merchant's checker the answer is 202 with it (`state: pending`); when it is executed at " +
        "once (the caller is the checker or whitelisted, or the approvals plugin is off) the answer is 200 with the " +
        "request as it ended (`done`, or `manual_action_required` when the gateway failed). A second while one is open " +
        `is 409 \`operation_pending\`. Permission: \`${permission}\`. ${NOTIFY}`,
      security: SIGNED_IN,
      request: {
        params: Params,
        headers: IdempotencyHeaders,
        body: body(schema, action === "refund"),
      },
      responses: {
        200: json(OperationRequestDetailResponseSchema, "Executed at once.", ReplayedHeader),
        202: json(OperationRequestDetailResponseSchema, "Waiting for the checker.", ReplayedHeader),
        ...errorResponses([
          ...JSON_BODY_ERRORS,
          ...AUTH_ERRORS,
          ...IDEMPOTENCY_ERRORS,
          "not_found",
          "operation_pending",
          "operation_not_allowed",
          "amount_exceeds_remaining",
        ]),
      },
    });
  }

  registry.registerPath({
    method: "get",
    path: "/api/v1/checkout-settings",
    tags: ["Checkout"],
    summary: "Get the checkout settings",
    description:
      "The notify-on-error list and the attempts a new session allows (the defaults, `updated_at: null`, until first " +
      "saved). Permission: `checkout.settings`.",
    security: SIGNED_IN,
    responses: {
      200: json(CheckoutSettingsResponseSchema, "The settings."),
      ...errorResponses([...AUTH_ERRORS]),
    },
  });
  registry.registerPath({
    method: "put",
    path: "/api/v1/checkout-settings",
    tags: ["Checkout"],
    summary: "Save the checkout settings",
    description:
      "Replaces both settings: `notify_on_error` (at most 20 email addresses; empty means the active owners and " +
      "admins) and `max_attempts` (1 to 20; sessions already created keep theirs). Audited. Permission: " +
      "`checkout.settings`.",
    security: SIGNED_IN,
    request: { body: body(CheckoutSettingsSchema) },
    responses: {
      200: json(CheckoutSettingsResponseSchema, "The settings as saved."),
      ...errorResponses([...JSON_BODY_ERRORS, ...AUTH_ERRORS]),
    },
  });
}

/** For callers that only need the names, such as the document's tag list. */
export const CHECKOUT_TAG = {
  name: "Checkout",
  description:
    "Checkout sessions created by a merchant's server, paid on the hosted page or the embedded script; refunds and voids through maker-checker.",
} satisfies { name: string; description: string };
