import PgBoss from "pg-boss";
import { config } from "@/lib/config";
import { logger } from "@/lib/log";

/**
 * The process-wide pg-boss instance. Its queues live in the application's PostgreSQL (schema
 * "pgboss"), so every app instance shares them and a job is handed to exactly one worker.
 */

type QueueOptions = Omit<PgBoss.Queue, "name">;

/** Every queue the app uses, with its retry policy. Created (and brought up to date) at start. */
export const QUEUES = {
  /** One job per outbox row; the worker throws while the provider fails, so pg-boss backs off. */
  emailDeliver: {
    name: "email.deliver",
    options: { retryLimit: 8, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  },
  /** One job per message_outbox row (SMS and WhatsApp), like emails. */
  messageDeliver: {
    name: "message.deliver",
    options: { retryLimit: 8, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  },
  /** "Deliver due webhooks now", sent after a commit that wrote webhook events. */
  webhookDeliver: {
    name: "webhooks.deliver",
    options: { retryLimit: 2, retryDelay: 5, expireInSeconds: 300 },
  },
  // The scheduled queues run every minute; a failed run is simply the next minute's work.
  emailSweep: { name: "email.sweep", options: { retryLimit: 0, expireInSeconds: 300 } },
  messageSweep: { name: "message.sweep", options: { retryLimit: 0, expireInSeconds: 300 } },
  expireRequests: {
    name: "operation-requests.expire",
    options: { retryLimit: 0, expireInSeconds: 300 },
  },
  resumeExecutions: {
    name: "operation-requests.resume",
    options: { retryLimit: 0, expireInSeconds: 300 },
  },
  expireHolds: {
    name: "ledger.holds.expire",
    options: { retryLimit: 0, expireInSeconds: 300 },
  },
  expireCheckoutSessions: {
    name: "checkout.sessions.expire",
    options: { retryLimit: 0, expireInSeconds: 300 },
  },
  webhookSweep: { name: "webhooks.sweep", options: { retryLimit: 0, expireInSeconds: 300 } },
  purgeIdempotencyKeys: {
    name: "api.idempotency-keys.purge",
    options: { retryLimit: 0, expireInSeconds: 300 },
  },
} as const satisfies Record<string, { name: string; options: QueueOptions }>;

type BossState = { boss: PgBoss; ready: Promise<PgBoss>; running: boolean };

// On globalThis, not in a module variable: Next.js bundles instrumentation and route handlers
// separately, and both must see the one instance (as must hot reloads in development).
const cache = globalThis as unknown as { countersignBoss?: BossState };

/** Starts pg-boss once per process (later calls get the same instance) and creates the queues. */
export function startBoss(): Promise<PgBoss> {
  if (cache.countersignBoss) return cache.countersignBoss.ready;
  const url = config().databaseUrl;
  if (!url)
    return Promise.reject(new Error("DATABASE_URL is not set; background jobs need the database."));

  const boss = new PgBoss({
    connectionString: url,
    schema: "pgboss",
    application_name: "countersign-jobs",
    max: config().jobsPoolSize,
  });
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));

  const state: BossState = { boss, running: false, ready: Promise.resolve(boss) };
  state.ready = (async () => {
    try {
      await boss.start();
      for (const { name, options } of Object.values(QUEUES)) {
        await boss.createQueue(name, { name, ...options });
        // createQueue keeps an existing queue as it was; this applies policy changes made since.
        await boss.updateQueue(name, { name, ...options });
      }
      state.running = true;
      logger.info({ queues: Object.values(QUEUES).map((queue) => queue.name) }, "pg-boss started");
      return boss;
    } catch (error) {
      if (cache.countersignBoss === state) cache.countersignBoss = undefined;
      // Stops the timers if start() got that far; a no-op otherwise.
      await boss.stop({ graceful: false }).catch(() => {});
      throw error;
    }
  })();
  cache.countersignBoss = state;
  return state.ready;
}

/** The started instance, or null when this process runs no jobs (tests, scripts, workers off). */
export function getRunningBoss(): PgBoss | null {
  const state = cache.countersignBoss;
  return state?.running ? state.boss : null;
}

/** Stops fetching, lets active jobs finish (up to `timeoutMs`), then closes the pool. */
export async function stopBoss(timeoutMs = 10_000): Promise<void> {
  const state = cache.countersignBoss;
  if (!state) return;
  cache.countersignBoss = undefined;
  state.running = false;
  try {
    await state.ready;
  } catch {
    return; // it never started
  }
  await state.boss.stop({ graceful: true, timeout: timeoutMs });
  logger.info("pg-boss stopped");
}
