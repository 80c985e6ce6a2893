import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/lib/domain/webhooks/events";
import { MAX_WEBHOOK_URL_LENGTH } from "@/lib/domain/webhooks/ssrf";
import {
  CursorParamSchema,
  DEFAULT_LIMIT,
  LimitSchema,
  optionalParam,
  paramWithDefault,
} from "./list-params";
import { SafeLine } from "./strings";

/** The form of a URL; where it points is checked by validateWebhookUrl in the service. */
export const WebhookUrlSchema = SafeLine.trim()
  .min(1, "Enter the URL that receives the webhooks.")
  .max(MAX_WEBHOOK_URL_LENGTH, `A webhook URL is at most ${MAX_WEBHOOK_URL_LENGTH} characters.`)
  .describe("An http(s) URL on your server; see the SSRF rules in the README.");

const DescriptionSchema = SafeLine.trim()
  .max(200, "Keep the description under 200 characters.")
  .describe("A note for your team.");

const EventTypesSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Unknown event type." }))
  .max(WEBHOOK_EVENT_TYPES.length)
  .refine((types) => new Set(types).size === types.length, "List each event type once.")
  .describe("The event types to receive; empty: every type.");

export const CreateWebhookEndpointSchema = z.strictObject({
  url: WebhookUrlSchema,
  description: DescriptionSchema.optional(),
  eventTypes: EventTypesSchema.default([]),
});
export type CreateWebhookEndpointInput = z.output<typeof CreateWebhookEndpointSchema>;

export const UpdateWebhookEndpointSchema = z
  .strictObject({
    url: WebhookUrlSchema.optional(),
    description: DescriptionSchema.nullable().optional(),
    eventTypes: EventTypesSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "Send at least one field to change.");
export type UpdateWebhookEndpointInput = z.output<typeof UpdateWebhookEndpointSchema>;

export const WebhookIdParamsSchema = z.strictObject({
  id: SafeLine.max(100).describe("The id (a UUID)."),
});

export const WebhookDeliveriesQuerySchema = z.strictObject({
  cursor: optionalParam(CursorParamSchema),
  limit: paramWithDefault(LimitSchema, DEFAULT_LIMIT),
});
export type WebhookDeliveriesQuery = z.output<typeof WebhookDeliveriesQuerySchema>;

// Output

export const WebhookEndpointJsonSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  kind: z.enum(["subscribed", "session"]),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  disabledAt: z.string().nullable(),
  disabledReason: z.enum(["gone", "failing", "manual"]).nullable(),
  createdAt: z.string(),
});
export type WebhookEndpointJson = z.infer<typeof WebhookEndpointJsonSchema>;

export const WebhookEndpointResponseSchema = z.object({ data: WebhookEndpointJsonSchema });
export const WebhookEndpointListResponseSchema = z.object({
  data: z.array(WebhookEndpointJsonSchema),
});

export const WebhookAttemptJsonSchema = z.object({
  attemptNumber: z.number().int(),
  manual: z.boolean(),
  at: z.string(),
  requestUrl: z.string(),
  requestHeaders: z.record(z.string(), z.string()),
  requestBody: z.string(),
  responseStatus: z.number().int().nullable(),
  responseBody: z.string().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
});

export const WebhookDeliveryJsonSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(["pending", "delivered", "failed", "abandoned"]),
  attemptCount: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  attempts: z.array(WebhookAttemptJsonSchema),
});
export type WebhookDeliveryJson = z.infer<typeof WebhookDeliveryJsonSchema>;

export const WebhookDeliveryListResponseSchema = z.object({
  data: z.array(WebhookDeliveryJsonSchema),
  nextCursor: z.string().nullable(),
});

export const WebhookResendResponseSchema = z.object({
  data: z.object({
    deliveryId: z.string(),
    attemptNumber: z.number().int(),
    responseStatus: z.number().int().nullable(),
    error: z.string().nullable(),
    delivered: z.boolean(),
  }),
});

export const WebhookSecretRotateResponseSchema = z.object({
  data: z.object({
    secret: z.string().describe("The new signing secret; shown once here and in the dashboard."),
    previousSecretExpiresAt: z
      .string()
      .nullable()
      .describe("Until then the previous secret also signs every webhook."),
  }),
});
