"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action-client";
import { getProcessStatus } from "@/lib/queries/processes/get-process-status";
import { runProcess } from "@/lib/services/ledger/run-process";
import { CLIENT_FORM_TYPES } from "@/lib/validation/customers";
import { CurrencySchema } from "@/lib/validation/transactions";

const NewClientProcessSchema = z.strictObject({
  type: z.enum(CLIENT_FORM_TYPES),
  amount: z.string().trim().min(1, "Give an amount.").max(40),
  currency: CurrencySchema,
  accountId: z.uuid({ error: "Choose an account." }),
  destinationAccountId: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.uuid({ error: "The destination is an account id (a UUID)." }).optional()),
  idempotencyKey: z.uuid(),
});

/**
 * Runs a process from a client's profile. runProcess asks mayRunProcess (processes.run and the
 * type's viewer scope); the idempotency key, made when the form was confirmed, makes a repeated
 * submit return the first process instead of moving the money twice.
 */
export const runClientProcessAction = action(
  NewClientProcessSchema,
  "authenticated",
  async (input, principal) => {
    const { processId } = await runProcess(principal, {
      type: input.type,
      amount: input.amount,
      currency: input.currency,
      ...(input.type === "bank_topup"
        ? { destinationAccountId: input.accountId }
        : { sourceAccountId: input.accountId }),
      ...(input.type === "client_transaction_transfer" && input.destinationAccountId
        ? { destinationAccountId: input.destinationAccountId }
        : {}),
      idempotencyKey: `page-${input.idempotencyKey}`,
    });
    return { processId, ...(await getProcessStatus(principal.merchantId, processId)) };
  },
);
