import {
  mayAct,
  maySubmit,
  REQUEST_ACTIONS,
  type RequestAction,
} from "@/lib/domain/policies/operation-requests";
import type { DecisionActor } from "@/lib/domain/policies/policy";
import { isOverdue } from "./deadlines";
import type { Operation } from "./operations";
import { type Refusal, refuse } from "./refusals";
import type { OperationRequestState } from "./states";

export {
  OPERATION_LABELS,
  OPERATION_PERMISSION,
  OPERATIONS,
  type Operation,
} from "./operations";
export {
  EXECUTABLE_STATES,
  EXPIRABLE_STATES,
  isOpenState,
  OPEN_STATES,
  OPERATION_REQUEST_STATES,
  type OperationRequestState,
  TERMINAL_STATES,
} from "./states";

/**
 * The life of an operation request (a refund or void a maker asks for and the checker decides).
 * The states are in states.ts; every rule about moving between them is here.
 */

export const LIFECYCLE_EVENTS = [
  "approve",
  "reject",
  "cancel",
  "execute_succeeded",
  "execute_failed",
  "retry",
  "expire",
] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

/** Both reasons are varchar(500) columns; the schemas, forms and checks below use these. */
export const REJECTION_REASON_MAX_LENGTH = 500;
export const REQUEST_REASON_MAX_LENGTH = 500;

/** The one who decides (lib/domain/policies); the audit actor, who is recorded, is another type. */
export type Actor = DecisionActor;

export type RequestSnapshot = {
  readonly state: OperationRequestState;
  readonly operation: Operation;
  readonly deadlineAt: Date | null;
};

export type Decision = { ok: true; next: OperationRequestState; reason?: string } | Refusal;

export type DirectReason = "plugin_disabled" | "checker" | "whitelisted";

export type Submission =
  | { ok: true; initialState: "pending" }
  | { ok: true; initialState: "approved"; direct: true; reason: DirectReason }
  | Refusal;

const TRANSITIONS: Record<
  LifecycleEvent,
  Partial<Record<OperationRequestState, OperationRequestState>>
> = {
  approve: { pending: "approved" },
  reject: { pending: "rejected" },
  cancel: { pending: "canceled" },
  execute_succeeded: { approved: "done", manual_action_required: "done" },
  execute_failed: {
    approved: "manual_action_required",
    manual_action_required: "manual_action_required",
  },
  // The request stays where it is while the gateway is called again; execute_* then moves it.
  retry: { manual_action_required: "manual_action_required" },
  expire: { pending: "expired", manual_action_required: "expired" },
};

/**
 * Choices people make. The other events are facts (the gateway answered, the clock ran out) and are
 * recorded whoever triggered them: a gateway success after the deadline still moved the money.
 */
const ACTIONS: ReadonlySet<LifecycleEvent> = new Set(REQUEST_ACTIONS);

function isAction(event: LifecycleEvent): event is RequestAction {
  return ACTIONS.has(event);
}

const EXPIRED_MESSAGE = "This request has expired.";

/**
 * Checks the actor first, then the state, the deadline and the input, so that someone who may never
 * take this action learns nothing about the request's state.
 */
export function decide(
  request: RequestSnapshot,
  event: LifecycleEvent,
  actor: Actor,
  now: Date,
  extra: { reason?: string } = {},
): Decision {
  if (isAction(event)) {
    const allowed = mayAct(actor, event, request);
    if (!allowed.ok) return allowed;
  }
  const next = TRANSITIONS[event][request.state];
  if (next === undefined) return refuseState(request.state);
  const overdue = isRequestOverdue(request, now);
  if (event === "expire") {
    return overdue
      ? { ok: true, next }
      : refuse("invalid_state", "This request is not past its deadline yet.");
  }
  if (overdue && ACTIONS.has(event)) return refuse("request_expired", EXPIRED_MESSAGE);
  if (event === "reject") {
    const reason = checkRejectionReason(extra.reason);
    return reason.ok ? { ok: true, next, reason: reason.value } : reason;
  }
  return { ok: true, next };
}

/**
 * True when the request sits past its deadline in a state that expires. A service that gets
 * `request_expired` back from decide() checks this and expires the request in the same transaction.
 */
export function isRequestOverdue(
  request: Pick<RequestSnapshot, "state" | "deadlineAt">,
  now: Date,
): boolean {
  return TRANSITIONS.expire[request.state] !== undefined && isOverdue(request.deadlineAt, now);
}

/**
 * Whether a new request waits for the checker or is decided at once by its submitter. A disabled
 * plugin is named first: with no approval step at all, that is the reason worth recording.
 */
export function decideSubmission(input: {
  operation: Operation;
  submitter: Actor;
  pluginEnabled: boolean;
  /** The operations this submitter may do without approval. */
  whitelistedOperations: readonly Operation[];
}): Submission {
  const { operation, submitter } = input;
  const allowed = maySubmit(submitter, operation);
  if (!allowed.ok) return allowed;
  if (!input.pluginEnabled) return direct("plugin_disabled");
  if (submitter.isChecker) return direct("checker");
  if (input.whitelistedOperations.includes(operation)) return direct("whitelisted");
  return { ok: true, initialState: "pending" };
}

function direct(reason: DirectReason): Submission {
  return { ok: true, initialState: "approved", direct: true, reason };
}

/**
 * The buttons a request offers this actor: the actions their policy allows and the state admits.
 * The deadline is left to the click: an overdue request is expired then, with a message saying so.
 */
export function availableActions(
  request: Pick<RequestSnapshot, "state" | "operation">,
  actor: Actor,
): RequestAction[] {
  return REQUEST_ACTIONS.filter(
    (action) =>
      TRANSITIONS[action][request.state] !== undefined && mayAct(actor, action, request).ok,
  );
}

function refuseState(state: OperationRequestState): Refusal {
  switch (state) {
    case "canceled":
      return refuse("request_canceled", "This request has been canceled.");
    case "expired":
      return refuse("request_expired", EXPIRED_MESSAGE);
    case "pending":
      return refuse("invalid_state", "This request is still pending approval.");
    default:
      return refuse("invalid_state", `This request is already ${state.replaceAll("_", " ")}.`);
  }
}

function checkRejectionReason(reason: string | undefined): { ok: true; value: string } | Refusal {
  const value = reason?.trim() ?? "";
  if (value === "") return refuse("validation_error", "A reason is required to reject a request.");
  // Counted in code points, as PostgreSQL counts varchar(500); an emoji is one character, not two.
  if ([...value].length > REJECTION_REASON_MAX_LENGTH) {
    return refuse(
      "validation_error",
      `The reason must be at most ${REJECTION_REASON_MAX_LENGTH} characters.`,
    );
  }
  return { ok: true, value };
}
