/** Publishable keys and the browser's read of a session (issue 8, the embeddable script). */
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import {
  CreatePublishableKeySchema,
  PublicSessionParamsSchema,
  PublicSessionResponseSchema,
  PublishableKeyIdParamsSchema,
  PublishableKeyListResponseSchema,
  PublishableKeyResponseSchema,
  UpdatePublishableKeySchema,
} from "@/lib/validation/publishable-keys";
import {
  AUTH_ERRORS,
  errorResponses,
  IDEMPOTENCY_ERRORS,
  IdempotencyHeaders,
  JSON_BODY_ERRORS,
  json,
  SIGNED_IN,
} from "./shared";

const SETTINGS = "Permission: `checkout.settings`.";

export function registerPublishableKeyPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/v1/publishable-keys",
    tags: ["Checkout"],
    summary: "List publishable keys",
    description: `The merchant's publishable keys (pk_...), live ones first. ${SETTINGS}`,
    security: SIGNED_IN,
    responses: {
      200: json(PublishableKeyListResponseSchema, "The keys."),
      ...errorResponses(AUTH_ERRORS),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/publishable-keys",
    tags: ["Checkout"],
    summary: "Create a publishable key",
    description:
      "A key for the embeddable script, with the origins (scheme, host and port; up to 20) allowed " +
      `to embed the checkout and read sessions with it. Public by design: shown in full. ${SETTINGS}`,
    security: SIGNED_IN,
    request: {
      headers: IdempotencyHeaders,
      body: {
        required: true,
        content: { "application/json": { schema: CreatePublishableKeySchema } },
      },
    },
    responses: {
      201: json(PublishableKeyResponseSchema, "The key created."),
      ...errorResponses([...JSON_BODY_ERRORS, ...AUTH_ERRORS, ...IDEMPOTENCY_ERRORS, "conflict"]),
    },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/publishable-keys/{id}",
    tags: ["Checkout"],
    summary: "Replace a key's allowed origins",
    description: `A revoked key cannot be changed (404). ${SETTINGS}`,
    security: SIGNED_IN,
    request: {
      params: PublishableKeyIdParamsSchema,
      body: {
        required: true,
        content: { "application/json": { schema: UpdatePublishableKeySchema } },
      },
    },
    responses: {
      200: json(PublishableKeyResponseSchema, "The key."),
      ...errorResponses([...JSON_BODY_ERRORS, ...AUTH_ERRORS, "not_found"]),
    },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/v1/publishable-keys/{id}",
    tags: ["Checkout"],
    summary: "Revoke a publishable key",
    description: `Pages embedding with it stop loading the checkout at once. ${SETTINGS}`,
    security: SIGNED_IN,
    request: { params: PublishableKeyIdParamsSchema },
    responses: {
      204: { description: "Revoked." },
      ...errorResponses([...AUTH_ERRORS, "not_found"]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/checkout/v1/sessions/{id}",
    tags: ["Checkout"],
    summary: "Read a session from the browser",
    description:
      "For a merchant's page: `Authorization: Bearer pk_...` and an `Origin` among the key's " +
      "allowed origins (CORS headers name that origin only). The public view of one of the key's " +
      "merchant's sessions; another merchant's is 404. A secret key (sk_...) is refused with 401: " +
      "secret keys must never be used in a browser.",
    security: [{ bearerAuth: [] }],
    request: { params: PublicSessionParamsSchema },
    responses: {
      200: json(PublicSessionResponseSchema, "The session's public view."),
      ...errorResponses(["validation_error", "unauthenticated", "forbidden", "not_found"]),
    },
  });
}
