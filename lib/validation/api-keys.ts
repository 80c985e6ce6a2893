import { z } from "zod";

export const CreateApiKeySchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "Give the key a name.")
    .max(80, "Keep the name under 80 characters."),
});

export const RevokeApiKeySchema = z.strictObject({ id: z.uuid("Unknown key.") });
