/** Every path of the public API, registered from the zod schemas its route handlers use. */
import { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { OPERATION_REQUEST_STATES } from "@/lib/domain/operation-requests/lifecycle";
import {
  MemberListQuerySchema,
  MemberListResponseSchema,
  MemberResponseSchema,
  MembershipIdParamsSchema,
  SetMembershipGrantsBodySchema,
} from "@/lib/validation/members";
import {
  OperationRequestDetailResponseSchema,
  OperationRequestFilterSchema,
  OperationRequestListResponseSchema,
  RejectOperationSchema,
  SubmitOperationSchema,
} from "@/lib/validation/operation-requests";
import { CreateSandboxTransactionSchema } from "@/lib/validation/sandbox";
import {
  TransactionDetailResponseSchema,
  TransactionIdParamsSchema,
  TransactionListQuerySchema,
  TransactionListResponseSchema,
} from "@/lib/validation/transactions";
import type { ErrorCode } from "../errors";
import { registerCheckoutPaths } from "./checkout-paths";
import { registerLedgerPaths } from "./ledger-paths";
import { registerPaymentLinkPaths } from "./payment-link-paths";
import { registerPublishableKeyPaths } from "./publishable-key-paths";
import {
  AUTH_ERRORS,
  DECISION_ERRORS,
  errorResponses,
  HealthSchema,
  IDEMPOTENCY_ERRORS,
  IdempotencyHeaders,
  JSON_BODY_ERRORS,
  json,
  OperationRequestPathParams,
  ReplayedHeader,
  SIGNED_IN,
} from "./shared";
import { registerWebhookPaths } from "./webhook-paths";

export function buildRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description:
      "An API key from Settings > API keys: `Authorization: Bearer <key>`. It acts as the user who created it.",
  });
  registry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description: "The dashboard's session, for calls made from a signed-in browser.",
  });

  registry.registerPath({
    method: "get",
    path: "/api/health",
    tags: ["System"],
    summary: "Health check",
    description: "Whether the app and its database answer. No authentication.",
    security: [],
    responses: { 200: json(HealthSchema, "Up."), ...errorResponses(["service_unavailable"]) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/openapi.json",
    tags: ["System"],
    summary: "This document",
    description: "The OpenAPI 3.1 description of the API. No authentication.",
    security: [],
    responses: {
      200: {
        description: "The OpenAPI document.",
        content: { "application/json": { schema: { type: "object" } } },
      },
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/v1/transactions",
    tags: ["Transactions"],
    summary: "List payments",
    description:
      "The merchant's payments, newest first by default, with keyset paging: pass `nextCursor` back as `cursor`. " +
      "Unknown query parameters are refused. Permission: `transactions.view`.",
    security: SIGNED_IN,
    request: { query: TransactionListQuerySchema },
    responses: {
      200: json(TransactionListResponseSchema, "One page."),
      ...errorResponses(["validation_error", ...AUTH_ERRORS]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/transactions/{id}",
    tags: ["Transactions"],
    summary: "Get a payment",
    description:
      "One transaction with its refunds/voids and audit trail. Permission: `transactions.view`.",
    security: SIGNED_IN,
    request: { params: TransactionIdParamsSchema },
    responses: {
      200: json(TransactionDetailResponseSchema, "The transaction."),
      ...errorResponses([...AUTH_ERRORS, "not_found"]),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/sandbox/transactions",
    tags: ["Transactions"],
    summary: "Create a sandbox payment",
    description:
      "Sandbox mode only: records a paid or authorized payment to try refunds and voids on. Permission: `sandbox.use`.",
    security: SIGNED_IN,
    request: {
      body: {
        required: true,
        content: { "application/json": { schema: CreateSandboxTransactionSchema } },
      },
    },
    responses: {
      201: json(TransactionDetailResponseSchema, "The payment created."),
      ...errorResponses([
        ...JSON_BODY_ERRORS,
        ...AUTH_ERRORS,
        "not_found",
        "operation_not_allowed",
      ]),
    },
  });

  registry.registerPath({
    method: "post",
    path: "/api/v1/operations",
    tags: ["Operation requests"],
    summary: "Request a refund or void",
    description:
      "Creates an operation request on a payment. It waits for the merchant's checker (state `pending`), or, when the caller is " +
      "the checker, is whitelisted for the operation, or the approval plugin is off, is decided at once and executed against " +
      "the gateway before this answers (state `done` or `manual_action_required`). Omit `amount` for the whole remaining " +
      "amount (refund) or the full amount (void). Needs the `refund` or `void` permission.",
    security: SIGNED_IN,
    request: {
      headers: IdempotencyHeaders,
      body: { required: true, content: { "application/json": { schema: SubmitOperationSchema } } },
    },
    responses: {
      201: json(OperationRequestDetailResponseSchema, "The request as it stands.", ReplayedHeader),
      ...errorResponses([
        ...JSON_BODY_ERRORS,
        ...AUTH_ERRORS,
        ...IDEMPOTENCY_ERRORS,
        "not_found",
        "operation_pending",
        "amount_exceeds_remaining",
        "operation_not_allowed",
      ]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/operation-requests",
    tags: ["Operation requests"],
    summary: "List operation requests",
    description:
      "The ticket table: the merchant's requests in the `sort` order, with keyset paging (pass `nextCursor` back as `cursor` with the same `sort`). " +
      "`from`/`to` are inclusive UTC days; `pg` (or `gateway`) is a gateway code (an unknown code matches nothing); " +
      "`q` matches an order number prefix or part of the maker's name or email; `total` counts matches up to 10,000 (`totalCapped` beyond). " +
      "Permission: `operation_requests.view`.",
    security: SIGNED_IN,
    request: { query: OperationRequestFilterSchema },
    responses: {
      200: json(OperationRequestListResponseSchema, "One page."),
      ...errorResponses(["validation_error", ...AUTH_ERRORS]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/operation-requests/{id}",
    tags: ["Operation requests"],
    summary: "Get an operation request",
    description:
      "One request with its whole history: state changes and gateway attempts, oldest first. Permission: `operation_requests.view`.",
    security: SIGNED_IN,
    request: { params: OperationRequestPathParams },
    responses: {
      200: json(OperationRequestDetailResponseSchema, "The request."),
      ...errorResponses([...AUTH_ERRORS, "not_found"]),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/v1/operation-requests/stream",
    tags: ["Operation requests"],
    summary: "Follow changes (server-sent events)",
    description:
      "A `text/event-stream` of the merchant's request changes, for live ticket tables: `event: change` with " +
      "`data: { id, state, at }` once per committed change (load the request for the rest), and `event: resync` " +
      "when changes may have been missed (reload what you show). The server closes the stream every 10 minutes; " +
      "EventSource reconnects by itself. Permission: `operation_requests.view`.",
    security: SIGNED_IN,
    responses: {
      200: {
        description: "The event stream.",
        content: {
          "text/event-stream": {
            schema: z
              .object({
                id: z.string(),
                state: z.enum(OPERATION_REQUEST_STATES),
                at: z.iso.datetime(),
              })
              .describe("The data of a `change` event."),
          },
        },
      },
      ...errorResponses(AUTH_ERRORS),
    },
  });

  const actions: {
    action: string;
    summary: string;
    description: string;
    body?: z.ZodType;
    errors: ErrorCode[];
  }[] = [
    {
      action: "approve",
      summary: "Approve a request",
      description:
        "The checker approves a pending request; it is then executed against the gateway before this answers.",
      errors: DECISION_ERRORS,
    },
    {
      action: "reject",
      summary: "Reject a request",
      description:
        "The checker rejects a pending request, giving a reason (at most 500 characters).",
      body: RejectOperationSchema,
      errors: [...DECISION_ERRORS, ...JSON_BODY_ERRORS],
    },
    {
      action: "cancel",
      summary: "Cancel a request",
      description: "A maker (not the checker) withdraws a pending request.",
      errors: DECISION_ERRORS,
    },
    {
      action: "retry",
      summary: "Retry a request",
      description:
        "Executes a request in `manual_action_required` against the gateway again, before this answers.",
      errors: DECISION_ERRORS,
    },
  ];
  for (const { action, summary, description, body, errors } of actions) {
    registry.registerPath({
      method: "post",
      path: `/api/v1/operation-requests/{id}/${action}`,
      tags: ["Operation requests"],
      summary,
      description: `${description} Answers with the request as it stands afterwards.`,
      security: SIGNED_IN,
      request: {
        params: OperationRequestPathParams,
        headers: IdempotencyHeaders,
        ...(body
          ? { body: { required: true, content: { "application/json": { schema: body } } } }
          : {}),
      },
      responses: {
        200: json(
          OperationRequestDetailResponseSchema,
          "The request as it stands.",
          ReplayedHeader,
        ),
        ...errorResponses([...errors, ...AUTH_ERRORS, ...IDEMPOTENCY_ERRORS]),
      },
    });
  }
  registerLedgerPaths(registry);
  registerCheckoutPaths(registry);
  registerPaymentLinkPaths(registry);
  registerPublishableKeyPaths(registry);
  registerWebhookPaths(registry);

  registry.registerPath({
    method: "get",
    path: "/api/v1/members",
    tags: ["Members"],
    summary: "List members",
    description:
      "Every membership of the merchant (inactive ones last) with its role, whether it is the operations-approval checker, " +
      "the permissions granted on top of the role, those the role already gives, and everything it may do. " +
      "Permission: `members.manage`.",
    security: SIGNED_IN,
    request: { query: MemberListQuerySchema },
    responses: {
      200: json(MemberListResponseSchema, "The members."),
      ...errorResponses(["validation_error", ...AUTH_ERRORS]),
    },
  });
  registry.registerPath({
    method: "put",
    path: "/api/v1/members/{id}/permissions",
    tags: ["Members"],
    summary: "Set a member's granted permissions",
    description:
      "Replaces the permissions this membership holds on top of its role with `grants` (`[]` withdraws them all). " +
      "Only the grantable permissions are accepted; one the role already gives is not stored. Each change is in the audit log. " +
      "Permission: `members.manage`.",
    security: SIGNED_IN,
    request: {
      params: MembershipIdParamsSchema,
      body: {
        required: true,
        content: { "application/json": { schema: SetMembershipGrantsBodySchema } },
      },
    },
    responses: {
      200: json(MemberResponseSchema, "The member as they now stand."),
      ...errorResponses([...JSON_BODY_ERRORS, ...AUTH_ERRORS, "not_found", "conflict"]),
    },
  });
  return registry;
}
