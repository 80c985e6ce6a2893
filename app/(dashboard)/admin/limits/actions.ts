"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action-client";
import { setLimitProfile } from "@/lib/services/ledger/limit-profiles";
import { LimitProfileBodySchema } from "@/lib/validation/limit-profiles";

export const setLimitProfileAction = action(
  LimitProfileBodySchema,
  "processes.review",
  async (input, principal) => {
    await setLimitProfile(principal, input);
    revalidatePath("/admin/limits");
    return null;
  },
);
