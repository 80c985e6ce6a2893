import pg from "pg";
import { z } from "zod";
import { config } from "@/lib/config";
import { logger } from "@/lib/log";

/*
 * Live ticket tables. A trigger announces every insert and update of an operation request on one
 * PostgreSQL channel at commit; each app instance holds one dedicated connection that LISTENs to it
 * and fans the announcements out to the open streams of that instance. Every instance hears every
 * commit, whichever instance (or job, or psql session) made it.
 */

/** The channel the `operation_request_notify` trigger sends on (migration 20261121010000). */
export const OPERATION_REQUEST_CHANNEL = "operation_request_changed";
/**
 * The channel the `business_process_notify` trigger sends on (migration 20261202040000): a process
 * created limited, or reviewed. The same payload shape; the Limited processes tickets and their badge
 * refresh on it through the same streams, so a second LISTEN connection is not needed.
 */
export const BUSINESS_PROCESS_CHANNEL = "business_process_changed";
const CHANNELS: readonly string[] = [OPERATION_REQUEST_CHANNEL, BUSINESS_PROCESS_CHANNEL];

const NotificationSchema = z.object({
  id: z.string(),
  merchantId: z.string(),
  state: z.string(),
  at: z.string(),
});

export type OperationRequestChangeEvent =
  | { type: "change"; id: string; state: string; at: string }
  /**
   * The connection to PostgreSQL came back after a drop: announcements sent in between are lost,
   * so listeners should reload whatever they show.
   */
  | { type: "resync" }
  /**
   * The feed is listening: every commit from now on will be announced. Sent once to each new
   * subscriber, so that it reloads what it rendered before it was listening (a change committed
   * between a page's render and its stream's LISTEN would otherwise be missed).
   */
  | { type: "ready" }
  /**
   * The process is stopping: end the stream now. `next start` waits for every open response before
   * it exits, and a stream never ends by itself; the browser reconnects to an instance still up.
   */
  | { type: "closing" };

export type OperationRequestChangeListener = (event: OperationRequestChangeEvent) => void;

const log = logger.child({ component: "operation-request-events" });

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

class OperationRequestChangeFeed {
  /** Listeners by merchant: an event is only ever looked up under its own merchant's id. */
  private readonly listeners = new Map<string, Set<OperationRequestChangeListener>>();
  private client: pg.Client | null = null;
  private started = false;
  private retryMs = FIRST_RETRY_MS;
  private hasListened = false;
  private listening = false;
  private stopping = false;

  subscribe(merchantId: string, listener: OperationRequestChangeListener): () => void {
    // Each subscription gets its own wrapper, so the same function subscribed twice unsubscribes once.
    const entry: OperationRequestChangeListener = (event) => listener(event);
    let set = this.listeners.get(merchantId);
    if (!set) {
      set = new Set();
      this.listeners.set(merchantId, set);
    }
    set.add(entry);
    this.start();
    // A stream that opened while the process stops must end too (after the caller has its unsubscribe).
    if (this.stopping) queueMicrotask(() => entry({ type: "closing" }));
    else if (this.listening) queueMicrotask(() => set.has(entry) && entry({ type: "ready" }));
    return () => {
      set.delete(entry);
      if (set.size === 0 && this.listeners.get(merchantId) === set)
        this.listeners.delete(merchantId);
    };
  }

  /**
   * Connects once, on the first subscriber, and stays connected: one idle connection per instance
   * is cheaper than reconnecting (and missing announcements) whenever the last tab closes.
   */
  private start(): void {
    if (this.started) return;
    const connectionString = config().databaseUrl;
    if (!connectionString)
      throw new Error("DATABASE_URL is not set; live operation-request updates need it.");
    this.started = true;
    for (const signal of ["SIGTERM", "SIGINT"] as const)
      process.once(signal, () => this.stop(signal));
    void this.connect(connectionString);
  }

  private stop(signal: NodeJS.Signals): void {
    this.stopping = true;
    this.broadcast({ type: "closing" });
    // Our listener must not swallow the signal where nothing else handles it (a script, say).
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  }

  private async connect(connectionString: string): Promise<void> {
    // keepAlive: a connection dropped without a FIN (a NAT timeout, a failover) must still end in
    // an error here, or the feed would wait forever on a dead socket.
    const client = new pg.Client({
      connectionString,
      keepAlive: true,
      application_name: "countersign-live-updates",
    });
    this.client = client;
    let failed = false;
    const fail = (error?: unknown) => {
      if (failed) return;
      failed = true;
      this.onConnectionLost(client, error, connectionString);
    };
    client.on("error", fail);
    client.on("end", () => fail());
    client.on("notification", (message) => {
      if (CHANNELS.includes(message.channel)) this.dispatch(message.payload);
    });
    try {
      await client.connect();
      for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      fail(error);
      return;
    }
    if (failed) return;
    this.retryMs = FIRST_RETRY_MS;
    const reconnected = this.hasListened;
    this.hasListened = true;
    this.listening = true;
    log.info({ reconnected }, "listening for operation request changes");
    // Subscribers that arrived while we connected were not ready yet; after a drop, all must reload.
    this.broadcast({ type: reconnected ? "resync" : "ready" });
  }

  private onConnectionLost(client: pg.Client, error: unknown, connectionString: string): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    client.removeAllListeners("notification");
    // The client is unusable either way; end() also releases its socket when it is half-open.
    client.end().catch(() => {});
    const delay = Math.round(this.retryMs * (0.75 + Math.random() * 0.5));
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    log.warn(
      { err: error, retryInMs: delay },
      "operation request change feed lost its connection; reconnecting",
    );
    // unref: a pending reconnect must not keep a finished process (a script, a test run) alive.
    setTimeout(() => void this.connect(connectionString), delay).unref();
  }

  private dispatch(payload: string | undefined): void {
    let parsed: z.infer<typeof NotificationSchema>;
    try {
      parsed = NotificationSchema.parse(JSON.parse(payload ?? ""));
    } catch (error) {
      log.warn({ err: error, payload }, "ignored a malformed operation request notification");
      return;
    }
    const { merchantId, id, state, at } = parsed;
    this.deliver(this.listeners.get(merchantId), { type: "change", id, state, at });
  }

  private broadcast(event: OperationRequestChangeEvent): void {
    for (const set of this.listeners.values()) this.deliver(set, event);
  }

  private deliver(
    set: Set<OperationRequestChangeListener> | undefined,
    event: OperationRequestChangeEvent,
  ): void {
    if (!set) return;
    // A copy: a listener may unsubscribe itself (its stream closed) while we iterate.
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (error) {
        log.error({ err: error }, "an operation request change listener failed");
      }
    }
  }
}

// One feed per process, kept on globalThis so that development reloads of this module do not open
// a second LISTEN connection.
const cache = globalThis as unknown as {
  countersignOperationRequestFeed?: OperationRequestChangeFeed;
};

/**
 * Calls `listener` for every committed change to one of `merchantId`'s operation requests, and for
 * each of its processes created limited or reviewed (and with `resync` after the feed reconnects). Returns the unsubscribe function.
 */
export function subscribeToOperationRequestChanges(
  merchantId: string,
  listener: OperationRequestChangeListener,
): () => void {
  cache.countersignOperationRequestFeed ??= new OperationRequestChangeFeed();
  return cache.countersignOperationRequestFeed.subscribe(merchantId, listener);
}
