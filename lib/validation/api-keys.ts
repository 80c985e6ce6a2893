import { z } from "zod";
import { SafeLine } from "./strings";

export const CreateApiKeySchema = z.strictObject({
  name: SafeLine.trim()
    .min(1, "Give the key a name.")
    .max(80, "Keep the name under 80 characters."),
});

export const RevokeApiKeySchema = z.strictObject({ id: z.uuid("Unknown key.") });
