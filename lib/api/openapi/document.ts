/*
 * The OpenAPI 3.1 document of the public API, generated from the same zod schemas the route
 * handlers parse input and check output with, so the two cannot drift apart. Schemas named with
 * `.meta({ id })` become components; the rest are inlined.
 */
import { OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { IDEMPOTENCY_KEY_HEADER } from "../idempotency";
import { CHECKOUT_TAG } from "./checkout-paths";
import { buildRegistry } from "./paths";
import { ErrorSchema, SIGNED_IN } from "./shared";

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
        "Payment operations: payments, the refund/void requests a maker submits and the merchant's checker approves, and the ledger of business processes behind every movement of value. " +
        'Every error is `{ "error": { "code", "message", "details"? } }`; branch on `code`. ' +
        `Every POST that writes takes an optional \`${IDEMPOTENCY_KEY_HEADER}\` header.`,
    },
    servers: [{ url: "/" }],
    security: SIGNED_IN,
    tags: [
      {
        name: "Operation requests",
        description: "Refunds and voids, approved by the merchant's checker.",
      },
      { name: "Transactions", description: "Payments and their refunds and voids." },
      {
        name: "Ledger",
        description:
          "Business processes (every movement of value, as up to 8 atomic transfers), their steps, and the accounts they move.",
      },
      CHECKOUT_TAG,
      {
        name: "Members",
        description:
          "The merchant's memberships and the permissions granted to each on top of its role.",
      },
      {
        name: "Webhooks",
        description:
          "Signed webhooks (Standard Webhooks) to the merchant's server: endpoints, the delivery log, resends and the signing secret.",
      },
      { name: "System" },
    ],
  });
  return cached;
}
