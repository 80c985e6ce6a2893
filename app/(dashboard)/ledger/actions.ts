"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/action-client";
import { getProcessStatus } from "@/lib/queries/processes/get-process-status";
import {
  approveProcessStep,
  confirmProcessCode,
  declineProcess,
  reviewRejectProcess,
} from "@/lib/services/ledger/decide-process";
import {
  ConfirmCodeBodySchema,
  OptionalReasonBodySchema,
  ProcessIdSchema,
  ReasonBodySchema,
} from "@/lib/validation/processes";

/*
 * The process detail's and the Limited processes tickets' buttons. The permission depends on the
 * process (its status picks review, service approval or second session; its type the viewer
 * scope), which only the service knows once it has locked the row, so the services' policies
 * decide ("authenticated" here). Each answers the status the process ended in, for the toast.
 */

const Id = z.strictObject({ id: ProcessIdSchema });
const ApproveInput = Id.extend({
  amount: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((value) => value || undefined),
});

export const approveProcessAction = action(
  ApproveInput,
  "authenticated",
  async ({ id, amount }, principal) => {
    await approveProcessStep(principal, id, amount ? { amount } : {});
    refresh();
    return getProcessStatus(principal.merchantId, id);
  },
);

export const declineProcessAction = action(
  Id.extend(OptionalReasonBodySchema.shape),
  "authenticated",
  async ({ id, reason }, principal) => {
    await declineProcess(principal, id, reason ? { reason } : {});
    refresh();
    return getProcessStatus(principal.merchantId, id);
  },
);

export const rejectProcessAction = action(
  Id.extend(ReasonBodySchema.shape),
  "processes.review",
  async ({ id, reason }, principal) => {
    await reviewRejectProcess(principal, id, { reason });
    refresh();
    return getProcessStatus(principal.merchantId, id);
  },
);

export const confirmProcessCodeAction = action(
  Id.extend(ConfirmCodeBodySchema.shape),
  "authenticated",
  async ({ id, code }, principal) => {
    await confirmProcessCode(principal, id, { code });
    refresh();
    return getProcessStatus(principal.merchantId, id);
  },
);
