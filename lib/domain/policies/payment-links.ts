import { type DecisionActor, type PolicyResult, requirePermission } from "./policy";

/**
 * Who may do what with payment links. One rule for the bulk API, the server actions and the
 * page's buttons: seeing them is seeing payments (transactions.view); creating, resending and
 * canceling them is checkout.create.
 */
export function mayViewPaymentLinks(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "transactions.view");
}

export function mayCreatePaymentLinks(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "checkout.create");
}

/** Resend and cancel change a link that exists: the same permission as making it. */
export function mayManagePaymentLinks(actor: DecisionActor): PolicyResult {
  return requirePermission(actor, "checkout.create");
}
