import "server-only";
import { prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";
import type { WebhookEndpointJson } from "@/lib/validation/webhooks";
import { endpointJson } from "./webhook-json";

/** The merchant's endpoints: subscribed ones first, then those checkout sessions named. */
export async function listWebhookEndpoints(merchantId: string): Promise<WebhookEndpointJson[]> {
  const rows = await prisma.webhookEndpoint.findMany({
    where: { merchantId },
    orderBy: [{ kind: "desc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(endpointJson);
}

/** One endpoint of the merchant; anything else, a malformed id included, is "not found". */
export async function getWebhookEndpointOrThrow(
  merchantId: string,
  id: string,
): Promise<WebhookEndpointJson> {
  const row = isUuid(id)
    ? await prisma.webhookEndpoint.findFirst({ where: { id, merchantId } })
    : null;
  if (!row) throw notFound("Webhook endpoint");
  return endpointJson(row);
}

/** The current signing secret, or null before the first endpoint is added. */
export async function getCurrentWebhookSecret(
  merchantId: string,
): Promise<{ secret: string; createdAt: string; previousExpiresAt: string | null } | null> {
  const rows = await prisma.webhookSecret.findMany({
    where: { merchantId, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    orderBy: { createdAt: "desc" },
  });
  const current = rows.find((row) => row.expiresAt === null);
  if (!current) return null;
  const previous = rows.find((row) => row.expiresAt !== null);
  return {
    secret: current.secret,
    createdAt: current.createdAt.toISOString(),
    previousExpiresAt: previous?.expiresAt?.toISOString() ?? null,
  };
}
