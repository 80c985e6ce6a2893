/**
 * The states of an operation request. The database enum mirrors OPERATION_REQUEST_STATES; the
 * moves between them are lifecycle.ts's. Exported once, for zod schemas, pages and SQL callers.
 */
export const OPERATION_REQUEST_STATES = [
  "pending",
  "approved",
  "done",
  "manual_action_required",
  "rejected",
  "canceled",
  "expired",
] as const;
export type OperationRequestState = (typeof OPERATION_REQUEST_STATES)[number];

/** A payment has at most one request in these states; the partial unique index lists the same. */
export const OPEN_STATES = [
  "pending",
  "approved",
  "manual_action_required",
] as const satisfies readonly OperationRequestState[];
export const TERMINAL_STATES = [
  "done",
  "rejected",
  "canceled",
  "expired",
] as const satisfies readonly OperationRequestState[];

export function isOpenState(state: OperationRequestState): boolean {
  return (OPEN_STATES as readonly OperationRequestState[]).includes(state);
}

/** States a request leaves when its deadline passes (lifecycle's "expire" event moves from these). */
export const EXPIRABLE_STATES = [
  "pending",
  "manual_action_required",
] as const satisfies readonly OperationRequestState[];

/** States in which a request may be run against its gateway (claimed for execution). */
export const EXECUTABLE_STATES = [
  "approved",
  "manual_action_required",
] as const satisfies readonly OperationRequestState[];
