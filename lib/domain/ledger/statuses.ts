/**
 * Business process statuses and the moves between them: the source's flow table, plus
 * created -> pending | declined | error for a merchant payment made through the API that waits for
 * its customer. The migration's trigger business_process_status_transition refuses the same moves
 * in the database.
 */

export const PROCESS_STATUSES = [
  "created",
  "waiting_for_approval",
  "limited",
  "pending",
  "processed",
  "declined",
  "rejected",
  "error",
] as const;
export type ProcessStatus = (typeof PROCESS_STATUSES)[number];

export const FINAL_PROCESS_STATUSES = [
  "processed",
  "declined",
  "rejected",
  "error",
] as const satisfies readonly ProcessStatus[];

export const PROCESS_TRANSITIONS: Record<ProcessStatus, readonly ProcessStatus[]> = {
  created: ["pending", "declined", "error"],
  waiting_for_approval: ["pending", "declined", "error"],
  limited: ["processed", "rejected", "pending", "error"],
  pending: ["processed", "declined", "error"],
  processed: [],
  declined: [],
  rejected: [],
  error: [],
};

export const PROCESS_STATUS_LABELS: Record<ProcessStatus, string> = {
  created: "Created",
  waiting_for_approval: "Waiting for approval",
  limited: "Limited",
  pending: "Pending",
  processed: "Processed",
  declined: "Declined",
  rejected: "Rejected",
  error: "Error",
};

export function isProcessStatus(value: unknown): value is ProcessStatus {
  return typeof value === "string" && (PROCESS_STATUSES as readonly string[]).includes(value);
}

export function isFinalStatus(status: ProcessStatus): boolean {
  return (FINAL_PROCESS_STATUSES as readonly ProcessStatus[]).includes(status);
}

export function canTransition(from: ProcessStatus, to: ProcessStatus): boolean {
  return PROCESS_TRANSITIONS[from].includes(to);
}

/** Every allowed move, as pairs (the migration's trigger is generated from the same list). */
export function allowedTransitions(): [ProcessStatus, ProcessStatus][] {
  return PROCESS_STATUSES.flatMap((from) =>
    PROCESS_TRANSITIONS[from].map((to) => [from, to] as [ProcessStatus, ProcessStatus]),
  );
}
