import { type ProcessType, processTypeDefinition } from "@/lib/domain/ledger/catalogue";
import type { ProcessStatus } from "@/lib/domain/ledger/statuses";
import type { DecisionActor } from "./policy";
import { mayApproveCardIssue, mayDecideProcess, mayReviewProcess } from "./processes";

/**
 * The steps a process offers a viewer now: by its status, each shown only when the policy the
 * service asks for that step allows it. Buttons are a convenience; the services decide.
 */
export type ProcessOffer =
  /** The second session of a pending distributed process: capture all or part of the hold. */
  | "capture"
  /** Release a pending distributed process's hold, or end a card issue waiting for approval. */
  | "decline"
  /** The anti-fraud review of a limited process. */
  | "review_approve"
  | "review_reject"
  /** The service role's approval of a card issue waiting for approval. */
  | "service_approve"
  /** The customer's one-time code for a card issue. */
  | "confirm_code";

export function processOffers(
  actor: DecisionActor,
  process: {
    type: ProcessType;
    status: ProcessStatus;
    /** Card issues: whether the service role and the customer's code have already approved it. */
    serviceApproved?: boolean;
    codeConfirmed?: boolean;
  },
): ProcessOffer[] {
  const offers: ProcessOffer[] = [];
  switch (process.status) {
    case "limited":
      if (mayReviewProcess(actor).ok) offers.push("review_approve", "review_reject");
      break;
    case "pending":
      if (
        processTypeDefinition(process.type).mode === "distributed" &&
        mayDecideProcess(actor, process.type).ok
      )
        offers.push("capture", "decline");
      break;
    case "waiting_for_approval": {
      const service = mayApproveCardIssue(actor).ok;
      if (service && !process.serviceApproved) offers.push("service_approve");
      if (!process.codeConfirmed && mayDecideProcess(actor, process.type).ok)
        offers.push("confirm_code");
      if (service) offers.push("decline");
      break;
    }
    default:
      break;
  }
  return offers;
}
