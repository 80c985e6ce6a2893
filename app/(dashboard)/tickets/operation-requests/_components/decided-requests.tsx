"use client";

import { useSearchParams } from "next/navigation";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
} from "react";
import { RelativeTime } from "@/components/ui/relative-time";
import type { OperationRequestState } from "@/lib/domain/operation-requests/lifecycle";
import type { OutcomeAction } from "@/lib/domain/operation-requests/wording";
import type { OperationRequestJson } from "@/lib/validation/operation-requests";

/**
 * What this viewer did to a row, and when: the row keeps its place and says so. `from` and `state`
 * are the request's state before and after, as the action answered.
 */
export type Decision = {
  action: OutcomeAction;
  at: string;
  from: OperationRequestState;
  state: OperationRequestState;
};

type Decisions = {
  decided: ReadonlyMap<string, Decision>;
  onDecided: ((id: string, decision: Omit<Decision, "at">) => void) | null;
};

const DecisionsContext = createContext<Decisions>({ decided: new Map(), onDecided: null });

export function useDecision(id: string): Decision | undefined {
  return useContext(DecisionsContext).decided.get(id);
}

export function useOnDecided() {
  return useContext(DecisionsContext).onDecided;
}

/**
 * Rows this viewer decided since the view was opened stay where they were, marked, even when a live
 * refresh no longer lists them (a "pending" filter, say), so the next row's Approve never slides
 * under the pointer. Changing the filters or the page, or reloading, forgets them.
 */
export function useDecidedRows(rows: OperationRequestJson[]) {
  const search = useSearchParams().toString();
  const [memory, setMemory] = useState<{ search: string; decided: Map<string, Decision> }>({
    search,
    decided: new Map(),
  });
  const decided = memory.search === search ? memory.decided : EMPTY;
  const shown = useRef<OperationRequestJson[]>(rows);

  const displayed = useMemo(() => {
    const result = keepInPlace(rows, shown.current, decided);
    shown.current = result;
    return result;
  }, [rows, decided]);

  const onDecided = useCallback(
    (id: string, decision: Omit<Decision, "at">) =>
      setMemory((current) => {
        const next = new Map(current.search === search ? current.decided : EMPTY);
        next.set(id, { ...decision, at: new Date().toISOString() });
        return { search, decided: next };
      }),
    [search],
  );

  const value = useMemo(() => ({ decided, onDecided }), [decided, onDecided]);
  return { displayed, value };
}

const EMPTY: ReadonlyMap<string, Decision> = new Map();

/**
 * The server's rows, with each decided row it no longer lists put back at its former index. A
 * decided row still in the state it was decided from (the kept copy, or a render that started
 * before the action committed) shows the state the action answered instead.
 */
function keepInPlace(
  rows: OperationRequestJson[],
  previous: OperationRequestJson[],
  decided: ReadonlyMap<string, Decision>,
): OperationRequestJson[] {
  if (decided.size === 0) return rows;
  const listed = new Set(rows.map((row) => row.id));
  const result = [...rows];
  previous.forEach((row, index) => {
    if (decided.has(row.id) && !listed.has(row.id))
      result.splice(Math.min(index, result.length), 0, row);
  });
  return result.map((row) => {
    const decision = decided.get(row.id);
    return decision && row.state === decision.from ? { ...row, state: decision.state } : row;
  });
}

export function DecisionsProvider({ value, children }: { value: Decisions; children: ReactNode }) {
  return <DecisionsContext value={value}>{children}</DecisionsContext>;
}

const DONE_WORDS: Record<OutcomeAction, string> = {
  submit: "Submitted",
  approve: "Approved",
  reject: "Rejected",
  cancel: "Canceled",
  retry: "Retried",
};

/** "Approved just now": the mark a decided row carries until the view is refreshed. */
export function DecisionMark({ id }: { id: string }) {
  const decision = useDecision(id);
  if (!decision) return null;
  return (
    <p
      className="mt-1 text-xs font-medium whitespace-nowrap text-slate-700"
      data-decided={decision.action}
    >
      <RelativeTime iso={decision.at} prefix={`${DONE_WORDS[decision.action]} `} />
    </p>
  );
}
