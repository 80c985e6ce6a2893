"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { CustomerEvent } from "@/lib/domain/sandbox-gateway/charge-flow";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { finishSandboxCharge } from "@/lib/services/sandbox-gateway/finish-sandbox-charge";
import { sandboxEnabled } from "@/lib/services/transactions/create-sandbox-transaction";
import { ChargeReferenceSchema } from "@/lib/validation/sandbox-gateway";

/*
 * The customer's buttons on the sandbox's own pages. Nobody is signed in here (the customer is at
 * their bank, or at the gateway): the reference in the page is the only key, as with a real ACS.
 * Each action is one service call; on success the browser goes back to the charge's return URL.
 */

export type SandboxPageState = { error: string | null; fieldError: string | null };

const EventSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("acs_code"), code: z.string().max(20) }),
  z.strictObject({ kind: z.literal("acs_cancel") }),
  z.strictObject({ kind: z.literal("redirect_pay") }),
  z.strictObject({ kind: z.literal("redirect_decline") }),
  z.strictObject({ kind: z.literal("redirect_cancel") }),
]);

export async function submitSandboxPageAction(
  _previous: SandboxPageState,
  form: FormData,
): Promise<SandboxPageState> {
  const reference = ChargeReferenceSchema.safeParse(form.get("reference"));
  const event = EventSchema.safeParse(
    form.get("kind") === "acs_code"
      ? { kind: "acs_code", code: String(form.get("code") ?? "").trim() }
      : { kind: form.get("kind") },
  );
  if (!sandboxEnabled() || !reference.success || !event.success)
    return { error: "This payment page is not valid.", fieldError: null };
  let redirectTo: string;
  try {
    ({ redirectTo } = await finishSandboxCharge(reference.data, event.data as CustomerEvent));
  } catch (error) {
    if (error instanceof AppError)
      return error.code === "validation_error"
        ? { error: null, fieldError: error.message }
        : { error: error.message, fieldError: null };
    logger.error({ err: error }, "sandbox page action failed");
    return { error: "Something went wrong on our side. Try again.", fieldError: null };
  }
  redirect(redirectTo);
}
