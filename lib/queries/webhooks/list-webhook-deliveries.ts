import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import {
  type CursorKey,
  decodeKeysetCursor,
  encodeKeysetCursor,
} from "@/lib/queries/keyset-cursor";
import { isUuid } from "@/lib/validation/ids";
import type { WebhookDeliveriesQuery, WebhookDeliveryJson } from "@/lib/validation/webhooks";
import { attemptJson } from "./webhook-json";

const KEY: CursorKey = { sort: "created_at", dir: "desc" };
const InstantSchema = z.iso.datetime().transform((value) => new Date(value));

/**
 * One endpoint's deliveries, newest first, each with its attempts: the delivery log. Keyset paging
 * on (created_at, id), which the (endpoint_id, created_at DESC, id DESC) index walks.
 */
export async function listWebhookDeliveries(
  merchantId: string,
  endpointId: string,
  query: WebhookDeliveriesQuery,
): Promise<{ data: WebhookDeliveryJson[]; nextCursor: string | null }> {
  const endpoint = isUuid(endpointId)
    ? await prisma.webhookEndpoint.findFirst({
        where: { id: endpointId, merchantId },
        select: { id: true },
      })
    : null;
  if (!endpoint) throw notFound("Webhook endpoint");
  const after = query.cursor ? decodeKeysetCursor(query.cursor, KEY, InstantSchema) : null;
  const rows = await prisma.webhookDelivery.findMany({
    where: {
      endpointId,
      merchantId,
      ...(after
        ? {
            OR: [
              { createdAt: { lt: after.value } },
              { createdAt: after.value, id: { lt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: {
      event: { select: { type: true } },
      attempts: { orderBy: { attemptNumber: "asc" } },
    },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => ({
      id: row.id,
      eventId: row.eventId,
      eventType: row.event.type,
      status: row.status,
      attemptCount: row.attemptCount,
      nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
      lastStatus: row.lastStatus,
      deliveredAt: row.deliveredAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      attempts: row.attempts.map(attemptJson),
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeKeysetCursor(KEY, last.createdAt.toISOString(), last.id)
        : null,
  };
}
