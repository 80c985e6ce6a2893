import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { MAX_ATTEMPTS } from "@/lib/domain/webhooks/delivery-schedule";
import { AppError } from "@/lib/errors";
import { approveOperationRequest } from "@/lib/services/operation-requests/approve-operation-request";
import { rejectOperationRequest } from "@/lib/services/operation-requests/reject-operation-request";
import { submitOperationRequest } from "@/lib/services/operation-requests/submit-operation-request";
import { createWebhookEndpoint } from "@/lib/services/webhooks/create-webhook-endpoint";
import {
  attemptDelivery,
  claimDueDeliveries,
  deliverDueWebhooks,
} from "@/lib/services/webhooks/deliver-webhook";
import { enqueueWebhookEvent } from "@/lib/services/webhooks/enqueue-webhook-event";
import { resendWebhookDelivery } from "@/lib/services/webhooks/resend-webhook-delivery";
import { rotateWebhookSecret } from "@/lib/services/webhooks/rotate-webhook-secret";
import { updateWebhookEndpoint } from "@/lib/services/webhooks/update-webhook-endpoint";
import { validateWebhookUrl } from "@/lib/services/webhooks/webhook-address";
import {
  createPayment,
  enableApprovals,
  principalOf,
  resetDatabase,
  seedMerchant,
  startSandboxGateway,
  type TestMerchant,
} from "./helpers";
import { startWebhookReceiver } from "./webhook-receiver";

let gateway: Awaited<ReturnType<typeof startSandboxGateway>>;
beforeAll(async () => {
  gateway = await startSandboxGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(resetDatabase);
afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
});

const MIN = 60_000;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

async function secretsOf(m: TestMerchant): Promise<string[]> {
  const rows = await prisma.webhookSecret.findMany({
    where: { merchantId: m.merchant.id },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => row.secret);
}

async function enqueue(m: TestMerchant, type = "payment.paid" as const, url?: string) {
  return prisma.$transaction((tx) =>
    enqueueWebhookEvent(tx, {
      merchantId: m.merchant.id,
      type,
      data: { id: "pay_1", amount: "10.000", currency: "KWD" },
      url,
    }),
  );
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("webhook delivery to a real receiver", () => {
  it("retries after 500s on the schedule, then delivers once per event id, signed with the secret", async () => {
    const m = await seedMerchant();
    let secrets: string[] = [];
    const receiver = await startWebhookReceiver({
      secrets: () => secrets,
      answers: [500, 500, 200],
    });
    try {
      const endpoint = await createWebhookEndpoint(principalOf(m, "admin"), {
        url: receiver.url,
        eventTypes: [],
      });
      secrets = await secretsOf(m);
      expect(secrets).toHaveLength(1);
      const { eventId } = await enqueue(m);
      const t0 = new Date();

      expect(await deliverDueWebhooks({ now: t0 })).toEqual({ attempted: 1, delivered: 0 });
      // Not due yet: the second attempt waits a minute.
      expect(await deliverDueWebhooks({ now: later(t0, 59_000) })).toEqual({
        attempted: 0,
        delivered: 0,
      });
      expect(await deliverDueWebhooks({ now: later(t0, MIN) })).toEqual({
        attempted: 1,
        delivered: 0,
      });
      expect(await deliverDueWebhooks({ now: later(t0, 5 * MIN) })).toEqual({
        attempted: 0,
        delivered: 0,
      });
      expect(await deliverDueWebhooks({ now: later(t0, 6 * MIN) })).toEqual({
        attempted: 1,
        delivered: 1,
      });
      // Delivered: nothing more, however late.
      expect(await deliverDueWebhooks({ now: later(t0, 48 * 60 * MIN) })).toEqual({
        attempted: 0,
        delivered: 0,
      });

      expect(receiver.received.map((r) => r.answered)).toEqual([500, 500, 200]);
      expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set([eventId]));
      expect(receiver.received.filter((r) => r.id === eventId && r.answered === 200)).toHaveLength(
        1,
      );
      for (const r of receiver.received) {
        expect(r.verified).toEqual([true]);
        expect(r.headers["content-type"]).toBe("application/json");
        expect(JSON.parse(r.body)).toMatchObject({ type: "payment.paid", data: { id: "pay_1" } });
      }
      const delivery = await prisma.webhookDelivery.findFirstOrThrow({
        where: { eventId },
        include: { attempts: { orderBy: { attemptNumber: "asc" } } },
      });
      expect(delivery.status).toBe("delivered");
      expect(delivery.endpointId).toBe(endpoint.id);
      expect(
        delivery.attempts.map((a) => [a.attemptNumber, a.responseStatus, a.responseBody]),
      ).toEqual([
        [1, 500, "answer 500"],
        [2, 500, "answer 500"],
        [3, 200, "answer 200"],
      ]);
      expect((delivery.attempts[2].requestHeaders as Record<string, string>)["webhook-id"]).toBe(
        eventId,
      );
      const endpointRow = await prisma.webhookEndpoint.findUniqueOrThrow({
        where: { id: endpoint.id },
      });
      expect(endpointRow.failingSince).toBeNull();
    } finally {
      await receiver.close();
    }
  });

  it("delivers many events concurrently, each exactly once, and only to endpoints subscribed to the type", async () => {
    const m = await seedMerchant();
    let secrets: string[] = [];
    const all = await startWebhookReceiver({ secrets: () => secrets });
    const paidOnly = await startWebhookReceiver({ secrets: () => secrets });
    try {
      const admin = principalOf(m, "admin");
      await createWebhookEndpoint(admin, { url: all.url, eventTypes: [] });
      await createWebhookEndpoint(admin, { url: paidOnly.url, eventTypes: ["payment.paid"] });
      secrets = await secretsOf(m);
      const ids: string[] = [];
      for (let i = 0; i < 20; i++)
        ids.push(
          (await enqueue(m, i % 2 === 0 ? "payment.paid" : ("payment.failed" as never))).eventId,
        );
      // Two workers at once: the claim's SKIP LOCKED and lease keep every attempt to one of them.
      const results = await Promise.all([
        deliverDueWebhooks({ concurrency: 4, batchSize: 5 }),
        deliverDueWebhooks({ concurrency: 4, batchSize: 5 }),
      ]);
      expect(results[0].delivered + results[1].delivered).toBe(30);
      expect(all.received.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(paidOnly.received.map((r) => r.id).sort()).toEqual(
        ids.filter((_, i) => i % 2 === 0).sort(),
      );
      expect([...all.received, ...paidOnly.received].every((r) => r.verified[0])).toBe(true);
    } finally {
      await all.close();
      await paidOnly.close();
    }
  });

  it("abandons a delivery after the seventh failure, about 21 hours on, and disables the endpoint", async () => {
    const m = await seedMerchant();
    const receiver = await startWebhookReceiver({ secrets: () => [], answers: [503] });
    try {
      const endpoint = await createWebhookEndpoint(principalOf(m, "admin"), {
        url: receiver.url,
        eventTypes: [],
      });
      await enqueue(m);
      let now = new Date();
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        expect(await deliverDueWebhooks({ now }), `attempt ${attempt}`).toEqual({
          attempted: 1,
          delivered: 0,
        });
        const delivery = await prisma.webhookDelivery.findFirstOrThrow({});
        if (delivery.nextAttemptAt) now = delivery.nextAttemptAt;
      }
      const delivery = await prisma.webhookDelivery.findFirstOrThrow({});
      expect(delivery.status).toBe("abandoned");
      expect(delivery.attemptCount).toBe(7);
      expect(receiver.received).toHaveLength(7);
      const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
      expect([row.enabled, row.disabledReason]).toEqual([false, "failing"]);
      const emails = await prisma.emailOutbox.findMany({
        where: { kind: "webhook_endpoint.disabled" },
      });
      expect(emails).toHaveLength(1);
      expect(emails[0].to.sort()).toEqual([m.users.admin.email, m.users.owner.email].sort());
    } finally {
      await receiver.close();
    }
  });

  it("disables an endpoint that answers 410, stops its other deliveries, audits and emails the admins", async () => {
    const m = await seedMerchant();
    const receiver = await startWebhookReceiver({ secrets: () => [], answers: [410] });
    try {
      const endpoint = await createWebhookEndpoint(principalOf(m, "admin"), {
        url: receiver.url,
        eventTypes: [],
      });
      await enqueue(m);
      await enqueue(m);
      await enqueue(m);
      const now = new Date();
      // One attempt only: it answers 410, and the other two deliveries stop with the endpoint.
      expect(await deliverDueWebhooks({ now, batchSize: 1, maxAttempts: 1 })).toEqual({
        attempted: 1,
        delivered: 0,
      });
      const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
      expect([row.enabled, row.disabledReason]).toEqual([false, "gone"]);
      const deliveries = await prisma.webhookDelivery.findMany({});
      expect(deliveries.map((d) => [d.status, d.nextAttemptAt])).toEqual([
        ["failed", null],
        ["failed", null],
        ["failed", null],
      ]);
      expect(
        await prisma.auditEvent.count({
          where: { entityId: endpoint.id, action: "webhook_endpoint.disabled" },
        }),
      ).toBe(1);
      const emails = await prisma.emailOutbox.findMany({ where: { entityId: endpoint.id } });
      expect(emails.map((e) => e.kind)).toEqual(["webhook_endpoint.disabled"]);
      // Nothing more is sent to it, and later events get no delivery to it.
      await enqueue(m);
      expect(await prisma.webhookDelivery.count()).toBe(3);
      expect(await deliverDueWebhooks({ now: later(now, 60 * MIN) })).toEqual({
        attempted: 0,
        delivered: 0,
      });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it("disables an endpoint whose failures span a day", async () => {
    const m = await seedMerchant();
    const receiver = await startWebhookReceiver({ secrets: () => [], answers: [500] });
    try {
      const endpoint = await createWebhookEndpoint(principalOf(m, "admin"), {
        url: receiver.url,
        eventTypes: [],
      });
      await enqueue(m);
      const now = new Date();
      // Failing for a day less a millisecond: one more failure does not disable it yet.
      await prisma.webhookEndpoint.update({
        where: { id: endpoint.id },
        data: { failingSince: later(now, -24 * 60 * MIN + 1) },
      });
      expect(await deliverDueWebhooks({ now })).toEqual({ attempted: 1, delivered: 0 });
      expect(
        (await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled,
      ).toBe(true);
      await deliverDueWebhooks({ now: later(now, MIN) });
      const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
      expect([row.enabled, row.disabledReason]).toEqual([false, "failing"]);
      expect((await prisma.webhookDelivery.findFirstOrThrow({})).status).toBe("failed");
    } finally {
      await receiver.close();
    }
  });

  it("signs with both secrets for 24 hours after a rotation; the receiver accepts either", async () => {
    const m = await seedMerchant();
    let secrets: string[] = [];
    const receiver = await startWebhookReceiver({ secrets: () => secrets });
    try {
      const admin = principalOf(m, "admin");
      await createWebhookEndpoint(admin, { url: receiver.url, eventTypes: [] });
      const [oldSecret] = await secretsOf(m);
      const rotated = await rotateWebhookSecret(admin);
      expect(rotated.secret).toMatch(/^whsec_/);
      expect(rotated.secret).not.toBe(oldSecret);
      secrets = [oldSecret, rotated.secret];
      await enqueue(m);
      await deliverDueWebhooks();
      expect(receiver.received[0].signature.split(" ")).toHaveLength(2);
      expect(receiver.received[0].verified).toEqual([true, true]);
      // A second rotation ends the first one's overlap: never more than two sign.
      const again = await rotateWebhookSecret(admin);
      secrets = [oldSecret, rotated.secret, again.secret];
      await enqueue(m);
      await deliverDueWebhooks();
      expect(receiver.received[1].signature.split(" ")).toHaveLength(2);
      expect(receiver.received[1].verified).toEqual([false, true, true]);
      expect(await prisma.auditEvent.count({ where: { action: "webhook_secret.rotated" } })).toBe(
        2,
      );
      const audit = await prisma.auditEvent.findFirstOrThrow({
        where: { action: "webhook_secret.rotated" },
      });
      expect(JSON.stringify(audit.data)).not.toContain("whsec_");
    } finally {
      await receiver.close();
    }
  });

  it("resends a delivered delivery on request: a new manual attempt, audited", async () => {
    const m = await seedMerchant();
    const receiver = await startWebhookReceiver({ secrets: () => [] });
    try {
      const admin = principalOf(m, "admin");
      await createWebhookEndpoint(admin, { url: receiver.url, eventTypes: [] });
      const { eventId } = await enqueue(m);
      await deliverDueWebhooks();
      const delivery = await prisma.webhookDelivery.findFirstOrThrow({ where: { eventId } });
      const result = await resendWebhookDelivery(admin, delivery.id);
      expect(result).toMatchObject({ attemptNumber: 2, responseStatus: 200, delivered: true });
      expect(receiver.received.map((r) => r.id)).toEqual([eventId, eventId]);
      const attempts = await prisma.webhookDeliveryAttempt.findMany({
        orderBy: { attemptNumber: "asc" },
      });
      expect(attempts.map((a) => a.manual)).toEqual([false, true]);
      expect(await prisma.auditEvent.count({ where: { action: "webhook_delivery.resent" } })).toBe(
        1,
      );
      // Others' and malformed ids are not found; a viewer may not.
      const other = await seedMerchant();
      expect(
        (await refusal(resendWebhookDelivery(principalOf(other, "admin"), delivery.id))).code,
      ).toBe("not_found");
      expect((await refusal(resendWebhookDelivery(admin, "nope"))).code).toBe("not_found");
      expect(
        (await refusal(resendWebhookDelivery(principalOf(m, "maker"), delivery.id))).code,
      ).toBe("forbidden");
      // A disabled endpoint is enabled before resending.
      await updateWebhookEndpoint(admin, delivery.endpointId, { enabled: false });
      expect((await refusal(resendWebhookDelivery(admin, delivery.id))).code).toBe("invalid_state");
    } finally {
      await receiver.close();
    }
  });

  it("delivers to a checkout session's webhook_url through one on-demand endpoint, once beside a subscribed one", async () => {
    const m = await seedMerchant();
    const receiver = await startWebhookReceiver({ secrets: () => [] });
    try {
      await enqueue(m, "payment.paid", receiver.url);
      await enqueue(m, "payment.failed" as never, receiver.url);
      const endpoints = await prisma.webhookEndpoint.findMany({});
      expect(endpoints.map((e) => [e.url, e.kind])).toEqual([[receiver.url, "session"]]);
      // A session endpoint receives only its sessions' events, not every event.
      await enqueue(m, "payment.paid");
      expect(await prisma.webhookDelivery.count()).toBe(2);
      // Subscribing the same URL turns it into a subscribed endpoint; one delivery per event still.
      await createWebhookEndpoint(principalOf(m, "admin"), { url: receiver.url, eventTypes: [] });
      await enqueue(m, "payment.paid", receiver.url);
      expect(await prisma.webhookDelivery.count()).toBe(3);
      await deliverDueWebhooks();
      expect(receiver.received).toHaveLength(3);
    } finally {
      await receiver.close();
    }
  });

  it("records an attempt in flight when its endpoint is disabled meanwhile, without rescheduling it", async () => {
    const m = await seedMerchant();
    const receiver = await startWebhookReceiver({ secrets: () => [], answers: [500] });
    try {
      const admin = principalOf(m, "admin");
      const endpoint = await createWebhookEndpoint(admin, { url: receiver.url, eventTypes: [] });
      await enqueue(m);
      const [claimed] = await claimDueDeliveries(new Date(), 10);
      // A second worker finds nothing: the claim's lease holds it.
      expect(await claimDueDeliveries(new Date(), 10)).toEqual([]);
      await updateWebhookEndpoint(admin, endpoint.id, { enabled: false });
      const outcome = await attemptDelivery(claimed);
      expect(outcome).toMatchObject({ responseStatus: 500, outcome: "retry" });
      const delivery = await prisma.webhookDelivery.findFirstOrThrow({
        include: { attempts: true },
      });
      expect([delivery.status, delivery.nextAttemptAt, delivery.claimedUntil]).toEqual([
        "failed",
        null,
        null,
      ]);
      expect(delivery.attempts.map((a) => a.responseStatus)).toEqual([500]);
    } finally {
      await receiver.close();
    }
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const m = await seedMerchant();
    await createWebhookEndpoint(principalOf(m, "admin"), {
      url: "https://example.com/hooks",
      eventTypes: [],
    });
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueWebhookEvent(tx, {
          merchantId: m.merchant.id,
          type: "payment.paid",
          data: {},
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.webhookEvent.count()).toBe(0);
    expect(await prisma.webhookDelivery.count()).toBe(0);
  });
});

describe("SSRF", () => {
  it("refuses private targets at creation and at delivery when the setting is off", async () => {
    const m = await seedMerchant();
    const receiver = await startWebhookReceiver({ secrets: () => [] });
    try {
      const admin = principalOf(m, "admin");
      // Added while allowed (as in development), then the setting is turned off.
      const endpoint = await createWebhookEndpoint(admin, { url: receiver.url, eventTypes: [] });
      const byName = await createWebhookEndpoint(admin, {
        url: `http://localhost:${receiver.port}/hooks`,
        eventTypes: [],
      });
      process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = "false";
      for (const url of [
        "http://127.0.0.1:8080/x",
        "http://localhost:8080/x",
        "http://[::1]:8080/x",
        "http://[::ffff:127.0.0.1]:8080/x",
        "http://10.0.0.1/x",
        "http://169.254.169.254/latest/meta-data",
        "http://0.0.0.0:8080/",
      ]) {
        const error = await refusal(createWebhookEndpoint(admin, { url, eventTypes: [] }));
        expect(error.code, url).toBe("validation_error");
        expect(error.message, url).toMatch(/public addresses/);
        await expect(validateWebhookUrl(url)).rejects.toThrow(/public addresses/);
      }
      expect(await prisma.webhookEndpoint.count()).toBe(2);

      await enqueue(m);
      await deliverDueWebhooks();
      expect(receiver.received).toHaveLength(0);
      const attempts = await prisma.webhookDeliveryAttempt.findMany({
        include: { delivery: true },
      });
      expect(attempts).toHaveLength(2);
      for (const attempt of attempts) {
        expect(attempt.responseStatus).toBeNull();
        expect(attempt.error).toMatch(/loopback address; webhooks may only call public addresses/);
        expect(attempt.delivery.status).toBe("pending");
      }
      expect(attempts.map((a) => a.delivery.endpointId).sort()).toEqual(
        [endpoint.id, byName.id].sort(),
      );
    } finally {
      await receiver.close();
    }
  });

  it("refuses non-http schemes and credentials whatever the setting", async () => {
    const m = await seedMerchant();
    for (const url of [
      "ftp://example.com/",
      "file:///etc/passwd",
      "https://u:p@example.com/",
      "https://example.com:22/",
    ]) {
      expect(
        (await refusal(createWebhookEndpoint(principalOf(m, "admin"), { url, eventTypes: [] })))
          .code,
      ).toBe("validation_error");
    }
    expect(await prisma.webhookEndpoint.count()).toBe(0);
  });
});

describe("operation_request events", () => {
  it("writes submitted, approved, done and the refund's own event in the request's transactions, and delivers them", async () => {
    const m = await seedMerchant();
    await enableApprovals(m);
    let secrets: string[] = [];
    const receiver = await startWebhookReceiver({ secrets: () => secrets });
    try {
      await createWebhookEndpoint(principalOf(m, "admin"), { url: receiver.url, eventTypes: [] });
      secrets = await secretsOf(m);
      const payment = await createPayment(m);
      const id = await submitOperationRequest(principalOf(m, "maker"), {
        transactionId: payment.id,
        operation: "refund",
      });
      await approveOperationRequest(principalOf(m, "checker", { checker: true }), id);
      const events = await prisma.webhookEvent.findMany({ orderBy: { createdAt: "asc" } });
      // The refund's money movement and the request's move to done share one transaction.
      expect(events.map((e) => e.type).sort()).toEqual([
        "operation_request.approved",
        "operation_request.done",
        "operation_request.submitted",
        "refund.succeeded",
      ]);
      expect(events[0].type).toBe("operation_request.submitted");
      expect(events[0].payload).toMatchObject({
        type: "operation_request.submitted",
        data: {
          id,
          state: "pending",
          operation: "refund",
          amount: "10.000",
          currency: "KWD",
          paymentId: payment.id,
        },
      });
      expect(events.find((e) => e.type === "operation_request.done")?.payload).toMatchObject({
        data: { id, state: "done" },
      });
      expect(events.find((e) => e.type === "refund.succeeded")?.payload).toMatchObject({
        data: {
          payment_id: payment.id,
          amount: "10.000",
          currency_code: "KWD",
          operation_request_id: id,
        },
      });
      await deliverDueWebhooks();
      expect(receiver.received.map((r) => JSON.parse(r.body).type)).toHaveLength(4);
      expect(receiver.received.every((r) => r.verified[0])).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it("writes a rejected event with the reason, and none when the rejection is refused", async () => {
    const m = await seedMerchant();
    await enableApprovals(m);
    const payment = await createPayment(m);
    const id = await submitOperationRequest(principalOf(m, "maker"), {
      transactionId: payment.id,
      operation: "refund",
    });
    await rejectOperationRequest(principalOf(m, "checker", { checker: true }), id, "Not today");
    await refusal(
      rejectOperationRequest(principalOf(m, "checker", { checker: true }), id, "Again"),
    );
    const events = await prisma.webhookEvent.findMany({ orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.type)).toEqual([
      "operation_request.submitted",
      "operation_request.rejected",
    ]);
    expect(events[1].payload).toMatchObject({
      data: { state: "rejected", decisionReason: "Not today" },
    });
  });
});

describe("database guarantees", () => {
  it("refuses an unknown event type, a second current secret, a bad URL and a delivery across merchants", async () => {
    const m = await seedMerchant();
    const other = await seedMerchant();
    await expect(
      prisma.webhookEvent.create({
        data: {
          id: "msg_AAAAAAAAAAAAAAAAAAAAAAAA",
          merchantId: m.merchant.id,
          type: "payment.nope",
          payload: { type: "payment.nope", timestamp: "x", data: {} },
        },
      }),
    ).rejects.toThrow();
    await prisma.webhookSecret.create({
      data: { merchantId: m.merchant.id, secret: `whsec_${"A".repeat(43)}=` },
    });
    await expect(
      prisma.webhookSecret.create({
        data: { merchantId: m.merchant.id, secret: `whsec_${"B".repeat(43)}=` },
      }),
    ).rejects.toThrow();
    for (const url of ["ftp://x.example/", "javascript:alert(1)", "https://x.example/#frag"])
      await expect(
        prisma.webhookEndpoint.create({ data: { merchantId: m.merchant.id, url } }),
      ).rejects.toThrow();
    const endpoint = await prisma.webhookEndpoint.create({
      data: { merchantId: other.merchant.id, url: "https://x.example/" },
    });
    const { eventId } = await enqueue(m);
    await expect(
      prisma.webhookDelivery.create({
        data: {
          merchantId: m.merchant.id,
          eventId,
          endpointId: endpoint.id,
          nextAttemptAt: new Date(),
        },
      }),
    ).rejects.toThrow();
    // Delivered needs delivered_at; pending needs next_attempt_at.
    const own = await prisma.webhookEndpoint.create({
      data: { merchantId: m.merchant.id, url: "https://y.example/" },
    });
    await expect(
      prisma.webhookDelivery.create({
        data: { merchantId: m.merchant.id, eventId, endpointId: own.id },
      }),
    ).rejects.toThrow();
    await expect(
      prisma.webhookDelivery.create({
        data: { merchantId: m.merchant.id, eventId, endpointId: own.id, status: "delivered" },
      }),
    ).rejects.toThrow();
  });
});
