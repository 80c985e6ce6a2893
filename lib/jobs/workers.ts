import { purgeExpiredIdempotencyKeys } from "@/lib/api/idempotency";
import { config } from "@/lib/config";
import { deliverOutboxEmail, isMailboxEnabled, sweepPendingEmails } from "@/lib/email/outbox";
import { logger } from "@/lib/log";
import {
  deliverOutboxMessage,
  hasMessageProvider,
  isMessageOutboxShown,
  sweepPendingMessages,
} from "@/lib/messaging/outbox";
import { QUEUES, startBoss, stopBoss } from "@/lib/queue/boss";
import { expireOverdueSessions } from "@/lib/services/checkout/end-checkout-session";
import { expireHolds } from "@/lib/services/ledger/decide-process";
import { expireOverdueRequests } from "@/lib/services/operation-requests/expire-overdue-requests";
import { resumeStalledExecutions } from "@/lib/services/operation-requests/resume-stalled-executions";
import { deliverDueWebhooks } from "@/lib/services/webhooks/deliver-webhook";

/**
 * The background work of one app process. pg-boss hands each job to one instance; the scheduled
 * jobs run once a minute across all instances. Because a minute is coarse for deadlines and emails,
 * each process also ticks every few seconds. Running the same work twice is harmless: every write
 * inside these functions is a conditional update (or a row lock) that only one caller wins.
 */

const EVERY_MINUTE = "* * * * *";
const TICK_MS = 5_000;
const RETRY_START_MS = 30_000;
/** How long the server's start waits for the jobs; a slow database must not hold back serving. */
const WAIT_FOR_START_MS = 10_000;
const log = logger.child({ component: "jobs" });

type OutboxJob = { id: string };

type WorkersState = { tick?: NodeJS.Timeout; ticking: boolean; registered: boolean };

// On globalThis so that a second call (a hot reload, a retry after a failed start) reuses it.
const cache = globalThis as unknown as { countersignWorkers?: WorkersState };

export function workersEnabled(): boolean {
  return config().workersEnabled;
}

/**
 * Starts the in-process tick at once (it needs only Prisma, so it works even when pg-boss cannot
 * start), then pg-boss with its workers and schedules. Safe to call again after a failure.
 */
export async function startWorkers(): Promise<void> {
  if (!workersEnabled()) {
    log.info("COUNTERSIGN_WORKERS=off: background jobs are not started in this process");
    return;
  }
  cache.countersignWorkers ??= { ticking: false, registered: false };
  const state = cache.countersignWorkers;
  if (!state.tick) {
    state.tick = setInterval(() => void tick(state), TICK_MS);
    state.tick.unref();
  }
  if (!config().resendApiKey && !isMailboxEnabled()) {
    log.warn("RESEND_API_KEY is not set: emails are kept in the outbox and not sent to anyone");
  }
  for (const channel of ["sms", "whatsapp"] as const) {
    if (!hasMessageProvider(channel) && !isMessageOutboxShown(channel))
      log.warn(
        { channel },
        "no provider is configured: these messages are kept in the outbox and not sent to anyone",
      );
  }

  const boss = await startBoss();
  if (state.registered) return;
  state.registered = true;
  try {
    await boss.work<OutboxJob>(
      QUEUES.emailDeliver.name,
      { pollingIntervalSeconds: 1 },
      async (jobs) => {
        for (const job of jobs) {
          const result = await deliverOutboxEmail(job.data.id);
          // Throwing fails the job, and pg-boss retries it later with backoff.
          if (result === "retry")
            throw new Error(`email ${job.data.id} was not delivered yet; retrying`);
        }
      },
    );
    await boss.work<OutboxJob>(
      QUEUES.messageDeliver.name,
      { pollingIntervalSeconds: 1 },
      async (jobs) => {
        for (const job of jobs) {
          const result = await deliverOutboxMessage(job.data.id);
          if (result === "retry")
            throw new Error(`message ${job.data.id} was not delivered yet; retrying`);
        }
      },
    );
    // A kick after commit says "webhooks are due"; one run delivers everything due, so a burst of
    // kicks collapses into few runs (singletonKey), and the tick is the backstop.
    await boss.work(QUEUES.webhookDeliver.name, { pollingIntervalSeconds: 1 }, async () => {
      log.debug(await deliverDueWebhooks(), "delivered due webhooks");
    });
    await every(QUEUES.webhookSweep.name, async () =>
      log.debug(await deliverDueWebhooks(), "swept due webhooks"),
    );
    await every(QUEUES.expireRequests.name, async () =>
      log.debug({ expired: await expireOverdueRequests() }, "expired overdue requests"),
    );
    await every(QUEUES.emailSweep.name, async () =>
      log.debug({ sent: await sweepPendingEmails() }, "swept pending emails"),
    );
    await every(QUEUES.messageSweep.name, async () =>
      log.debug({ sent: await sweepPendingMessages() }, "swept pending messages"),
    );
    await every(QUEUES.resumeExecutions.name, async () =>
      log.debug({ resumed: await resumeStalledExecutions() }, "resumed stalled executions"),
    );
    await every(QUEUES.expireHolds.name, async () =>
      log.debug({ expired: await expireHolds() }, "expired ledger holds"),
    );
    await every(QUEUES.expireCheckoutSessions.name, async () =>
      log.debug({ expired: await expireOverdueSessions() }, "expired checkout sessions"),
    );
    await every(QUEUES.purgeIdempotencyKeys.name, async () =>
      log.debug({ purged: await purgeExpiredIdempotencyKeys() }, "purged idempotency keys"),
    );
  } catch (error) {
    state.registered = false;
    throw error;
  }
  log.info("background jobs started");

  async function every(queue: string, handler: () => Promise<void>): Promise<void> {
    await boss.work(queue, handler);
    await boss.schedule(queue, EVERY_MINUTE);
  }
}

/** One run at a time per process: a slow run makes the next tick skip, not pile up. */
async function tick(state: WorkersState): Promise<void> {
  if (state.ticking) return;
  state.ticking = true;
  try {
    await expireOverdueRequests().catch((error: unknown) =>
      log.error({ err: error }, "tick: expiring overdue requests failed"),
    );
    await expireHolds().catch((error: unknown) =>
      log.error({ err: error }, "tick: expiring ledger holds failed"),
    );
    await expireOverdueSessions().catch((error: unknown) =>
      log.error({ err: error }, "tick: expiring checkout sessions failed"),
    );
    await sweepPendingEmails().catch((error: unknown) =>
      log.error({ err: error }, "tick: sweeping emails failed"),
    );
    await sweepPendingMessages().catch((error: unknown) =>
      log.error({ err: error }, "tick: sweeping SMS and WhatsApp messages failed"),
    );
    await deliverDueWebhooks().catch((error: unknown) =>
      log.error({ err: error }, "tick: delivering webhooks failed"),
    );
  } finally {
    state.ticking = false;
  }
}

/** Stops the tick and pg-boss (letting running jobs finish). */
export async function stopWorkers(): Promise<void> {
  const state = cache.countersignWorkers;
  cache.countersignWorkers = undefined;
  if (state?.tick) clearInterval(state.tick);
  await stopBoss();
}

/**
 * For the server process (instrumentation.ts): starts the workers, retrying in the background while
 * the database is unreachable, and stops them on SIGTERM/SIGINT, when Next.js closes the server.
 */
export async function runWorkersInThisProcess(): Promise<void> {
  let stopping = false;
  const stop = () => {
    stopping = true;
    stopWorkers().catch((error: unknown) =>
      log.error({ err: error }, "stopping background jobs failed"),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);

  const start = async (): Promise<void> => {
    if (stopping) return;
    try {
      await startWorkers();
    } catch (error) {
      if (stopping) return;
      log.error(
        { err: error },
        `background jobs did not start; retrying in ${RETRY_START_MS / 1000} s`,
      );
      setTimeout(() => void start(), RETRY_START_MS).unref();
    }
  };
  await Promise.race([
    start(),
    new Promise((resolve) => setTimeout(resolve, WAIT_FOR_START_MS).unref()),
  ]);
}
