import "server-only";
import { type GatewayOutcome, Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";
import { type OperationRequestRow, selectOperationRequestRows } from "./operation-request-row";

/** The entity name audit rows use for operation requests. */
export const OPERATION_REQUEST_AUDIT_ENTITY = "operation_request";

export type HistoryActor = { id: string; name: string; email: string | null };

export type OperationRequestHistoryEntry =
  | {
      type: "audit";
      id: bigint;
      at: Date;
      action: string;
      fromState: string | null;
      toState: string | null;
      data: Prisma.JsonValue;
      actor: HistoryActor | null;
    }
  | {
      type: "attempt";
      id: bigint;
      at: Date;
      outcome: GatewayOutcome;
      code: string | null;
      message: string | null;
      reference: string | null;
      durationMs: number;
      actor: HistoryActor | null;
    };

export type OperationRequestDetail = OperationRequestRow & {
  /** Audit rows and gateway attempts merged, oldest first. */
  history: OperationRequestHistoryEntry[];
};

type ActorColumns = {
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
};

/**
 * One request of the merchant with its whole history. Null when the id is malformed, unknown, or
 * another merchant's: callers answer 404 for all three, so ids cannot be probed.
 */
export async function getOperationRequest(
  merchantId: string,
  id: string,
): Promise<OperationRequestDetail | null> {
  if (!isUuid(id)) return null;
  // Three reads at once; the history is dropped unless the request is this merchant's.
  const [rows, events, attempts] = await Promise.all([
    selectOperationRequestRows(
      Prisma.sql`r.id = ${id}::uuid AND r.merchant_id = ${merchantId}::uuid`,
      1,
    ),
    prisma.$queryRaw<
      ({
        id: bigint;
        action: string;
        from_state: string | null;
        to_state: string | null;
        data: Prisma.JsonValue;
        created_at: Date;
      } & ActorColumns)[]
    >`
      SELECT e.id, e.action, e.from_state, e.to_state, e.data, e.created_at, e.actor_id, u.name AS actor_name, u.email AS actor_email
      FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
      -- System rows may carry no merchant; the entity id is what ties them to this request.
      WHERE (e.merchant_id = ${merchantId}::uuid OR e.merchant_id IS NULL)
        AND e.entity = ${OPERATION_REQUEST_AUDIT_ENTITY} AND e.entity_id = ${id.toLowerCase()}
      ORDER BY e.created_at, e.id`,
    prisma.$queryRaw<
      ({
        id: bigint;
        outcome: GatewayOutcome;
        code: string | null;
        message: string | null;
        reference: string | null;
        duration_ms: number;
        created_at: Date;
      } & ActorColumns)[]
    >`
      SELECT a.id, a.outcome::text AS outcome, a.code, a.message, a.reference, a.duration_ms, a.created_at, a.actor_id, u.name AS actor_name, u.email AS actor_email
      FROM gateway_attempt a LEFT JOIN app_user u ON u.id = a.actor_id
      WHERE a.request_id = ${id}::uuid
      ORDER BY a.created_at, a.id`,
  ]);
  const row = rows[0];
  if (!row) return null;

  const history: OperationRequestHistoryEntry[] = [
    ...events.map((event) => ({
      type: "audit" as const,
      id: BigInt(event.id),
      at: event.created_at,
      action: event.action,
      fromState: event.from_state,
      toState: event.to_state,
      data: event.data,
      actor: actorOf(event),
    })),
    ...attempts.map((attempt) => ({
      type: "attempt" as const,
      id: BigInt(attempt.id),
      at: attempt.created_at,
      outcome: attempt.outcome,
      code: attempt.code,
      message: attempt.message,
      reference: attempt.reference,
      durationMs: attempt.duration_ms,
      actor: actorOf(attempt),
    })),
  ];
  history.sort(inTimeOrder);
  return { ...row, history };
}

/** getOperationRequest for route handlers: a not_found AppError instead of null. */
export async function getOperationRequestOrThrow(
  merchantId: string,
  id: string,
): Promise<OperationRequestDetail> {
  const detail = await getOperationRequest(merchantId, id);
  if (!detail) throw notFound("Operation request");
  return detail;
}

/** Null for the system; a user since deleted still shows who it was by id. */
function actorOf(columns: ActorColumns): HistoryActor | null {
  if (columns.actor_id === null) return null;
  return {
    id: columns.actor_id,
    name: columns.actor_name ?? "Unknown user",
    email: columns.actor_email,
  };
}

/**
 * Oldest first. At the same millisecond a gateway attempt goes before an audit row: the state change
 * an attempt causes is written with (or after) it, never before.
 */
function inTimeOrder(a: OperationRequestHistoryEntry, b: OperationRequestHistoryEntry): number {
  const byTime = a.at.getTime() - b.at.getTime();
  if (byTime !== 0) return byTime;
  if (a.type !== b.type) return a.type === "attempt" ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
