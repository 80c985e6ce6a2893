import { z } from "zod";
import { MAX_ALLOWED_ORIGINS, MAX_KEY_NAME_LENGTH } from "@/lib/domain/checkout/publishable-keys";
import { SafeLine } from "./strings";

/*
 * Publishable keys: the API's bodies (snake_case, as the rest of /api/v1) and the dashboard's
 * actions. The origins are checked one by one by the domain's parseAllowedOrigins in the service,
 * which normalizes them and says which entry is wrong; here only their shape and count.
 */
const KeyName = SafeLine.trim()
  .min(1, "Give the key a name.")
  .max(MAX_KEY_NAME_LENGTH, `Keep the name under ${MAX_KEY_NAME_LENGTH} characters.`);

const Origins = z
  .array(SafeLine.max(300, "An origin is at most 300 characters."), {
    error: 'allowed_origins is a list of origins, like ["https://shop.example"].',
  })
  .min(1, "List at least one origin, like https://shop.example.")
  // Blank entries and repeats are dropped by the service; a list far past the limit is refused here.
  .max(MAX_ALLOWED_ORIGINS * 2, `At most ${MAX_ALLOWED_ORIGINS} origins per key.`);

export const CreatePublishableKeySchema = z.strictObject({
  name: KeyName,
  allowed_origins: Origins,
});
export type CreatePublishableKeyInput = z.output<typeof CreatePublishableKeySchema>;

export const UpdatePublishableKeySchema = z.strictObject({ allowed_origins: Origins });

export const PublishableKeyIdParamsSchema = z.strictObject({
  id: SafeLine.max(100).describe("The key's id (a UUID)."),
});

export const UpdatePublishableKeyActionSchema = z.strictObject({
  id: z.uuid("Unknown key."),
  allowed_origins: Origins,
});
export const RevokePublishableKeyActionSchema = z.strictObject({ id: z.uuid("Unknown key.") });

export const PublishableKeyJsonSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  key: z.string().regex(/^pk_/),
  allowed_origins: z.array(z.string()),
  created_by: z.string().nullable(),
  created_at: z.iso.datetime(),
  revoked_at: z.iso.datetime().nullable(),
});
export type PublishableKeyJson = z.infer<typeof PublishableKeyJsonSchema>;

export const PublishableKeyResponseSchema = z.strictObject({ data: PublishableKeyJsonSchema });
export const PublishableKeyListResponseSchema = z.strictObject({
  data: z.array(PublishableKeyJsonSchema),
});

export const PublicSessionParamsSchema = z.strictObject({
  id: SafeLine.max(100).describe("The session's id (a UUID)."),
});

export const PublicSessionResponseSchema = z.strictObject({
  session_id: z.uuid(),
  state: z.string(),
  amount: z.string(),
  currency_code: z.string(),
  order_no: z.string(),
  methods: z.array(z.string()),
  expires_at: z.iso.datetime(),
});
