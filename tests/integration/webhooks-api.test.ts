import { beforeEach, describe, expect, it } from "vitest";
import { GET as openApi } from "@/app/api/v1/openapi.json/route";
import * as resend from "@/app/api/v1/webhook-deliveries/[id]/resend/route";
import * as deliveries from "@/app/api/v1/webhook-endpoints/[id]/deliveries/route";
import * as endpoint from "@/app/api/v1/webhook-endpoints/[id]/route";
import * as endpoints from "@/app/api/v1/webhook-endpoints/route";
import * as rotate from "@/app/api/v1/webhook-secret/rotate/route";
import { prisma } from "@/lib/db";
import { deliverDueWebhooks } from "@/lib/services/webhooks/deliver-webhook";
import { enqueueWebhookEvent } from "@/lib/services/webhooks/enqueue-webhook-event";
import { resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { rowCounts } from "./refusals";
import { get, noParams, withId } from "./requests";
import { startWebhookReceiver } from "./webhook-receiver";

/*
 * The webhooks API through its real route handlers on the real database: what it does, who may,
 * and every class of hostile input answered 4xx in the one error shape with nothing written.
 */

beforeEach(resetDatabase);

function send(method: string, path: string, key: string | null, body?: unknown, raw = false) {
  return new Request(`http://test${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : raw ? String(body) : JSON.stringify(body),
  });
}

async function errorOf(response: Response) {
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  return { status: response.status, code: body.error.code as string };
}

/** Rows in every table, in one statement (this file counts before and after ~100 requests). */
/** Sends, expects the status and code, and that no table changed. */
async function expectRefused(
  call: () => Promise<Response>,
  status: number,
  code: RegExp,
  label: string,
) {
  const before = await rowCounts();
  const answer = await errorOf(await call());
  expect([label, answer.status], label).toEqual([label, status]);
  expect(answer.code, label).toMatch(code);
  expect(await rowCounts(), label).toEqual(before);
}

async function withEndpoint(m: TestMerchant, url = "https://hooks.example.com/in") {
  const response = await endpoints.POST(
    send("POST", "/api/v1/webhook-endpoints", m.users.admin.apiKey, {
      url,
      description: "Orders",
      eventTypes: ["payment.paid"],
    }),
    noParams,
  );
  expect(response.status).toBe(201);
  return (await response.json()).data as { id: string; url: string };
}

describe("webhooks API", () => {
  it("creates, lists, reads, updates and deletes an endpoint, audited, for webhooks.manage only", async () => {
    const m = await seedMerchant();
    const admin = m.users.admin.apiKey;
    const created = await withEndpoint(m);
    expect(created).toMatchObject({
      url: "https://hooks.example.com/in",
      kind: "subscribed",
      enabled: true,
    });
    const listed = await (
      await endpoints.GET(get("/api/v1/webhook-endpoints", admin), noParams)
    ).json();
    expect(listed.data.map((e: { id: string }) => e.id)).toEqual([created.id]);
    const read = await endpoint.GET(
      get(`/api/v1/webhook-endpoints/${created.id}`, admin),
      withId(created.id),
    );
    expect((await read.json()).data.description).toBe("Orders");
    const patched = await endpoint.PATCH(
      send("PATCH", `/api/v1/webhook-endpoints/${created.id}`, admin, {
        enabled: false,
        eventTypes: [],
      }),
      withId(created.id),
    );
    expect((await patched.json()).data).toMatchObject({
      enabled: false,
      disabledReason: "manual",
      eventTypes: [],
    });
    const removed = await endpoint.DELETE(
      send("DELETE", `/api/v1/webhook-endpoints/${created.id}`, admin),
      withId(created.id),
    );
    expect(await removed.json()).toEqual({ data: { id: created.id, deleted: true } });
    expect(await prisma.webhookEndpoint.count()).toBe(0);
    const actions = await prisma.auditEvent.findMany({
      where: { entity: "webhook_endpoint" },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "webhook_endpoint.created",
      "webhook_endpoint.updated",
      "webhook_endpoint.deleted",
    ]);
    // Staff and viewers may not; nobody unauthenticated.
    for (const key of [m.users.maker.apiKey, m.users.viewer.apiKey])
      await expectRefused(
        () => endpoints.GET(get("/api/v1/webhook-endpoints", key), noParams),
        403,
        /forbidden/,
        "403",
      );
    await expectRefused(
      () => endpoints.GET(get("/api/v1/webhook-endpoints", "sk_test_wrong"), noParams),
      401,
      /unauthenticated/,
      "401",
    );
  });

  it("rotates the secret, returning it once, and pages the delivery log with a cursor", async () => {
    const m = await seedMerchant();
    const admin = m.users.admin.apiKey;
    const receiver = await startWebhookReceiver({ secrets: () => [] });
    try {
      const created = await withEndpoint(m, receiver.url);
      const rotated = await rotate.POST(
        send("POST", "/api/v1/webhook-secret/rotate", admin),
        noParams,
      );
      expect(rotated.status).toBe(200);
      const { data } = await rotated.json();
      expect(data.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      expect(Date.parse(data.previousSecretExpiresAt)).toBeGreaterThan(Date.now() + 23 * 3600_000);
      for (let i = 0; i < 3; i++)
        await prisma.$transaction((tx) =>
          enqueueWebhookEvent(tx, {
            merchantId: m.merchant.id,
            type: "payment.paid",
            data: { n: i },
          }),
        );
      await deliverDueWebhooks();
      const path = `/api/v1/webhook-endpoints/${created.id}/deliveries`;
      const first = await (
        await deliveries.GET(get(`${path}?limit=2`, admin), withId(created.id))
      ).json();
      expect(first.data).toHaveLength(2);
      expect(first.data[0].attempts[0]).toMatchObject({ attemptNumber: 1, responseStatus: 200 });
      expect(first.data[0].attempts[0].requestHeaders["webhook-signature"].split(" ")).toHaveLength(
        2,
      );
      const second = await (
        await deliveries.GET(
          get(`${path}?limit=2&cursor=${first.nextCursor}`, admin),
          withId(created.id),
        )
      ).json();
      expect(second.data).toHaveLength(1);
      expect(second.nextCursor).toBeNull();
      const ids = [...first.data, ...second.data].map((d: { id: string }) => d.id);
      expect(new Set(ids).size).toBe(3);
      const resent = await resend.POST(
        send("POST", `/api/v1/webhook-deliveries/${ids[0]}/resend`, admin),
        withId(ids[0]),
      );
      expect((await resent.json()).data).toMatchObject({ delivered: true, attemptNumber: 2 });
    } finally {
      await receiver.close();
    }
  });

  it("refuses hostile input on every webhooks endpoint, writing nothing", {
    timeout: 120_000,
  }, async () => {
    const m = await seedMerchant();
    const admin = m.users.admin.apiKey;
    const created = await withEndpoint(m);
    const other = await seedMerchant();
    const foreign = await withEndpoint(other, "https://other.example.com/in");
    const create =
      (body: unknown, raw = false) =>
      () =>
        endpoints.POST(send("POST", "/api/v1/webhook-endpoints", admin, body, raw), noParams);
    const patch =
      (id: string, body: unknown, raw = false) =>
      () =>
        endpoint.PATCH(
          send("PATCH", `/api/v1/webhook-endpoints/${id}`, admin, body, raw),
          withId(id),
        );

    for (const [label, body] of [
      ["non-http URL", { url: "ftp://example.com/x" }],
      ["javascript URL", { url: "javascript:alert(1)" }],
      ["credentials", { url: "https://a:b@example.com/" }],
      ["privileged port", { url: "https://example.com:25/" }],
      ["NUL in URL", { url: "https://example.com/\u0000" }],
      ["NUL in description", { url: "https://n.example.com/", description: "a\u0000b" }],
      ["unknown event type", { url: "https://n.example.com/", eventTypes: ["payment.nope"] }],
      [
        "duplicate event type",
        { url: "https://n.example.com/", eventTypes: ["payment.paid", "payment.paid"] },
      ],
      ["event types not a list", { url: "https://n.example.com/", eventTypes: "payment.paid" }],
      ["unknown field", { url: "https://n.example.com/", secret: "whsec_x" }],
      ["too long URL", { url: `https://example.com/${"a".repeat(3000)}` }],
      ["URL not a string", { url: 42 }],
      ["empty body", {}],
    ] as const)
      await expectRefused(create(body), 400, /validation_error/, label);
    await expectRefused(create("{not json", true), 400, /invalid_json/, "malformed JSON");
    await expectRefused(
      create({ url: "https://n.example.com/", description: "x".repeat(100_000) }),
      413,
      /payload_too_large/,
      "huge body",
    );
    await expectRefused(
      () =>
        endpoints.POST(
          new Request("http://test/api/v1/webhook-endpoints", {
            method: "POST",
            headers: { authorization: `Bearer ${admin}`, "content-type": "text/plain" },
            body: "url=https://x.example",
          }),
          noParams,
        ),
      415,
      /unsupported_media_type/,
      "form body",
    );
    await expectRefused(create({ url: created.url }), 409, /conflict/, "duplicate URL");

    for (const [label, body] of [
      ["empty patch", {}],
      ["enabled not boolean", { enabled: "yes" }],
      ["NUL in URL", { url: "https://x.example/\u0000" }],
      ["non-http URL", { url: "gopher://x.example/" }],
    ] as const)
      await expectRefused(patch(created.id, body), 400, /validation_error/, `PATCH ${label}`);
    await expectRefused(patch(created.id, "[", true), 400, /invalid_json/, "PATCH malformed JSON");
    await expectRefused(
      patch(created.id, { description: "y".repeat(70_000) }),
      413,
      /payload_too_large/,
      "PATCH huge",
    );

    // Malformed, unknown and other merchants' ids are all "not found".
    for (const id of [
      "nope",
      "00000000-0000-0000-0000-000000000000",
      foreign.id,
      "%00",
      "../../etc",
    ]) {
      await expectRefused(
        () => endpoint.GET(get("/api/v1/webhook-endpoints/x", admin), withId(id)),
        404,
        /not_found/,
        `GET ${id}`,
      );
      await expectRefused(patch(id, { enabled: false }), 404, /not_found/, `PATCH ${id}`);
      await expectRefused(
        () => endpoint.DELETE(send("DELETE", "/api/v1/webhook-endpoints/x", admin), withId(id)),
        404,
        /not_found/,
        `DELETE ${id}`,
      );
      await expectRefused(
        () => deliveries.GET(get("/api/v1/x", admin), withId(id)),
        404,
        /not_found/,
        `deliveries ${id}`,
      );
      await expectRefused(
        () => resend.POST(send("POST", "/api/v1/x", admin), withId(id)),
        404,
        /not_found/,
        `resend ${id}`,
      );
    }
    // An id with NUL, or far too long, is refused as input before any lookup.
    for (const id of ["a\u0000b", "a".repeat(500)]) {
      const label = `bad id ${id.length}`;
      await expectRefused(
        () => endpoint.GET(get("/api/v1/x", admin), withId(id)),
        400,
        /validation_error/,
        label,
      );
      await expectRefused(patch(id, { enabled: true }), 400, /validation_error/, label);
      await expectRefused(
        () => resend.POST(send("POST", "/api/v1/x", admin), withId(id)),
        400,
        /validation_error/,
        label,
      );
      await expectRefused(
        () => deliveries.GET(get("/api/v1/x", admin), withId(id)),
        400,
        /validation_error/,
        label,
      );
    }

    // Out-of-range limits and crafted cursors.
    const log = (query: string) => () =>
      deliveries.GET(
        get(`/api/v1/webhook-endpoints/${created.id}/deliveries?${query}`, admin),
        withId(created.id),
      );
    for (const query of [
      "limit=0",
      "limit=101",
      "limit=-1",
      "limit=1e3",
      "limit=abc",
      "cursor=%00",
      "cursor=not-a-cursor!",
      `cursor=${Buffer.from('{"s":"created_at","d":"desc","v":"9999-99-99","id":"00000000-0000-0000-0000-000000000000"}').toString("base64url")}`,
      `cursor=${Buffer.from('{"s":"created_at","d":"asc","v":"2026-01-01T00:00:00.000Z","id":"00000000-0000-0000-0000-000000000000"}').toString("base64url")}`,
      `cursor=${Buffer.from('{"s":"created_at","d":"desc","v":"2026-01-01T00:00:00.000Z","id":"1; DROP TABLE x"}').toString("base64url")}`,
      `cursor=${"A".repeat(2000)}`,
      "unknown=1",
    ])
      await expectRefused(log(query), 400, /validation_error/, `log ${query}`);

    // Bodies where none is taken.
    await expectRefused(
      () =>
        rotate.POST(
          send("POST", "/api/v1/webhook-secret/rotate", admin, { secret: "whsec_mine" }),
          noParams,
        ),
      400,
      /validation_error/,
      "rotate with a body",
    );
    await expectRefused(
      () => rotate.POST(send("POST", "/api/v1/webhook-secret/rotate", admin, "{", true), noParams),
      400,
      /invalid_json/,
      "rotate malformed JSON",
    );
    await expectRefused(
      () =>
        rotate.POST(send("POST", "/api/v1/webhook-secret/rotate", m.users.maker.apiKey), noParams),
      403,
      /forbidden/,
      "rotate as maker",
    );

    // Wrong methods: 405 with Allow.
    for (const [label, call] of [
      ["PUT endpoints", () => endpoints.PUT(send("PUT", "/api/v1/webhook-endpoints", admin))],
      [
        "DELETE endpoints",
        () => endpoints.DELETE(send("DELETE", "/api/v1/webhook-endpoints", admin)),
      ],
      ["POST endpoint", () => endpoint.POST(send("POST", "/api/v1/webhook-endpoints/x", admin))],
      ["PUT endpoint", () => endpoint.PUT(send("PUT", "/api/v1/webhook-endpoints/x", admin))],
      ["POST deliveries", () => deliveries.POST(send("POST", "/api/v1/x", admin))],
      ["GET resend", () => resend.GET(send("GET", "/api/v1/x", admin))],
      ["GET rotate", () => rotate.GET(send("GET", "/api/v1/x", admin))],
      ["DELETE rotate", () => rotate.DELETE(send("DELETE", "/api/v1/x", admin))],
    ] as const) {
      const response = await call();
      expect([label, response.status]).toEqual([label, 405]);
      expect(response.headers.get("allow")).toBeTruthy();
    }
    expect(await prisma.webhookEndpoint.count()).toBe(2);
  });

  it("is described in the OpenAPI document", async () => {
    const document = await (
      await openApi(new Request("http://test/api/v1/openapi.json"), noParams)
    ).json();
    expect(Object.keys(document.paths["/api/v1/webhook-endpoints"]).sort()).toEqual([
      "get",
      "post",
    ]);
    expect(Object.keys(document.paths["/api/v1/webhook-endpoints/{id}"]).sort()).toEqual([
      "delete",
      "get",
      "patch",
    ]);
    expect(Object.keys(document.paths["/api/v1/webhook-endpoints/{id}/deliveries"])).toEqual([
      "get",
    ]);
    expect(Object.keys(document.paths["/api/v1/webhook-deliveries/{id}/resend"])).toEqual(["post"]);
    expect(Object.keys(document.paths["/api/v1/webhook-secret/rotate"])).toEqual(["post"]);
  });
});
