"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action-client";
import { createPublishableKey } from "@/lib/services/checkout/create-publishable-key";
import { revokePublishableKey } from "@/lib/services/checkout/revoke-publishable-key";
import { updatePublishableKeyOrigins } from "@/lib/services/checkout/update-publishable-key-origins";
import {
  CreatePublishableKeySchema,
  RevokePublishableKeyActionSchema,
  UpdatePublishableKeyActionSchema,
} from "@/lib/validation/publishable-keys";

export const createPublishableKeyAction = action(
  CreatePublishableKeySchema,
  "checkout.settings",
  async (input, principal) => {
    const created = await createPublishableKey(principal, input);
    revalidatePath("/settings/checkout");
    return { key: created.key, name: created.name };
  },
);

export const updatePublishableKeyOriginsAction = action(
  UpdatePublishableKeyActionSchema,
  "checkout.settings",
  async ({ id, allowed_origins }, principal) => {
    const updated = await updatePublishableKeyOrigins(principal, id, allowed_origins);
    revalidatePath("/settings/checkout");
    return { origins: updated.allowedOrigins };
  },
);

export const revokePublishableKeyAction = action(
  RevokePublishableKeyActionSchema,
  "checkout.settings",
  async ({ id }, principal) => {
    await revokePublishableKey(principal, id);
    revalidatePath("/settings/checkout");
    return null;
  },
);
