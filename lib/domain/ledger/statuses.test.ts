import { describe, expect, it } from "vitest";
import {
  allowedTransitions,
  canTransition,
  FINAL_PROCESS_STATUSES,
  isFinalStatus,
  isProcessStatus,
  PROCESS_STATUS_LABELS,
  PROCESS_STATUSES,
  type ProcessStatus,
} from "./statuses";

// The whole 8 x 8 table, written out by hand from the seed's flow table plus created -> pending |
// declined | error. Rows are `from`, columns `to`, in PROCESS_STATUSES order:
//                          created wait   limited pending proc.  decl.  rej.   error
const MATRIX: Record<ProcessStatus, Record<ProcessStatus, boolean>> = {
  created: row([false, false, false, true, false, true, false, true]),
  waiting_for_approval: row([false, false, false, true, false, true, false, true]),
  limited: row([false, false, false, true, true, false, true, true]),
  pending: row([false, false, false, false, true, true, false, true]),
  processed: row([false, false, false, false, false, false, false, false]),
  declined: row([false, false, false, false, false, false, false, false]),
  rejected: row([false, false, false, false, false, false, false, false]),
  error: row([false, false, false, false, false, false, false, false]),
};

function row(cells: boolean[]): Record<ProcessStatus, boolean> {
  const [created, waiting_for_approval, limited, pending, processed, declined, rejected, error] =
    cells as [boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean];
  return {
    created,
    waiting_for_approval,
    limited,
    pending,
    processed,
    declined,
    rejected,
    error,
  };
}

const ALL_PAIRS = PROCESS_STATUSES.flatMap((from) =>
  PROCESS_STATUSES.map((to) => [from, to, MATRIX[from][to]] as const),
);

describe("process statuses", () => {
  it("are the seed's seven plus created, in this order", () => {
    expect(PROCESS_STATUSES).toEqual([
      "created",
      "waiting_for_approval",
      "limited",
      "pending",
      "processed",
      "declined",
      "rejected",
      "error",
    ]);
  });

  it("checks all 64 moves", () => {
    expect(ALL_PAIRS).toHaveLength(64);
    expect(ALL_PAIRS.filter(([, , allowed]) => allowed)).toHaveLength(13);
  });

  it.each(ALL_PAIRS)("%s -> %s allowed: %s", (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it("refuses the moves a reader would most like to make by mistake", () => {
    expect(canTransition("processed", "pending")).toBe(false);
    expect(canTransition("declined", "pending")).toBe(false);
    expect(canTransition("rejected", "pending")).toBe(false);
    expect(canTransition("error", "pending")).toBe(false);
    expect(canTransition("pending", "rejected")).toBe(false);
    expect(canTransition("pending", "limited")).toBe(false);
    expect(canTransition("pending", "created")).toBe(false);
    expect(canTransition("waiting_for_approval", "processed")).toBe(false);
    expect(canTransition("created", "processed")).toBe(false);
    expect(canTransition("limited", "declined")).toBe(false);
    for (const status of PROCESS_STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  it("lists exactly the allowed moves of the matrix, each once", () => {
    const key = ([from, to]: readonly [string, string]) => `${from}->${to}`;
    const expected = ALL_PAIRS.filter(([, , allowed]) => allowed).map(
      ([from, to]) => `${from}->${to}`,
    );
    const listed = allowedTransitions().map(key);
    expect(listed.sort()).toEqual(expected.sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it.each(PROCESS_STATUSES)("isFinalStatus(%s) is true exactly when nothing follows", (status) => {
    const expected = ["processed", "declined", "rejected", "error"].includes(status);
    expect(isFinalStatus(status)).toBe(expected);
    expect(PROCESS_STATUSES.some((to) => canTransition(status, to))).toBe(!expected);
  });

  it("has the four ends as final statuses", () => {
    expect([...FINAL_PROCESS_STATUSES].sort()).toEqual([
      "declined",
      "error",
      "processed",
      "rejected",
    ]);
  });

  it("recognises status names and nothing else", () => {
    for (const status of PROCESS_STATUSES) expect(isProcessStatus(status)).toBe(true);
    for (const value of ["", "PENDING", "pending ", "cancelled", null, undefined, 1, {}]) {
      expect(isProcessStatus(value)).toBe(false);
    }
  });

  it("labels every status", () => {
    expect(Object.keys(PROCESS_STATUS_LABELS).sort()).toEqual([...PROCESS_STATUSES].sort());
    expect(PROCESS_STATUS_LABELS.waiting_for_approval).toBe("Waiting for approval");
  });
});
