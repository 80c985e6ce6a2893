import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import {
  deliverOutboxEmail,
  kickEmailDelivery,
  MAX_ATTEMPTS,
  type OutboxEmail,
  queueEmail,
  sweepPendingEmails,
} from "@/lib/email/outbox";
import { startWorkers, stopWorkers } from "@/lib/jobs/workers";
import { getRunningBoss, QUEUES } from "@/lib/queue/boss";
import { resetDatabase, seedMerchant } from "./helpers";

/**
 * The outbox on a real PostgreSQL, delivering through the real Resend SDK to a fake Resend API on
 * loopback (the SDK reads RESEND_BASE_URL).
 */

type Received = {
  body: Record<string, unknown>;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
};

/** Answers POST /emails like Resend: { id } on success, an error body with a status otherwise. */
function startFakeResend() {
  const received: Received[] = [];
  const failures: number[] = [];
  let delayMs = 0;
  let counter = 0;
  const server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", async () => {
      if (request.method !== "POST" || request.url !== "/emails") {
        response
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ statusCode: 404, name: "not_found", message: "Not found" }));
        return;
      }
      received.push({
        body: JSON.parse(raw) as Record<string, unknown>,
        authorization: request.headers.authorization,
        idempotencyKey: request.headers["idempotency-key"] as string | undefined,
      });
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const status = failures.shift();
      if (status) {
        response.writeHead(status, { "content-type": "application/json" }).end(
          JSON.stringify({
            statusCode: status,
            name: "fake_error",
            message: `fake outage ${status}`,
          }),
        );
        return;
      }
      counter += 1;
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ id: `fake_${counter}` }));
    });
  });
  return {
    received,
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    /** The next calls answer with these statuses, one each. */
    failNext(...statuses: number[]) {
      failures.push(...statuses);
    },
    slowDown(ms: number) {
      delayMs = ms;
    },
    reset() {
      received.length = 0;
      failures.length = 0;
      delayMs = 0;
      counter = 0;
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const fake = startFakeResend();
let fakeUrl = "";
const ENV_KEYS = [
  "RESEND_API_KEY",
  "RESEND_BASE_URL",
  "EMAIL_FROM",
  "COUNTERSIGN_WORKERS",
] as const;
const savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};

let merchantId = "";

function sampleEmail(overrides: Partial<OutboxEmail> = {}): OutboxEmail {
  return {
    merchantId,
    kind: "test.email",
    to: ["customer@example.test"],
    bcc: ["maker@example.test"],
    subject: "Your refund of 12.500 KWD",
    text: "Plain text body",
    html: "<p>HTML body</p>",
    entityId: "request-1",
    ...overrides,
  };
}

async function queueCommitted(overrides: Partial<OutboxEmail> = {}): Promise<string> {
  return prisma.$transaction((tx) => queueEmail(tx, sampleEmail(overrides)));
}

async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  fakeUrl = await fake.listen();
  for (const key of ENV_KEYS) savedEnv[key] = process.env[key];
});

afterAll(async () => {
  await fake.close();
});

beforeEach(async () => {
  await resetDatabase();
  merchantId = (await seedMerchant()).merchant.id;
  fake.reset();
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = fakeUrl;
  delete process.env.EMAIL_FROM;
  delete process.env.COUNTERSIGN_WORKERS;
});

afterEach(() => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

describe("queueEmail", () => {
  it("writes nothing when the caller's transaction rolls back", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await queueEmail(tx, sampleEmail());
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    expect(await prisma.emailOutbox.count()).toBe(0);
  });

  it("stores a pending row with normalised addresses, dropping a Bcc that is also a recipient", async () => {
    const id = await queueCommitted({
      to: [" Customer@Example.test ", "customer@example.test"],
      bcc: ["CUSTOMER@example.test", "Maker@example.test"],
    });
    const row = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      status: "pending",
      attempts: 0,
      to: ["customer@example.test"],
      bcc: ["maker@example.test"],
      merchantId,
      kind: "test.email",
      entityId: "request-1",
    });
  });

  it("refuses an email without recipients", async () => {
    await expect(queueCommitted({ to: [] })).rejects.toThrow(/recipient/);
    await expect(queueCommitted({ to: ["  "] })).rejects.toThrow(/recipient/);
    expect(await prisma.emailOutbox.count()).toBe(0);
  });
});

describe("deliverOutboxEmail through Resend", () => {
  it("sends from, to, bcc, subject, text and html, and records the provider's id", async () => {
    const id = await queueCommitted();
    expect(await deliverOutboxEmail(id)).toBe("sent");

    expect(fake.received).toHaveLength(1);
    const [request] = fake.received;
    expect(request.body).toMatchObject({
      from: "Countersign <notifications@countersign.local>",
      to: ["customer@example.test"],
      bcc: ["maker@example.test"],
      subject: "Your refund of 12.500 KWD",
      text: "Plain text body",
      html: "<p>HTML body</p>",
    });
    expect(request.authorization).toBe("Bearer re_test_key");
    expect(request.idempotencyKey).toBe(`email-outbox/${id}`);

    const row = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      status: "sent",
      providerId: "fake_1",
      attempts: 1,
      lastError: null,
    });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it("uses EMAIL_FROM as the sender and leaves Bcc out when there is none", async () => {
    process.env.EMAIL_FROM = "Payments <payments@merchant.example>";
    const id = await queueCommitted({ bcc: [] });
    expect(await deliverOutboxEmail(id)).toBe("sent");
    expect(fake.received[0].body.from).toBe("Payments <payments@merchant.example>");
    expect(fake.received[0].body.bcc).toBeUndefined();
  });

  it("keeps the email pending after a provider error and sends it on the next try", async () => {
    const id = await queueCommitted();
    fake.failNext(500);
    expect(await deliverOutboxEmail(id)).toBe("retry");
    const failed = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(failed).toMatchObject({
      status: "pending",
      attempts: 1,
      providerId: null,
      sentAt: null,
    });
    expect(failed.lastError).toContain("fake outage 500");

    expect(await deliverOutboxEmail(id)).toBe("sent");
    const sent = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(sent).toMatchObject({ status: "sent", attempts: 2, providerId: "fake_1" });
    // Both attempts carried the same key, so Resend itself would never send the email twice.
    expect(fake.received.map((request) => request.idempotencyKey)).toEqual([
      `email-outbox/${id}`,
      `email-outbox/${id}`,
    ]);
  });

  it("keeps the email pending when the provider cannot be reached", async () => {
    process.env.RESEND_BASE_URL = "http://127.0.0.1:1";
    const id = await queueCommitted();
    expect(await deliverOutboxEmail(id)).toBe("retry");
    expect(await prisma.emailOutbox.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "pending",
      attempts: 1,
    });
  });

  it("gives up after the last attempt", async () => {
    const id = await queueCommitted();
    await prisma.emailOutbox.update({ where: { id }, data: { attempts: MAX_ATTEMPTS - 1 } });
    fake.failNext(503);
    expect(await deliverOutboxEmail(id)).toBe("failed");
    expect(await prisma.emailOutbox.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "failed",
      attempts: MAX_ATTEMPTS,
    });
    expect(await deliverOutboxEmail(id)).toBe("skipped");
    expect(fake.received).toHaveLength(1);
  });

  it("gives up at once when the provider refuses the email itself", async () => {
    const id = await queueCommitted();
    fake.failNext(422);
    expect(await deliverOutboxEmail(id)).toBe("failed");
    expect(await prisma.emailOutbox.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "failed",
      attempts: 1,
    });
  });

  it("sends an email once when several workers deliver it at the same moment", async () => {
    const id = await queueCommitted();
    fake.slowDown(300);
    const results = await Promise.all(Array.from({ length: 5 }, () => deliverOutboxEmail(id)));
    expect(results.filter((result) => result === "sent")).toHaveLength(1);
    expect(results.filter((result) => result === "skipped")).toHaveLength(4);
    expect(fake.received).toHaveLength(1);
  });

  it("skips rows that are already sent, and ids that do not exist", async () => {
    const id = await queueCommitted();
    expect(await deliverOutboxEmail(id)).toBe("sent");
    expect(await deliverOutboxEmail(id)).toBe("skipped");
    expect(await deliverOutboxEmail("00000000-0000-0000-0000-000000000000")).toBe("skipped");
    expect(await deliverOutboxEmail("not-a-uuid")).toBe("skipped");
    expect(fake.received).toHaveLength(1);
  });
});

describe("deliverOutboxEmail without RESEND_API_KEY", () => {
  it("keeps the email in the local mailbox: sent, with provider 'mailbox', nothing leaves", async () => {
    delete process.env.RESEND_API_KEY;
    const id = await queueCommitted();
    expect(await deliverOutboxEmail(id)).toBe("sent");
    expect(await prisma.emailOutbox.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "sent",
      providerId: "mailbox",
      attempts: 1,
    });
    expect(fake.received).toHaveLength(0);
  });
});

describe("sweepPendingEmails", () => {
  async function age(id: string, seconds: number, attempts = 0) {
    await prisma.emailOutbox.update({
      where: { id },
      data: { createdAt: new Date(Date.now() - seconds * 1000), attempts },
    });
  }

  it("delivers pending rows whose kick was lost, oldest first, and leaves fresh or backing-off rows", async () => {
    const newer = await queueCommitted({ subject: "newer" });
    const older = await queueCommitted({ subject: "older" });
    await queueCommitted({ subject: "fresh" });
    const backingOff = await queueCommitted({ subject: "backing off" });
    const done = await queueCommitted({ subject: "done" });
    await age(newer, 30);
    await age(older, 60);
    // After 3 failures a row waits 5 s x 2^3 = 40 s from its creation before the sweeper retries it.
    await age(backingOff, 20, 3);
    await age(done, 90);
    await prisma.emailOutbox.update({
      where: { id: done },
      data: { status: "sent", providerId: "earlier" },
    });

    expect(await sweepPendingEmails()).toBe(2);
    expect(fake.received.map((request) => request.body.subject)).toEqual(["older", "newer"]);
    const statuses = Object.fromEntries(
      (await prisma.emailOutbox.findMany()).map((row) => [row.subject, row.status]),
    );
    expect(statuses).toEqual({
      older: "sent",
      newer: "sent",
      fresh: "pending",
      "backing off": "pending",
      done: "sent",
    });
  });

  it("honours the limit and counts only emails it sent", async () => {
    for (const subject of ["a", "b", "c"]) await age(await queueCommitted({ subject }), 60);
    fake.failNext(500);
    expect(await sweepPendingEmails(2)).toBe(1);
    expect(fake.received).toHaveLength(2);
    expect(await prisma.emailOutbox.count({ where: { status: "pending" } })).toBe(2);
  });
});

describe("background jobs (pg-boss)", () => {
  it("kickEmailDelivery does nothing, and does not throw, when no job queue runs in this process", async () => {
    expect(getRunningBoss()).toBeNull();
    const id = await queueCommitted();
    expect(() => kickEmailDelivery([id])).not.toThrow();
    expect(await prisma.emailOutbox.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "pending",
    });
  });

  it("starts nothing when COUNTERSIGN_WORKERS=off", async () => {
    process.env.COUNTERSIGN_WORKERS = "off";
    await startWorkers();
    expect(getRunningBoss()).toBeNull();
  });

  it("delivers a kicked email through the email.deliver worker, and schedules the minute jobs", async () => {
    try {
      await startWorkers();
      const boss = getRunningBoss();
      expect(boss).not.toBeNull();
      const schedules = (await boss!.getSchedules()).map((schedule) => schedule.name);
      expect(schedules).toEqual(
        expect.arrayContaining([
          QUEUES.expireRequests.name,
          QUEUES.emailSweep.name,
          QUEUES.resumeExecutions.name,
        ]),
      );

      const id = await queueCommitted({ subject: "kicked" });
      kickEmailDelivery([id]);
      const row = await waitFor(async () => {
        const current = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
        return current.status === "sent" ? current : null;
      }, 15_000);
      expect(row.providerId).toBe("fake_1");
      expect(fake.received.map((request) => request.body.subject)).toEqual(["kicked"]);
      const jobs = await prisma.$queryRaw<{ state: string }[]>`
        SELECT state::text FROM pgboss.job WHERE name = ${QUEUES.emailDeliver.name} AND data->>'id' = ${id}`;
      expect(jobs).toEqual([{ state: "completed" }]);
    } finally {
      await stopWorkers();
    }
    expect(getRunningBoss()).toBeNull();
  });

  it("hands a failed delivery back to pg-boss for a later retry", async () => {
    try {
      await startWorkers();
      fake.failNext(500);
      const id = await queueCommitted({ subject: "retried" });
      kickEmailDelivery([id]);
      const job = await waitFor(async () => {
        const [current] = await prisma.$queryRaw<{ state: string; retry_count: number }[]>`
          SELECT state::text, retry_count FROM pgboss.job WHERE name = ${QUEUES.emailDeliver.name} AND data->>'id' = ${id}`;
        return current?.state === "retry" ? current : null;
      }, 15_000);
      expect(job.retry_count).toBe(0);
      expect(await prisma.emailOutbox.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: "pending",
        attempts: 1,
      });
    } finally {
      await stopWorkers();
    }
  });
});
