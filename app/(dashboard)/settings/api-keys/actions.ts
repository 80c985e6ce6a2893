"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action-client";
import { createApiKey } from "@/lib/services/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/services/api-keys/revoke-api-key";
import { CreateApiKeySchema, RevokeApiKeySchema } from "@/lib/validation/api-keys";

export const createApiKeyAction = action(
  CreateApiKeySchema,
  "api_keys.manage",
  async ({ name }, principal) => {
    const created = await createApiKey(principal, name);
    revalidatePath("/settings/api-keys");
    return created;
  },
);

export const revokeApiKeyAction = action(
  RevokeApiKeySchema,
  "api_keys.manage",
  async ({ id }, principal) => {
    await revokeApiKey(principal, id);
    revalidatePath("/settings/api-keys");
    return null;
  },
);
