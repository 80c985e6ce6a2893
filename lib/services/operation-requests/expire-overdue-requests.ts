import "server-only";
import { prisma } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/domain/audit/actions";
import { EXPIRABLE_STATES } from "@/lib/domain/operation-requests/lifecycle";
import { kickWebhookDelivery } from "@/lib/services/webhooks/enqueue-webhook-event";
import { expireRequest } from "./request-context";

const BATCH = 500;

/**
 * The background job: every pending or manual-action request past its deadline becomes expired.
 * Safe to run on several instances at once: each move is a conditional update.
 */
export async function expireOverdueRequests(now = new Date()): Promise<number> {
  const overdue = await prisma.operationRequest.findMany({
    where: {
      state: { in: [...EXPIRABLE_STATES] },
      deadlineAt: { lte: now },
      executingSince: null,
    },
    orderBy: { deadlineAt: "asc" },
    take: BATCH,
  });
  let expired = 0;
  for (const request of overdue) {
    if (await prisma.$transaction((tx) => expireRequest(tx, request, SYSTEM_ACTOR, now))) expired++;
  }
  if (expired > 0) kickWebhookDelivery();
  return expired;
}
