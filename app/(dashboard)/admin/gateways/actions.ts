"use server";

import { action } from "@/lib/actions/action-client";
import { updateSandboxBehaviour } from "@/lib/services/gateways/update-sandbox-behaviour";
import { SandboxBehaviourSchema } from "@/lib/validation/operation-requests";

export const updateSandboxBehaviourAction = action(
  SandboxBehaviourSchema,
  "gateways.manage",
  async (input, principal) => {
    await updateSandboxBehaviour(principal, input);
    return null;
  },
);
