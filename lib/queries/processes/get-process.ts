import "server-only";
import { prisma } from "@/lib/db";
import type { ViewerScope } from "@/lib/domain/ledger/catalogue";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";
import type { ProcessDetailJson } from "@/lib/validation/processes";
import { gatewayCodesOf, processesVisibleTo } from "./list-processes";
import {
  PROCESS_ROW_SELECT,
  TRANSFER_ROW_SELECT,
  toProcessJson,
  toTransferJson,
} from "./process-json";

/**
 * One process with its transfers and steps, or null when it is not the merchant's or not in the
 * caller's scopes (the API answers 404 for both, so a scope does not reveal what exists).
 */
export async function getProcess(
  merchantId: string,
  scopes: readonly ViewerScope[],
  id: string,
): Promise<ProcessDetailJson | null> {
  if (!isUuid(id)) return null;
  const row = await prisma.businessProcess.findFirst({
    where: { AND: [processesVisibleTo(merchantId, scopes), { id }] },
    select: {
      ...PROCESS_ROW_SELECT,
      metadata: true,
      transfers: { select: TRANSFER_ROW_SELECT, orderBy: { seq: "asc" } },
    },
  });
  if (!row) return null;
  const events = await prisma.auditEvent.findMany({
    where: { merchantId, entity: "business_process", entityId: id },
    orderBy: { id: "asc" },
    select: {
      action: true,
      fromState: true,
      toState: true,
      actorType: true,
      actorId: true,
      createdAt: true,
    },
  });
  const actorIds = [
    ...new Set(events.map((e) => e.actorId).filter((v): v is string => v !== null)),
  ];
  const users = await prisma.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, name: true },
  });
  const names = new Map(users.map((u) => [u.id, u.name]));
  const metadata =
    row.metadata && typeof row.metadata === "object" && !Array.isArray(row.metadata)
      ? row.metadata
      : {};
  return {
    ...toProcessJson(row, await gatewayCodesOf(merchantId)),
    transactions: row.transfers.map(toTransferJson),
    metadata: metadata as Record<string, unknown>,
    steps: events.map((e) => ({
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      actor: {
        type: e.actorType,
        id: e.actorId,
        name: e.actorId ? (names.get(e.actorId) ?? null) : null,
      },
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

/** getProcess, or the 404 the API answers for an unknown, malformed, other merchant's or out-of-scope id. */
export async function getProcessOrThrow(
  merchantId: string,
  scopes: readonly ViewerScope[],
  id: string,
): Promise<ProcessDetailJson> {
  const detail = await getProcess(merchantId, scopes, id);
  if (!detail) throw notFound("Process");
  return detail;
}
