"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/action-client";
import { getCurrentWebhookSecret } from "@/lib/queries/webhooks/list-webhook-endpoints";
import { createWebhookEndpoint } from "@/lib/services/webhooks/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "@/lib/services/webhooks/delete-webhook-endpoint";
import { resendWebhookDelivery } from "@/lib/services/webhooks/resend-webhook-delivery";
import { rotateWebhookSecret } from "@/lib/services/webhooks/rotate-webhook-secret";
import { updateWebhookEndpoint } from "@/lib/services/webhooks/update-webhook-endpoint";
import { CreateWebhookEndpointSchema } from "@/lib/validation/webhooks";

const IdSchema = z.strictObject({ id: z.uuid("Unknown endpoint.") });

export const createEndpointAction = action(
  CreateWebhookEndpointSchema,
  "webhooks.manage",
  async (input, principal) => {
    const endpoint = await createWebhookEndpoint(principal, input);
    revalidatePath("/settings/webhooks");
    return endpoint;
  },
);

export const setEndpointEnabledAction = action(
  z.strictObject({ id: z.uuid("Unknown endpoint."), enabled: z.boolean() }),
  "webhooks.manage",
  async ({ id, enabled }, principal) => {
    const endpoint = await updateWebhookEndpoint(principal, id, { enabled });
    revalidatePath("/settings/webhooks");
    revalidatePath(`/settings/webhooks/${id}`);
    return endpoint;
  },
);

export const deleteEndpointAction = action(
  IdSchema,
  "webhooks.manage",
  async ({ id }, principal) => {
    await deleteWebhookEndpoint(principal, id);
    revalidatePath("/settings/webhooks");
    return null;
  },
);

export const revealSecretAction = action(
  z.strictObject({}),
  "webhooks.manage",
  async (_input, principal) =>
    (await getCurrentWebhookSecret(principal.merchantId))?.secret ?? null,
);

export const rotateSecretAction = action(
  z.strictObject({}),
  "webhooks.manage",
  async (_input, principal) => {
    const rotated = await rotateWebhookSecret(principal);
    revalidatePath("/settings/webhooks");
    return rotated;
  },
);

export const resendDeliveryAction = action(
  z.strictObject({ id: z.uuid("Unknown delivery."), endpointId: z.uuid("Unknown endpoint.") }),
  "webhooks.manage",
  async ({ id, endpointId }, principal) => {
    const result = await resendWebhookDelivery(principal, id);
    revalidatePath(`/settings/webhooks/${endpointId}`);
    return result;
  },
);
