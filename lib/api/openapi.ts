import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type RouteConfig,
} from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { OPERATION_REQUEST_STATES } from "@/lib/domain/operation-requests/lifecycle";
import {
  OperationRequestDetailResponseSchema,
  OperationRequestFilterSchema,
  OperationRequestIdSchema,
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
import { ERROR_STATUS, type ErrorCode } from "./errors";
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_TTL_HOURS,
  IDEMPOTENT_REPLAYED_HEADER,
} from "./idempotency";

/*
 * The OpenAPI 3.1 document of the public API, generated from the same zod schemas the route
 * handlers parse input and check output with, so the two cannot drift apart. Schemas named with
 * `.meta({ id })` become components; the rest are inlined.
 */

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

const ErrorSchema = z
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
const ERROR_MEANINGS: Record<ErrorCode, string> = {
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
  invalid_state: "The request is not in a state that allows this.",
  conflict: "The resource changed meanwhile; try again.",
  idempotency_in_progress: `A request with this ${IDEMPOTENCY_KEY_HEADER} is still running; retry shortly.`,
  payload_too_large: "The body is too large.",
  unsupported_media_type: "Send the body as application/json.",
  amount_exceeds_remaining: "The amount is more than is left to refund.",
  operation_not_allowed: "The payment's state does not allow this operation.",
  idempotency_key_reuse: `This ${IDEMPOTENCY_KEY_HEADER} was used for a different request.`,
  too_many_requests: "Slow down.",
  internal_error: "Something failed on our side; quote the x-request-id header.",
  service_unavailable: "A dependency (the database) is unreachable.",
};

const AUTH_ERRORS: ErrorCode[] = ["unauthenticated", "forbidden"];
const JSON_BODY_ERRORS: ErrorCode[] = [
  "validation_error",
  "invalid_json",
  "payload_too_large",
  "unsupported_media_type",
];
const IDEMPOTENCY_ERRORS: ErrorCode[] = [
  "validation_error",
  "idempotency_in_progress",
  "idempotency_key_reuse",
];
const DECISION_ERRORS: ErrorCode[] = [
  "not_found",
  "invalid_state",
  "request_canceled",
  "request_expired",
];

/** One response per status, its schema narrowed to the codes this endpoint can answer with. */
function errorResponses(codes: ErrorCode[]): RouteConfig["responses"] {
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

const SIGNED_IN: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

const IdempotencyHeaders = z.object({
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

const ReplayedHeader = z.object({
  [IDEMPOTENT_REPLAYED_HEADER]: z
    .literal("true")
    .optional()
    .describe(
      `Present when this is the stored answer to an earlier request with the same ${IDEMPOTENCY_KEY_HEADER}.`,
    ),
});

function json(schema: z.ZodType, description: string, headers?: z.ZodObject) {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { "application/json": { schema } },
  };
}

const HealthSchema = z
  .object({ status: z.literal("ok"), database: z.literal("ok"), ms: z.number() })
  .meta({ id: "Health" });

const OperationRequestPathParams = OperationRequestIdSchema.extend({
  id: z.string().describe("The operation request's id (a UUID)."),
});

function buildRegistry(): OpenAPIRegistry {
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
  return registry;
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

let cached: OpenApiDocument | undefined;

/** The document, built once per process: it depends only on code. */
export function openApiDocument(): OpenApiDocument {
  // ErrorSchema is listed on its own: each endpoint inlines a copy narrowed to its codes.
  cached ??= new OpenApiGeneratorV31([
    ...buildRegistry().definitions,
    { type: "schema", schema: ErrorSchema },
  ]).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Countersign API",
      version: "1.0.0",
      description:
        "Payment operations: payments, and the refund/void requests a maker submits and the merchant's checker approves. " +
        'Every error is `{ "error": { "code", "message", "details"? } }`; branch on `code`. ' +
        `Every POST takes an optional \`${IDEMPOTENCY_KEY_HEADER}\` header.`,
    },
    servers: [{ url: "/" }],
    security: SIGNED_IN,
    tags: [
      {
        name: "Operation requests",
        description: "Refunds and voids, approved by the merchant's checker.",
      },
      { name: "Transactions", description: "Payments and their refunds and voids." },
      { name: "System" },
    ],
  });
  return cached;
}

// ---------------------------------------------------------------------------------------------
// The same document, arranged for the dashboard's API reference page.
// ---------------------------------------------------------------------------------------------

export type ApiReferenceEndpoint = {
  /** An anchor for links: "post-api-v1-operations". */
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  public: boolean;
  parameters: {
    name: string;
    in: string;
    required: boolean;
    description: string | null;
    schema: unknown;
  }[];
  requestBody: unknown;
  responses: {
    status: string;
    description: string;
    mediaType: string | null;
    schema: unknown;
    errorCodes: string[];
  }[];
};

export type ApiReference = {
  title: string;
  version: string;
  description: string;
  groups: { tag: string; description: string | null; endpoints: ApiReferenceEndpoint[] }[];
  schemas: { name: string; schema: unknown }[];
  errorCodes: { code: ErrorCode; status: number; meaning: string }[];
};

const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;

export function apiReference(): ApiReference {
  const document = openApiDocument();
  const endpoints: (ApiReferenceEndpoint & { tag: string })[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      endpoints.push({
        tag: operation.tags?.[0] ?? "Other",
        anchor: `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-").replace(/-+$/, ""),
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? "",
        description: operation.description ?? "",
        public: Array.isArray(operation.security) && operation.security.length === 0,
        parameters: (operation.parameters ?? []).flatMap((parameter) =>
          "in" in parameter
            ? [
                {
                  name: parameter.name,
                  in: parameter.in,
                  required: parameter.required ?? false,
                  description: parameter.description ?? null,
                  schema: withoutDescription(parameter.schema),
                },
              ]
            : [],
        ),
        requestBody:
          operation.requestBody && "content" in operation.requestBody
            ? (operation.requestBody.content["application/json"]?.schema ?? null)
            : null,
        responses: Object.entries(operation.responses ?? {}).map(([status, response]) => {
          const content: Record<string, { schema?: unknown }> =
            ("content" in response ? response.content : undefined) ?? {};
          const mediaType = Object.keys(content)[0] ?? null;
          const schema = mediaType ? (content[mediaType].schema ?? null) : null;
          return {
            status,
            description: "description" in response ? String(response.description) : "",
            mediaType,
            schema,
            errorCodes: errorCodesOf(schema),
          };
        }),
      });
    }
  }
  const tags = document.tags ?? [];
  const groups = [
    ...new Set([...tags.map((tag) => tag.name), ...endpoints.map((endpoint) => endpoint.tag)]),
  ].map((tag) => ({
    tag,
    description: tags.find((known) => known.name === tag)?.description ?? null,
    endpoints: endpoints.filter((endpoint) => endpoint.tag === tag),
  }));
  return {
    title: document.info.title,
    version: document.info.version,
    description: document.info.description ?? "",
    groups: groups.filter((group) => group.endpoints.length > 0),
    schemas: Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => ({
      name,
      schema,
    })),
    errorCodes: ERROR_CODES.map((code) => ({
      code,
      status: ERROR_STATUS[code],
      meaning: ERROR_MEANINGS[code],
    })),
  };
}

/** The `error.code` enum of an error response's schema, as errorResponses() writes it. */
function errorCodesOf(schema: unknown): string[] {
  const code = (
    schema as { properties?: { error?: { properties?: { code?: { enum?: unknown } } } } } | null
  )?.properties?.error?.properties?.code;
  return Array.isArray(code?.enum) ? code.enum.map(String) : [];
}

/** A parameter's schema shown beside its description need not repeat it. */
function withoutDescription(schema: unknown): unknown {
  if (typeof schema !== "object" || schema === null) return schema ?? null;
  const { description: _description, ...rest } = schema as Record<string, unknown>;
  return rest;
}
