import { Resend } from "resend";
import { config } from "@/lib/config";
import { prisma, type Tx } from "@/lib/db";
import { logger } from "@/lib/log";
import { getRunningBoss, QUEUES } from "@/lib/queue/boss";
import { isUuid } from "@/lib/validation/ids";

/**
 * The email outbox. A service writes the email in the same transaction as the change it announces
 * (`queueEmail`), so a rolled-back change sends nothing and a committed one is never lost. After the
 * commit it nudges the worker (`kickEmailDelivery`); the worker, or the sweeper when a nudge was lost,
 * delivers each row once (`deliverOutboxEmail`). A failing mail service only delays emails.
 */

export type OutboxEmail = {
  merchantId: string | null;
  /** What the email is about, for filtering and logs: "operation_request.rejected", ... */
  kind: string;
  to: string[];
  bcc?: string[];
  subject: string;
  text: string;
  html: string;
  /** The request or entity the email is about. */
  entityId?: string;
};

export type DeliveryResult = "sent" | "retry" | "failed" | "skipped";

/** After this many failed attempts an email is marked failed and left for a person to look at. */
export const MAX_ATTEMPTS = 8;
/** The sweeper leaves a new row this long to the worker the service kicked. */
const SWEEP_MIN_AGE_SECONDS = 5;
const SEND_TIMEOUT_MS = 15_000;
const MAX_ERROR_LENGTH = 1000;
const DEFAULT_FROM = "Countersign <notifications@countersign.local>";

/**
 * Where emails go: Resend when RESEND_API_KEY is set; otherwise they stay in the outbox as the local
 * mailbox. Read on every call so that tests (and operators) can switch it without a restart.
 */
function resendApiKey(): string | null {
  return config().resendApiKey ?? null;
}

/**
 * /dev/mailbox shows stored emails when nothing really sends them, but never in a real production
 * deployment (only in development, tests, or a production build running as the sandbox demo).
 */
export function isMailboxEnabled(): boolean {
  return !resendApiKey() && (config().nodeEnv !== "production" || config().sandboxMode);
}

/** Addresses are compared case-insensitively everywhere (as users' emails are), so store them so. */
function normalizeAddresses(addresses: readonly string[]): string[] {
  return [
    ...new Set(
      addresses.map((address) => address.trim().toLowerCase()).filter((address) => address !== ""),
    ),
  ];
}

/**
 * Writes a pending email in the caller's transaction and returns its id; pass the ids to
 * `kickEmailDelivery` after the commit. A Bcc that is also a recipient is dropped (one copy is enough).
 */
export async function queueEmail(tx: Tx, email: OutboxEmail): Promise<string> {
  const to = normalizeAddresses(email.to);
  if (to.length === 0)
    throw new Error(`queueEmail(${email.kind}): an email needs at least one recipient.`);
  const bcc = normalizeAddresses(email.bcc ?? []).filter((address) => !to.includes(address));
  const row = await tx.emailOutbox.create({
    data: {
      merchantId: email.merchantId,
      kind: email.kind,
      to,
      bcc,
      subject: email.subject,
      text: email.text,
      html: email.html,
      entityId: email.entityId ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * After commit: asks the background worker to deliver these emails now. Fire-and-forget and never
 * throws; without a running job queue in this process (tests, scripts) it does nothing and the
 * sweeper delivers the rows a few seconds later.
 */
export function kickEmailDelivery(ids: string[]): void {
  const boss = getRunningBoss();
  if (!boss) return;
  for (const id of ids) {
    try {
      boss
        .send(QUEUES.emailDeliver.name, { id })
        .catch((error: unknown) =>
          logger.warn(
            { err: error, emailId: id },
            "email: could not enqueue delivery; the sweeper will send it",
          ),
        );
    } catch (error) {
      logger.warn(
        { err: error, emailId: id },
        "email: could not enqueue delivery; the sweeper will send it",
      );
    }
  }
}

type ClaimedEmail = {
  id: string;
  to: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string;
  attempts: number;
};

type SendOutcome =
  | { ok: true; providerId: string }
  | { ok: false; error: string; permanent: boolean };

/**
 * Delivers one outbox row if it is still pending and nobody else is delivering it.
 *
 * The row stays locked (FOR UPDATE SKIP LOCKED) for the whole attempt, so a second worker skips it
 * instead of sending it again; the lock dies with the connection if the process does. Should the
 * process die after the provider accepted the email but before the commit, the retry carries the
 * same idempotency key and Resend does not send it twice.
 *
 * Returns "sent", "retry" (failed; pending again with attempts + 1), "failed" (gave up) or "skipped"
 * (not pending, unknown, or being delivered by another worker).
 */
export async function deliverOutboxEmail(id: string): Promise<DeliveryResult> {
  if (!isUuid(id)) return "skipped";
  const log = logger.child({ emailId: id });
  return prisma.$transaction(
    async (tx) => {
      const [email] = await tx.$queryRaw<ClaimedEmail[]>`
        SELECT id::text, "to", bcc, subject, text, html, attempts
        FROM email_outbox
        WHERE id = ${id}::uuid AND status = 'pending'
        FOR UPDATE SKIP LOCKED`;
      if (!email) return "skipped";

      const outcome = await send(email);
      const attempts = email.attempts + 1;
      if (outcome.ok) {
        await tx.emailOutbox.update({
          where: { id },
          data: { status: "sent", attempts, providerId: outcome.providerId, sentAt: new Date() },
        });
        log.info({ providerId: outcome.providerId, attempts }, "email sent");
        return "sent";
      }
      const giveUp = outcome.permanent || attempts >= MAX_ATTEMPTS;
      await tx.emailOutbox.update({
        where: { id },
        data: {
          status: giveUp ? "failed" : "pending",
          attempts,
          lastError: outcome.error.slice(0, MAX_ERROR_LENGTH),
        },
      });
      if (giveUp) log.error({ attempts, error: outcome.error }, "email failed; giving up");
      else log.warn({ attempts, error: outcome.error }, "email failed; will retry");
      return giveUp ? "failed" : "retry";
    },
    // The transaction spans the provider call, so it may last as long as that call's timeout.
    { maxWait: 10_000, timeout: SEND_TIMEOUT_MS + 10_000 },
  );
}

/** Validation errors about the email itself; retrying the same request cannot succeed. */
const PERMANENT_STATUS = new Set([400, 422]);

async function send(email: ClaimedEmail): Promise<SendOutcome> {
  const apiKey = resendApiKey();
  if (!apiKey) return { ok: true, providerId: "mailbox" };
  try {
    const { data, error } = await new Resend(apiKey).emails.send(
      {
        from: config().emailFrom ?? DEFAULT_FROM,
        to: email.to,
        ...(email.bcc.length > 0 ? { bcc: email.bcc } : {}),
        subject: email.subject,
        text: email.text,
        html: email.html,
      },
      { idempotencyKey: `email-outbox/${email.id}`, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
    );
    if (error) {
      const status = error.statusCode ?? null;
      return {
        ok: false,
        error: `${error.name}${status ? ` (${status})` : ""}: ${error.message}`,
        permanent: status !== null && PERMANENT_STATUS.has(status),
      };
    }
    if (!data?.id)
      return {
        ok: false,
        error: "Resend accepted the request but returned no email id",
        permanent: false,
      };
    return { ok: true, providerId: data.id };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      permanent: false,
    };
  }
}

/**
 * Backstop for lost kicks and restarts: delivers pending rows, oldest first. A row becomes due
 * SWEEP_MIN_AGE_SECONDS after it was written and, after each failure, waits twice as long again
 * (5 s, 10 s, 20 s, ... since it was written), so a provider outage is not hammered every tick.
 * Returns how many emails it sent.
 */
export async function sweepPendingEmails(limit = 100): Promise<number> {
  const due = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM email_outbox
    WHERE status = 'pending'
      AND created_at < now() - make_interval(secs => ${SWEEP_MIN_AGE_SECONDS} * power(2, least(attempts, 16)))
    ORDER BY created_at, id
    LIMIT ${limit}`;
  let sent = 0;
  for (const { id } of due) {
    try {
      if ((await deliverOutboxEmail(id)) === "sent") sent += 1;
    } catch (error) {
      logger.error({ err: error, emailId: id }, "email sweep: delivery threw");
    }
  }
  return sent;
}
