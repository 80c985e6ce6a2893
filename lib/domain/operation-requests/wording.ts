import { formatMoney, moneyFromDecimal } from "@/lib/domain/money/money";
import { formatRelativeTime } from "@/lib/domain/time/relative-time";
import { OPERATION_LABELS, type Operation } from "./operations";
import type { OperationRequestState } from "./states";

/**
 * The sentences people read about a request: the toast after an action, the payment page's banner.
 * One place, so the toast, the banner and the table never word the same state two ways.
 */

/** Where a request stands after an action, as the action's answer carries it. */
export type OutcomeFacts = {
  operation: Operation;
  state: OperationRequestState;
  /** Decimal text with the currency's decimals ("12.500"). */
  amount: string;
  currency: string;
  deadlineAt: string | null;
  failureCode: string | null;
};

/** The user action that produced the outcome. */
export type OutcomeAction = "submit" | "approve" | "reject" | "cancel" | "retry";

export type Outcome = { message: string; tone: "success" | "info" | "warning" };

/**
 * What went wrong, by the failure's code, as a predicate that follows its subject ("it was declined
 * by the gateway"). Codes the sandbox and adapters write: timeout, unreachable, http_NNN, else a decline.
 */
export function describeFailure(code: string | null): string {
  if (code === "timeout") return "timed out at the gateway";
  if (code === "unreachable") return "could not reach the gateway";
  if (code?.startsWith("http_")) return `failed at the gateway (HTTP ${code.slice(5)})`;
  return "was declined by the gateway";
}

function amountOf(facts: Pick<OutcomeFacts, "amount" | "currency">): string {
  return formatMoney(moneyFromDecimal(facts.amount, facts.currency));
}

function manualAction(facts: OutcomeFacts, now: Date): string {
  const expiry = facts.deadlineAt
    ? `, expires ${formatRelativeTime(facts.deadlineAt, now, "long")}`
    : "";
  return `${describeFailure(facts.failureCode)}: manual action required${expiry}`;
}

export function describeOutcome(action: OutcomeAction, facts: OutcomeFacts, now: Date): Outcome {
  const label = OPERATION_LABELS[facts.operation];
  const amount = amountOf(facts);
  switch (facts.state) {
    case "done":
      if (action === "approve")
        return { message: `${label} approved and done: ${amount}.`, tone: "success" };
      if (action === "retry")
        return {
          message: `Retry succeeded: ${label.toLowerCase()} of ${amount} done.`,
          tone: "success",
        };
      return { message: `${label} done: ${amount}.`, tone: "success" };
    case "manual_action_required": {
      const verb =
        action === "approve" ? " approved, but it" : action === "retry" ? " retried, but it" : "";
      return {
        message: `${label} of ${amount}${verb} ${manualAction(facts, now)}.`,
        tone: "warning",
      };
    }
    case "approved":
      return {
        message: `${label} of ${amount} approved: it is being sent to the gateway.`,
        tone: "info",
      };
    case "pending":
      return {
        message: `${label} of ${amount} requested: waiting for the checker's approval.`,
        tone: "info",
      };
    case "rejected":
      return {
        message: `${label} of ${amount} rejected. The maker is emailed the reason.`,
        tone: "info",
      };
    case "canceled":
      return { message: `${label} request of ${amount} canceled.`, tone: "info" };
    case "expired":
      return { message: `${label} request of ${amount} has expired.`, tone: "warning" };
  }
}

/** The open request as the payment page's banner names it. */
export type OpenRequestFacts = OutcomeFacts & { makerName: string; createdAt: string };

/**
 * "A refund of 5.000 KWD requested by Maya Maker at 2026-12-01 14:02 UTC is pending approval."
 * `at` is the time as the page shows it (UTC, the same on server and browser).
 */
export function describeOpenRequest(facts: OpenRequestFacts, at: string, now: Date): string {
  const opening = `A ${facts.operation} of ${amountOf(facts)} requested by ${facts.makerName} at ${at}`;
  switch (facts.state) {
    case "pending":
      return `${opening} is pending approval.`;
    case "approved":
      return `${opening} is approved and being sent to the gateway.`;
    case "manual_action_required":
      return `${opening} ${manualAction(facts, now)}.`;
    default:
      return `${opening} is ${facts.state.replaceAll("_", " ")}.`;
  }
}
