import "server-only";
import type {
  OperationRequestDetailJson,
  OperationRequestHistoryEntryJson,
} from "@/lib/validation/operation-requests";
import type { OperationRequestDetail, OperationRequestHistoryEntry } from "./get-operation-request";
import { toOperationRequestJson } from "./operation-request-row";

/** The JSON of one request with its history (audit rows and gateway attempts, oldest first). */
export function toOperationRequestDetailJson(
  detail: OperationRequestDetail,
): OperationRequestDetailJson {
  return { ...toOperationRequestJson(detail), history: detail.history.map(toHistoryEntryJson) };
}

function toHistoryEntryJson(entry: OperationRequestHistoryEntry): OperationRequestHistoryEntryJson {
  const common = {
    id: `${entry.type}-${entry.id}`,
    type: entry.type,
    at: entry.at.toISOString(),
    actor: entry.actor,
  };
  if (entry.type === "attempt") {
    return {
      ...common,
      outcome: entry.outcome,
      code: entry.code,
      message: entry.message,
      reference: entry.reference,
      durationMs: entry.durationMs,
    };
  }
  return {
    ...common,
    action: entry.action,
    fromState: entry.fromState,
    toState: entry.toState,
    ...(isRecord(entry.data) ? { data: entry.data } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
