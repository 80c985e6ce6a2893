import { readFileSync } from "node:fs";
import path from "node:path";
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

const MIGRATION = readFileSync(
  path.join(process.cwd(), "prisma/migrations/20261202010000_ledger/migration.sql"),
  "utf8",
);

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

describe("the migration mirrors the transition table", () => {
  /** `(OLD.status = 'x' AND NEW.status IN ('a', 'b'))` lines of the status trigger. */
  function triggerTransitions(sql: string): [string, string][] {
    const body = sql.slice(sql.indexOf("FUNCTION business_process_status_transition()"));
    const lines = [...body.matchAll(/OLD\.status = '([a-z_]+)' AND NEW\.status IN \(([^)]*)\)/g)];
    return lines.flatMap(([, from, list]) =>
      [...(list ?? "").matchAll(/'([a-z_]+)'/g)].map(([, to]): [string, string] => [
        from ?? "",
        to ?? "",
      ]),
    );
  }

  it("finds the trigger's lines (a self-test of the parser)", () => {
    expect(triggerTransitions(MIGRATION).length).toBeGreaterThan(0);
  });

  it("allows exactly allowedTransitions() in business_process_status_transition", () => {
    const key = ([from, to]: readonly [string, string]) => `${from}->${to}`;
    expect(triggerTransitions(MIGRATION).map(key).sort()).toEqual(
      allowedTransitions().map(key).sort(),
    );
  });

  it("declares the ProcessStatus enum with exactly PROCESS_STATUSES", () => {
    const match = /CREATE TYPE "ProcessStatus" AS ENUM \(([^)]*)\)/.exec(MIGRATION);
    const values = [...(match?.[1] ?? "").matchAll(/'([a-z_]+)'/g)].map(([, value]) => value);
    expect(values).toEqual([...PROCESS_STATUSES]);
  });
});
