/**
 * Live sync: how long after an approval commits does a second client, connected to the real SSE
 * route (GET /api/v1/operation-requests/stream behind node:http), hear about it?
 *
 * The approval is the service's own conditional update (pending -> approved, decider and time,
 * deadline cleared, audit row) in its own transaction on a separate connection, timed from the
 * moment COMMIT returns; the gateway step then runs as the approve service would run it, and the
 * next approval waits for its `done` event. That keeps the gateway call out of the figure, which
 * timing `approveOperationRequest` as a whole could not. A second, coarser figure does time the
 * whole service call, from its start to the `approved` event.
 */
import pg from "pg";
import { actorOf } from "@/lib/auth/principal";
import { approveOperationRequest } from "@/lib/services/operation-requests/approve-operation-request";
import { executeOperationRequest } from "@/lib/services/operation-requests/execute-operation-request";
import { submitOperationRequest } from "@/lib/services/operation-requests/submit-operation-request";
import {
  createPayment,
  enableApprovals,
  principalOf,
  seedMerchant,
} from "@/tests/integration/helpers";
import { serveRoute } from "./http-server";
import { percentile } from "./stats";

export type SyncResult = {
  approvals: number;
  missed: number;
  /** From COMMIT returning to the `approved` event being read by the client. */
  p50: number;
  p95: number;
  max: number;
  /** From COMMIT being sent (so including the commit itself). */
  fromSendP95: number;
  commitP95: number;
  /** From calling approveOperationRequest to the `approved` event: an upper bound. */
  service: { approvals: number; p50: number; p95: number };
};

const APPROVALS = 100;
const SERVICE_APPROVALS = 30;
const EVENT_TIMEOUT_MS = 5000;

export async function benchmarkSync(options: {
  url: string;
  log: (message: string) => void;
}): Promise<SyncResult> {
  const { GET } = await import("@/app/api/v1/operation-requests/stream/route");
  const m = await seedMerchant(`Bench sync ${new Date().toISOString()}`);
  const checker = await enableApprovals(m);
  const maker = principalOf(m, "maker");

  const pending: string[] = [];
  for (let i = 0; i < APPROVALS + SERVICE_APPROVALS + 1; i++) {
    const payment = await createPayment(m, { amount: "20.000" });
    pending.push(
      await submitOperationRequest(maker, { transactionId: payment.id, operation: "refund" }),
    );
  }
  const probe = pending.pop()!;

  const server = await serveRoute((request) => GET(request));
  const stream = await openEventStream(
    `${server.url}/api/v1/operation-requests/stream`,
    m.users.viewer.apiKey,
  );
  const db = new pg.Client({
    connectionString: options.url,
    application_name: "countersign-bench-approver",
  });
  await db.connect();
  try {
    // The feed LISTENs asynchronously after the first subscriber: wait until a change gets through.
    await waitUntilLive(stream, db, probe);

    const latencies: number[] = [];
    const fromSend: number[] = [];
    const commits: number[] = [];
    let missed = 0;
    for (const id of pending.slice(0, APPROVALS)) {
      // Handled at once: a timeout must not surface as an unhandled rejection before we await it.
      const approved = stream.next(id, "approved").catch(() => null);
      const done = stream.next(id, "done").catch(() => null);
      await db.query("BEGIN");
      const updated = await db.query(
        `UPDATE operation_request SET state = 'approved', decided_by_id = $2, decided_at = now(), deadline_at = NULL, updated_at = now()
         WHERE id = $1 AND state = 'pending'`,
        [id, checker.userId],
      );
      if (updated.rowCount !== 1) throw new Error(`request ${id} was not pending`);
      await db.query(
        `INSERT INTO audit_event (merchant_id, actor_id, actor_type, entity, entity_id, action, from_state, to_state)
         VALUES ($1, $2, 'session', 'operation_request', $3, 'operation_requests.approved', 'pending', 'approved')`,
        [m.merchant.id, checker.userId, id],
      );
      const sent = performance.now();
      await db.query("COMMIT");
      const committed = performance.now();
      commits.push(committed - sent);
      const arrived = await approved;
      if (arrived === null) missed++;
      else {
        latencies.push(arrived - committed);
        fromSend.push(arrived - sent);
      }
      await executeOperationRequest(id, actorOf(checker));
      await done;
    }
    options.log(
      `  ${APPROVALS} approvals: commit -> event p50 ${percentile(latencies, 50).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms`,
    );

    const service: number[] = [];
    for (const id of pending.slice(APPROVALS)) {
      const approved = stream.next(id, "approved").catch(() => null);
      const done = stream.next(id, "done").catch(() => null);
      const started = performance.now();
      await approveOperationRequest(checker, id);
      const arrived = await approved;
      if (arrived === null) missed++;
      else service.push(arrived - started);
      await done;
    }
    return {
      approvals: latencies.length,
      missed,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: percentile(latencies, 100),
      fromSendP95: percentile(fromSend, 95),
      commitP95: percentile(commits, 95),
      service: {
        approvals: service.length,
        p50: percentile(service, 50),
        p95: percentile(service, 95),
      },
    };
  } finally {
    stream.close();
    await db.end();
    await server.close();
  }
}

type EventStream = {
  /** The arrival time (performance.now()) of the next change event for this request and state. */
  next: (id: string, state: string) => Promise<number>;
  close: () => void;
};

/** A minimal EventSource over fetch: parses `event:` / `data:` blocks as they arrive. */
async function openEventStream(url: string, apiKey: string): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${apiKey}`, accept: "text/event-stream" },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body)
    throw new Error(`the stream answered ${response.status}: ${await response.text()}`);
  const waiters = new Map<string, ((at: number) => void)[]>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += value;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== "change" || !data) continue;
          const { id, state } = JSON.parse(data) as { id: string; state: string };
          const key = `${id}:${state}`;
          for (const resolve of waiters.get(key) ?? []) resolve(at);
          waiters.delete(key);
        }
      }
    } catch {
      // Closed by us.
    }
  })();
  return {
    next: (id, state) =>
      new Promise<number>((resolve, reject) => {
        const key = `${id}:${state}`;
        const timer = setTimeout(
          () => reject(new Error(`no ${state} event for ${id} within ${EVENT_TIMEOUT_MS} ms`)),
          EVENT_TIMEOUT_MS,
        );
        const list = waiters.get(key) ?? [];
        list.push((at) => {
          clearTimeout(timer);
          resolve(at);
        });
        waiters.set(key, list);
      }),
    close: () => abort.abort(),
  };
}

async function waitUntilLive(stream: EventStream, db: pg.Client, probe: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const heard = stream.next(probe, "pending").then(
      () => true,
      () => false,
    );
    await db.query("UPDATE operation_request SET updated_at = now() WHERE id = $1", [probe]);
    const ok = await Promise.race([
      heard,
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 200)),
    ]);
    if (ok) return;
  }
  throw new Error("the event stream never delivered a change");
}
