/**
 * The audit vocabulary: every action an audit row may record, written by lib/services and read by
 * the audit page and the request history. A new action is added here first, with its label.
 */
export const AUDIT_ACTIONS = [
  "operation_request.submitted",
  "operation_request.submitted_direct",
  "operation_request.approved",
  "operation_request.rejected",
  "operation_request.canceled",
  "operation_request.retry_requested",
  "operation_request.done",
  "operation_request.execution_failed",
  "operation_request.expired",
  "payment_transaction.refunded",
  "payment_transaction.voided",
  "payment_transaction.sandbox_created",
  "operations_approval.installed",
  "operations_approval.settings_changed",
  "operations_approval.checker_assigned",
  "operations_approval.whitelist_changed",
  "payment_gateway.sandbox_behaviour_changed",
  "api_key.created",
  "api_key.revoked",
  "membership.permissions_changed",
  "user.sign_in_locked",
  "business_process.created",
  "business_process.limited",
  "business_process.review_approved",
  "business_process.review_rejected",
  "business_process.service_approved",
  "business_process.code_sent",
  "business_process.code_confirmed",
  "business_process.code_failed",
  "business_process.processed",
  "business_process.declined",
  "business_process.hold_expired",
  "business_process.step_failed",
  "ledger_account.opened",
  "limit_profile.changed",
  "checkout_session.created",
  "checkout_session.updated",
  "checkout_session.canceled",
  "checkout_session.expired",
  "checkout_session.attempt_started",
  "checkout_session.attempt_failed",
  "checkout_session.authorized",
  "checkout_session.paid",
  "checkout_session.failed",
  "checkout_session.captured",
  "checkout_session.paid_late",
  "checkout_session.duplicate_payment",
  "checkout_session.link_sent",
  "checkout_settings.changed",
  "saved_card.saved",
  "saved_card.deleted",
  "publishable_key.created",
  "publishable_key.origins_changed",
  "publishable_key.revoked",
  "webhook_endpoint.created",
  "webhook_endpoint.updated",
  "webhook_endpoint.deleted",
  "webhook_endpoint.disabled",
  "webhook_secret.rotated",
  "webhook_delivery.resent",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** How people read each action (the audit page, the request history). */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "operation_request.submitted": "Request submitted for approval",
  "operation_request.submitted_direct": "Request submitted without approval",
  "operation_request.approved": "Request approved",
  "operation_request.rejected": "Request rejected",
  "operation_request.canceled": "Request canceled",
  "operation_request.retry_requested": "Retry requested",
  "operation_request.done": "Operation done",
  "operation_request.execution_failed": "Gateway call failed",
  "operation_request.expired": "Request expired",
  "payment_transaction.refunded": "Payment refunded",
  "payment_transaction.voided": "Payment voided",
  "payment_transaction.sandbox_created": "Sandbox payment created",
  "operations_approval.installed": "Approval plugin installed",
  "operations_approval.settings_changed": "Approval settings changed",
  "operations_approval.checker_assigned": "Checker assigned",
  "operations_approval.whitelist_changed": "Whitelist changed",
  "payment_gateway.sandbox_behaviour_changed": "Sandbox behaviour changed",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "membership.permissions_changed": "Member permissions changed",
  "user.sign_in_locked": "Sign-in locked",
  "business_process.created": "Process created",
  "business_process.limited": "Process stopped by a limit",
  "business_process.review_approved": "Limited process approved",
  "business_process.review_rejected": "Limited process rejected",
  "business_process.service_approved": "Card issue approved",
  "business_process.code_sent": "One-time code sent",
  "business_process.code_confirmed": "One-time code confirmed",
  "business_process.code_failed": "Wrong one-time code",
  "business_process.processed": "Process processed",
  "business_process.declined": "Process declined",
  "business_process.hold_expired": "Hold expired",
  "business_process.step_failed": "Process step failed",
  "ledger_account.opened": "Account opened",
  "limit_profile.changed": "Limit profile changed",
  "checkout_session.created": "Checkout session created",
  "checkout_session.updated": "Checkout session updated",
  "checkout_session.canceled": "Checkout session canceled",
  "checkout_session.expired": "Checkout session expired",
  "checkout_session.attempt_started": "Payment attempt started",
  "checkout_session.attempt_failed": "Payment attempt failed",
  "checkout_session.authorized": "Payment authorized",
  "checkout_session.paid": "Payment paid",
  "checkout_session.failed": "Payment failed: no attempts left",
  "checkout_session.captured": "Payment captured",
  "checkout_session.paid_late": "Paid after the session had ended",
  "checkout_session.duplicate_payment": "Paid again: flagged, not counted",
  "checkout_session.link_sent": "Payment link sent",
  "checkout_settings.changed": "Checkout settings changed",
  "saved_card.saved": "Card saved",
  "saved_card.deleted": "Saved card deleted",
  "publishable_key.created": "Publishable key created",
  "publishable_key.origins_changed": "Publishable key origins changed",
  "publishable_key.revoked": "Publishable key revoked",
  "webhook_endpoint.created": "Webhook endpoint added",
  "webhook_endpoint.updated": "Webhook endpoint changed",
  "webhook_endpoint.deleted": "Webhook endpoint deleted",
  "webhook_endpoint.disabled": "Webhook endpoint disabled automatically",
  "webhook_secret.rotated": "Webhook signing secret rotated",
  "webhook_delivery.resent": "Webhook resent",
};

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** The label of a stored action; an action from an older release shows as it was stored. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}

/**
 * Who is recorded as having done something (the audit actor). Distinct from the decision actor of
 * lib/domain/policies, who is asked whether they may: a background job is recorded as the system
 * but never decides.
 */
export type AuditActor = {
  readonly userId: string | null;
  /** customer: the payer on the hosted checkout page (no sign-in). */
  readonly type: "session" | "api_key" | "system" | "customer";
};

export const CUSTOMER_ACTOR: AuditActor = { userId: null, type: "customer" };

export const SYSTEM_ACTOR: AuditActor = { userId: null, type: "system" };

/**
 * The one way to show who did something: the system, a person (name and email), or a person
 * through one of their API keys.
 */
export function describeActor(actor: {
  readonly type: string;
  readonly name?: string | null;
  readonly email?: string | null;
}): string {
  if (actor.type === "system") return "System";
  if (actor.type === "customer") return "The customer, on the checkout page";
  const person =
    actor.name && actor.email
      ? `${actor.name} <${actor.email}>`
      : (actor.name ?? actor.email ?? "A former member");
  return actor.type === "api_key" ? `${person}, with an API key` : person;
}
