import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { paymentLinkSms } from "@/lib/domain/messaging/payment-link";
import { AppError } from "@/lib/errors";
import { startWorkers, stopWorkers } from "@/lib/jobs/workers";
import {
  deliverOutboxMessage,
  isMessageOutboxShown,
  kickMessageDelivery,
  MAX_MESSAGE_ATTEMPTS,
  type OutboxMessage,
  queueMessage,
  sweepPendingMessages,
} from "@/lib/messaging/outbox";
import { listOutboxMessages } from "@/lib/queries/messaging/list-outbox-messages";
import { getRunningBoss, QUEUES } from "@/lib/queue/boss";
import { resetDatabase, seedMerchant } from "./helpers";

/**
 * The SMS and WhatsApp outbox on a real PostgreSQL, delivering over real HTTP to a fake SMS
 * provider (the README's contract) and a fake WhatsApp Cloud API, both node:http on loopback.
 */

type Received = {
  method: string;
  path: string;
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
};

type Answer = { status: number; body: unknown };

/** A loopback HTTP server that records each request and answers from a queue, else `success`. */
function startFakeProvider(success: (counter: number) => unknown) {
  const received: Received[] = [];
  const answers: Answer[] = [];
  let delayMs = 0;
  let counter = 0;
  const server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", async () => {
      received.push({
        method: request.method ?? "",
        path: request.url ?? "",
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
        headers: request.headers,
      });
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const answer = answers.shift() ?? { status: 200, body: success(++counter) };
      response
        .writeHead(answer.status, { "content-type": "application/json" })
        .end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
    });
  });
  return {
    received,
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    answerNext(...next: Answer[]) {
      answers.push(...next);
    },
    slowDown(ms: number) {
      delayMs = ms;
    },
    reset() {
      received.length = 0;
      answers.length = 0;
      delayMs = 0;
      counter = 0;
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const sms = startFakeProvider((n) => ({ id: `sms_${n}` }));
const whatsapp = startFakeProvider((n) => ({
  messaging_product: "whatsapp",
  contacts: [{ input: "+96550001234", wa_id: "96550001234" }],
  messages: [{ id: `wamid.fake${n}` }],
}));
let smsUrl = "";
let whatsappUrl = "";

const ENV_KEYS = [
  "SMS_PROVIDER_URL",
  "SMS_PROVIDER_TOKEN",
  "WHATSAPP_API_URL",
  "WHATSAPP_API_TOKEN",
  "WHATSAPP_PHONE_NUMBER_ID",
  "COUNTERSIGN_WORKERS",
  "NODE_ENV",
  "SANDBOX_MODE",
] as const;
const savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};

let merchantId = "";
const TEXT = paymentLinkSms({
  merchantName: "Souq Ltd",
  amount: "12.500",
  currency: "KWD",
  url: "https://pay.example.test/checkout/abc",
  language: "en",
});

function sample(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    merchantId,
    channel: "sms",
    to: "+96550001234",
    text: TEXT,
    kind: "payment_link.created",
    entityId: "session-1",
    ...overrides,
  };
}

function queueCommitted(overrides: Partial<OutboxMessage> = {}): Promise<string> {
  return prisma.$transaction((tx) => queueMessage(tx, sample(overrides)));
}

function row(id: string) {
  return prisma.messageOutbox.findUniqueOrThrow({ where: { id } });
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
  smsUrl = await sms.listen();
  whatsappUrl = await whatsapp.listen();
  for (const key of ENV_KEYS) savedEnv[key] = process.env[key];
});

afterAll(async () => {
  await sms.close();
  await whatsapp.close();
});

beforeEach(async () => {
  await resetDatabase();
  merchantId = (await seedMerchant()).merchant.id;
  sms.reset();
  whatsapp.reset();
  process.env.SMS_PROVIDER_URL = `${smsUrl}/v1/sms`;
  process.env.SMS_PROVIDER_TOKEN = "sms_test_token";
  process.env.WHATSAPP_API_URL = `${whatsappUrl}/v21.0`;
  process.env.WHATSAPP_API_TOKEN = "EAAtest";
  process.env.WHATSAPP_PHONE_NUMBER_ID = "106540352242922";
  delete process.env.COUNTERSIGN_WORKERS;
});

/** process.env with NODE_ENV writable (Next.js types it read-only). */
const env = process.env as Record<string, string | undefined>;

afterEach(() => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete env[key];
    else env[key] = savedEnv[key];
  }
});

describe("queueMessage", () => {
  it("writes nothing, and so sends nothing, when the caller's transaction rolls back", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await queueMessage(tx, sample());
        await queueMessage(tx, sample({ channel: "whatsapp" }));
        throw new Error("the payment link was not created");
      }),
    ).rejects.toThrow("the payment link was not created");
    expect(await prisma.messageOutbox.count()).toBe(0);
    // Even a sweep with every row due finds nothing to send.
    expect(await sweepPendingMessages()).toBe(0);
    expect(sms.received).toHaveLength(0);
    expect(whatsapp.received).toHaveLength(0);
  });

  it("stores a pending row with the E.164 number, channel, kind and entity", async () => {
    const id = await queueCommitted({ channel: "whatsapp" });
    expect(await row(id)).toMatchObject({
      merchantId,
      channel: "whatsapp",
      toE164: "+96550001234",
      text: TEXT,
      kind: "payment_link.created",
      entityId: "session-1",
      status: "pending",
      attempts: 0,
      providerId: null,
      sentAt: null,
    });
  });

  it.each(["96550001234", "+965 5000 1234", "+0123456789", "+965", "", "+96550001234\u0000"])(
    "refuses %j as a validation error before the database sees it",
    async (to) => {
      const error = await queueCommitted({ to }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "validation_error" });
      expect(await prisma.messageOutbox.count()).toBe(0);
    },
  );

  it("refuses an empty or oversized text", async () => {
    for (const text of ["", "   ", "x".repeat(4097)])
      await expect(queueCommitted({ text })).rejects.toMatchObject({ code: "validation_error" });
    expect(await prisma.messageOutbox.count()).toBe(0);
  });
});

describe("the database refuses what must never be stored", () => {
  function insert(data: Partial<Parameters<typeof prisma.messageOutbox.create>[0]["data"]>) {
    return prisma.messageOutbox.create({
      data: {
        merchantId,
        channel: "sms",
        toE164: "+96550001234",
        text: "hello",
        kind: "test",
        ...data,
      } as Parameters<typeof prisma.messageOutbox.create>[0]["data"],
    });
  }

  it.each([
    "96550001234",
    "+965 5000 1234",
    "+0123456789",
    "+96512",
    "+1234567890123456",
    "+9655000123a",
    "+96550001234\n",
    "",
  ])("a bad E.164 (%j) is refused by the CHECK message_outbox_to_e164", async (toE164) => {
    await expect(insert({ toE164 })).rejects.toThrow(/message_outbox_to_e164/);
    expect(await prisma.messageOutbox.count()).toBe(0);
  });

  it("refuses an empty text, an empty kind, negative attempts, and a sent row without its time or provider id", async () => {
    await expect(insert({ text: "" })).rejects.toThrow(/message_outbox_text_length/);
    await expect(insert({ text: "x".repeat(4097) })).rejects.toThrow(/message_outbox_text_length/);
    await expect(insert({ kind: "" })).rejects.toThrow(/message_outbox_kind_present/);
    await expect(insert({ attempts: -1 })).rejects.toThrow(/message_outbox_attempts_range/);
    await expect(insert({ status: "sent", providerId: "x" })).rejects.toThrow(
      /message_outbox_sent_when/,
    );
    await expect(insert({ status: "sent", sentAt: new Date() })).rejects.toThrow(
      /message_outbox_sent_has_provider_id/,
    );
    await expect(insert({ sentAt: new Date() })).rejects.toThrow(/message_outbox_sent_when/);
    await expect(insert({ merchantId: "00000000-0000-0000-0000-000000000000" })).rejects.toThrow();
    expect(await prisma.messageOutbox.count()).toBe(0);
    // The shortest and longest E.164 numbers are fine.
    await insert({ toE164: "+1234567" });
    await insert({ toE164: "+123456789012345" });
    expect(await prisma.messageOutbox.count()).toBe(2);
  });
});

describe("SMS through the HTTP provider", () => {
  it("posts { to, text } with the token and an idempotency key, and records the provider's id", async () => {
    const id = await queueCommitted();
    expect(await deliverOutboxMessage(id)).toBe("sent");

    expect(sms.received).toHaveLength(1);
    const [request] = sms.received;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/sms");
    expect(request.body).toEqual({ to: "+96550001234", text: TEXT });
    expect(request.headers.authorization).toBe("Bearer sms_test_token");
    expect(request.headers["idempotency-key"]).toBe(`message-outbox/${id}`);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(whatsapp.received).toHaveLength(0);

    const sent = await row(id);
    expect(sent).toMatchObject({
      status: "sent",
      providerId: "sms_1",
      attempts: 1,
      lastError: null,
    });
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it("sends no Authorization header when no token is set", async () => {
    delete process.env.SMS_PROVIDER_TOKEN;
    expect(await deliverOutboxMessage(await queueCommitted())).toBe("sent");
    expect(sms.received[0].headers.authorization).toBeUndefined();
  });

  it("retries after a 5xx with the same idempotency key, then records the id", async () => {
    const id = await queueCommitted();
    sms.answerNext({ status: 503, body: { error: "maintenance" } });
    expect(await deliverOutboxMessage(id)).toBe("retry");
    const failed = await row(id);
    expect(failed).toMatchObject({
      status: "pending",
      attempts: 1,
      providerId: null,
      sentAt: null,
    });
    expect(failed.lastError).toBe('SMS provider: HTTP 503: {"error":"maintenance"}');

    expect(await deliverOutboxMessage(id)).toBe("sent");
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, providerId: "sms_1" });
    expect(sms.received.map((r) => r.headers["idempotency-key"])).toEqual([
      `message-outbox/${id}`,
      `message-outbox/${id}`,
    ]);
  });

  it("retries when the provider accepts without an id, or cannot be reached", async () => {
    const id = await queueCommitted();
    sms.answerNext({ status: 200, body: { ok: true } }, { status: 200, body: "not json" });
    expect(await deliverOutboxMessage(id)).toBe("retry");
    expect(await deliverOutboxMessage(id)).toBe("retry");
    expect((await row(id)).lastError).toContain("returned no message id");

    process.env.SMS_PROVIDER_URL = "http://127.0.0.1:1/sms";
    expect(await deliverOutboxMessage(id)).toBe("retry");
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 3 });
  });

  it("gives up at once when the provider refuses the message itself (422)", async () => {
    const id = await queueCommitted();
    sms.answerNext({ status: 422, body: { error: "unreachable number" } });
    expect(await deliverOutboxMessage(id)).toBe("failed");
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 1 });
    expect(await deliverOutboxMessage(id)).toBe("skipped");
    expect(sms.received).toHaveLength(1);
  });

  it("gives up after the last attempt", async () => {
    const id = await queueCommitted();
    await prisma.messageOutbox.update({
      where: { id },
      data: { attempts: MAX_MESSAGE_ATTEMPTS - 1 },
    });
    sms.answerNext({ status: 500, body: {} });
    expect(await deliverOutboxMessage(id)).toBe("failed");
    expect(await row(id)).toMatchObject({ status: "failed", attempts: MAX_MESSAGE_ATTEMPTS });
  });

  it("sends a message once when several workers deliver it at the same moment", async () => {
    const id = await queueCommitted();
    sms.slowDown(300);
    const results = await Promise.all(Array.from({ length: 5 }, () => deliverOutboxMessage(id)));
    expect(results.filter((result) => result === "sent")).toHaveLength(1);
    expect(results.filter((result) => result === "skipped")).toHaveLength(4);
    expect(sms.received).toHaveLength(1);
  });

  it("skips sent rows and ids that do not exist", async () => {
    const id = await queueCommitted();
    expect(await deliverOutboxMessage(id)).toBe("sent");
    expect(await deliverOutboxMessage(id)).toBe("skipped");
    expect(await deliverOutboxMessage("00000000-0000-0000-0000-000000000000")).toBe("skipped");
    expect(await deliverOutboxMessage("not-a-uuid")).toBe("skipped");
    expect(sms.received).toHaveLength(1);
  });
});

describe("WhatsApp through the Cloud API", () => {
  it("posts a text message to /{phone-number-id}/messages and records the wamid", async () => {
    const id = await queueCommitted({ channel: "whatsapp", to: "+971501234567" });
    expect(await deliverOutboxMessage(id)).toBe("sent");

    expect(whatsapp.received).toHaveLength(1);
    const [request] = whatsapp.received;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v21.0/106540352242922/messages");
    expect(request.headers.authorization).toBe("Bearer EAAtest");
    expect(request.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "+971501234567",
      type: "text",
      text: { preview_url: true, body: TEXT },
    });
    expect(sms.received).toHaveLength(0);
    expect(await row(id)).toMatchObject({
      status: "sent",
      providerId: "wamid.fake1",
      attempts: 1,
    });
  });

  it("retries on 5xx (keeping Meta's error), then records the wamid", async () => {
    const id = await queueCommitted({ channel: "whatsapp" });
    whatsapp.answerNext({
      status: 500,
      body: { error: { message: "Service temporarily unavailable", code: 2, fbtrace_id: "A" } },
    });
    expect(await deliverOutboxMessage(id)).toBe("retry");
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "pending", attempts: 1 });
    expect(failed.lastError).toContain("WhatsApp: HTTP 500");
    expect(failed.lastError).toContain("Service temporarily unavailable");

    expect(await deliverOutboxMessage(id)).toBe("sent");
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, providerId: "wamid.fake1" });
    expect(whatsapp.received).toHaveLength(2);
  });

  it("gives up on a 400 (outside the 24-hour window, bad number), and retries an answer without a message id", async () => {
    const refused = await queueCommitted({ channel: "whatsapp" });
    whatsapp.answerNext({
      status: 400,
      body: { error: { message: "Re-engagement message", code: 131047 } },
    });
    expect(await deliverOutboxMessage(refused)).toBe("failed");
    expect((await row(refused)).lastError).toContain("131047");

    const empty = await queueCommitted({ channel: "whatsapp" });
    whatsapp.answerNext({ status: 200, body: { messaging_product: "whatsapp", messages: [] } });
    expect(await deliverOutboxMessage(empty)).toBe("retry");
  });
});

describe("without providers: the sandbox outbox", () => {
  it("keeps SMS and WhatsApp messages: sent, with provider 'mailbox', nothing leaves", async () => {
    for (const key of ENV_KEYS.slice(0, 5)) delete process.env[key];
    const text = await queueCommitted();
    const chat = await queueCommitted({ channel: "whatsapp" });
    expect(await deliverOutboxMessage(text)).toBe("sent");
    expect(await deliverOutboxMessage(chat)).toBe("sent");
    for (const id of [text, chat])
      expect(await row(id)).toMatchObject({ status: "sent", providerId: "mailbox", attempts: 1 });
    expect(sms.received).toHaveLength(0);
    expect(whatsapp.received).toHaveLength(0);
  });

  it("shows a channel's outbox only where nothing sends it, and never in real production", () => {
    env.NODE_ENV = "test";
    expect(isMessageOutboxShown("sms")).toBe(false);
    delete process.env.SMS_PROVIDER_URL;
    expect(isMessageOutboxShown("sms")).toBe(true);
    expect(isMessageOutboxShown("whatsapp")).toBe(false);
    env.NODE_ENV = "production";
    process.env.SANDBOX_MODE = "false";
    expect(isMessageOutboxShown("sms")).toBe(false);
    process.env.SANDBOX_MODE = "true";
    expect(isMessageOutboxShown("sms")).toBe(true);
  });

  it("lists a merchant's messages per channel, newest first, filtered by digits, with wa.me links", async () => {
    const other = (await seedMerchant()).merchant.id;
    const first = await queueCommitted({ to: "+96550001234" });
    await prisma.messageOutbox.update({
      where: { id: first },
      data: { createdAt: new Date(Date.now() - 60_000) },
    });
    const second = await queueCommitted({ to: "+971501234567" });
    const chat = await queueCommitted({
      channel: "whatsapp",
      to: "+96550001234",
      text: "Hi & bye",
    });
    await queueCommitted({ merchantId: other });

    const list = await listOutboxMessages(merchantId, "sms");
    expect(list.map((message) => message.id)).toEqual([second, first]);
    expect(list.every((message) => message.waLink === null)).toBe(true);
    expect((await listOutboxMessages(merchantId, "sms", { to: "5000" })).map((m) => m.id)).toEqual([
      first,
    ]);
    const [whatsappRow] = await listOutboxMessages(merchantId, "whatsapp");
    expect(whatsappRow.id).toBe(chat);
    expect(whatsappRow.waLink).toBe("https://wa.me/96550001234?text=Hi%20%26%20bye");
    expect(await listOutboxMessages(other, "whatsapp")).toEqual([]);
  });
});

describe("sweepPendingMessages", () => {
  async function age(id: string, seconds: number, attempts = 0) {
    await prisma.messageOutbox.update({
      where: { id },
      data: { createdAt: new Date(Date.now() - seconds * 1000), attempts },
    });
  }

  it("delivers due rows oldest first, and leaves fresh or backing-off rows", async () => {
    const newer = await queueCommitted({ text: "newer" });
    const older = await queueCommitted({ text: "older", channel: "whatsapp" });
    const fresh = await queueCommitted({ text: "fresh" });
    const backingOff = await queueCommitted({ text: "backing off" });
    await age(newer, 30);
    await age(older, 60);
    await age(backingOff, 20, 3);

    expect(await sweepPendingMessages()).toBe(2);
    expect(whatsapp.received.map((r) => (r.body.text as { body: string }).body)).toEqual(["older"]);
    expect(sms.received.map((r) => r.body.text)).toEqual(["newer"]);
    expect((await row(fresh)).status).toBe("pending");
    expect((await row(backingOff)).status).toBe("pending");
  });
});

describe("background jobs (pg-boss)", () => {
  it("kickMessageDelivery does nothing, and does not throw, without a job queue", async () => {
    expect(getRunningBoss()).toBeNull();
    const id = await queueCommitted();
    expect(() => kickMessageDelivery([id])).not.toThrow();
    expect((await row(id)).status).toBe("pending");
  });

  it("delivers a kicked message through the message.deliver worker, and schedules the sweep", async () => {
    try {
      await startWorkers();
      const boss = getRunningBoss();
      expect(boss).not.toBeNull();
      const schedules = (await boss!.getSchedules()).map((schedule) => schedule.name);
      expect(schedules).toContain(QUEUES.messageSweep.name);

      const id = await queueCommitted({ channel: "whatsapp", text: "kicked" });
      kickMessageDelivery([id]);
      const sent = await waitFor(async () => {
        const current = await row(id);
        return current.status === "sent" ? current : null;
      }, 15_000);
      expect(sent.providerId).toBe("wamid.fake1");
      const jobs = await prisma.$queryRaw<{ state: string }[]>`
        SELECT state::text FROM pgboss.job WHERE name = ${QUEUES.messageDeliver.name} AND data->>'id' = ${id}`;
      expect(jobs).toEqual([{ state: "completed" }]);
    } finally {
      await stopWorkers();
    }
  });
});
