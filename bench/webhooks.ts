/**
 * Webhook delivery throughput: N events to one endpoint on a local receiver, delivered by the
 * worker function itself (claim with SKIP LOCKED + lease, sign, POST, record the attempt), against
 * the raw receiver: N plain fetches of the same bodies at the same concurrency, in the same run.
 * The difference is what the outbox costs per delivery (its SQL, signing, the attempt log).
 */
import { createServer } from "node:http";
import { prisma } from "@/lib/db";
import { createWebhookEndpoint } from "@/lib/services/webhooks/create-webhook-endpoint";
import { deliverDueWebhooks } from "@/lib/services/webhooks/deliver-webhook";
import { enqueueWebhookEvent } from "@/lib/services/webhooks/enqueue-webhook-event";
import { principalOf, seedMerchant } from "@/tests/integration/helpers";

export type WebhookBenchmark = {
  events: number;
  concurrency: number;
  enqueuePerSecond: number;
  deliveredPerSecond: number;
  rawPerSecond: number;
  delivered: number;
  receivedOnce: boolean;
};

export async function benchmarkWebhooks({
  events,
  concurrency,
  log,
}: {
  events: number;
  concurrency: number;
  log: (message: string) => void;
}): Promise<WebhookBenchmark> {
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const id = String(req.headers["webhook-id"] ?? "");
      if (id) seen.set(id, (seen.get(id) ?? 0) + 1);
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hooks`;
  try {
    const m = await seedMerchant("Webhook bench");
    await createWebhookEndpoint(principalOf(m, "admin"), { url, eventTypes: [] });

    log(`[webhooks] enqueueing ${events} events (one transaction each)`);
    const enqueueStarted = performance.now();
    for (let i = 0; i < events; i++)
      await prisma.$transaction((tx) =>
        enqueueWebhookEvent(tx, {
          merchantId: m.merchant.id,
          type: "payment.paid",
          data: { id: `pay_${i}`, amount: "10.000", currency: "KWD", orderNo: `B-${i}` },
        }),
      );
    const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;

    const bodies = (
      await prisma.webhookEvent.findMany({
        where: { merchantId: m.merchant.id },
        select: { payload: true },
      })
    ).map((row) => JSON.stringify(row.payload));

    log(`[webhooks] raw receiver: ${bodies.length} plain fetches, ${concurrency} at a time`);
    const rawStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
          });
          await response.text();
        }
      }),
    );
    const rawSeconds = (performance.now() - rawStarted) / 1000;

    log(`[webhooks] delivering through deliverDueWebhooks, ${concurrency} at a time`);
    const started = performance.now();
    let delivered = 0;
    for (;;) {
      const round = await deliverDueWebhooks({ concurrency, batchSize: 100, maxAttempts: events });
      delivered += round.delivered;
      if (round.attempted === 0) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const receivedOnce = seen.size === events && [...seen.values()].every((count) => count === 1);
    return {
      events,
      concurrency,
      enqueuePerSecond: events / enqueueSeconds,
      deliveredPerSecond: delivered / seconds,
      rawPerSecond: bodies.length / rawSeconds,
      delivered,
      receivedOnce,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
