import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  POST as publicPost,
  OPTIONS as publicPreflight,
  GET as publicSession,
} from "@/app/api/checkout/v1/sessions/[id]/route";
import { GET as openApi } from "@/app/api/v1/openapi.json/route";
import {
  GET as getKeyPath,
  PATCH as patchKey,
  PUT as putKey,
  DELETE as revokeKey,
} from "@/app/api/v1/publishable-keys/[id]/route";
import {
  POST as createKey,
  GET as listKeys,
  PATCH as patchKeys,
} from "@/app/api/v1/publishable-keys/route";
import { prisma } from "@/lib/db";
import { checkoutCallerOf } from "@/lib/services/checkout/checkout-caller";
import { createCheckoutSession } from "@/lib/services/checkout/create-checkout-session";
import { CreateCheckoutSchema } from "@/lib/validation/checkout";
import { proxy } from "@/proxy";
import { principalOf, resetDatabase, seedMerchant, type TestMerchant } from "./helpers";
import { get, noParams, withId } from "./requests";

/*
 * Publishable keys (issue 8, the embeddable script): the keys API, the browser's public read of a
 * session, and the frame-ancestors proxy.ts sets on the hosted page. Real route handlers and the
 * real proxy function on the real database.
 */

let m: TestMerchant;
let other: TestMerchant;

beforeAll(async () => {
  await resetDatabase();
});
beforeEach(async () => {
  m = await seedMerchant();
  other = await seedMerchant();
});
afterAll(async () => {
  await prisma.$disconnect();
});

const SHOP = "https://shop.example";

function send(method: string, path: string, key: string, body?: unknown, raw?: string) {
  return new Request(`http://test${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
}

async function create(
  t: TestMerchant,
  body: unknown = { name: "Web shop", allowed_origins: [SHOP] },
) {
  const response = await createKey(
    send("POST", "/api/v1/publishable-keys", t.users.admin.apiKey, body),
    noParams,
  );
  return { status: response.status, body: await response.json() };
}

async function newSession(t: TestMerchant) {
  const caller = checkoutCallerOf({ ...principalOf(t, "admin"), via: "api_key" });
  return createCheckoutSession(
    caller,
    CreateCheckoutSchema.parse({
      type: "e_commerce",
      amount: "12.500",
      currency_code: "KWD",
      pg_codes: ["knet"],
    }),
  );
}

async function counts() {
  const [row] = await prisma.$queryRaw<{ keys: number; audits: number }[]>`
    SELECT (SELECT count(*)::int FROM publishable_key) AS keys,
           (SELECT count(*)::int FROM audit_event) AS audits`;
  return row;
}

async function errorOf(response: Response) {
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  return {
    status: response.status,
    code: body.error.code as string,
    message: body.error.message as string,
  };
}

describe("the keys API", () => {
  it("creates a key with normalized origins, shows it in the list, and audits it", async () => {
    const created = await create(m, {
      name: "Web shop",
      allowed_origins: ["https://Shop.Example/", "http://localhost:3000", "https://shop.example"],
    });
    expect(created.status).toBe(201);
    expect(created.body.data.key).toMatch(/^pk_[0-9A-Za-z]{32}$/);
    expect(created.body.data.allowed_origins).toEqual([SHOP, "http://localhost:3000"]);
    expect(created.body.data.revoked_at).toBeNull();
    expect(created.body.data.created_by).toBe(m.users.admin.email);

    const list = await (
      await listKeys(get("/api/v1/publishable-keys", m.users.owner.apiKey), noParams)
    ).json();
    expect(list.data.map((k: { id: string }) => k.id)).toEqual([created.body.data.id]);
    // Another merchant sees none of them.
    const others = await (
      await listKeys(get("/api/v1/publishable-keys", other.users.admin.apiKey), noParams)
    ).json();
    expect(others.data).toEqual([]);

    const audit = await prisma.auditEvent.findMany({ where: { entityId: created.body.data.id } });
    expect(audit.map((a) => a.action)).toEqual(["publishable_key.created"]);
  });

  it("replaces the origins of a live key and revokes it; a revoked key cannot be changed", async () => {
    const { body } = await create(m);
    const id = body.data.id;
    const patched = await patchKey(
      send("PATCH", `/api/v1/publishable-keys/${id}`, m.users.admin.apiKey, {
        allowed_origins: ["https://new.example"],
      }),
      withId(id),
    );
    expect(patched.status).toBe(200);
    expect((await patched.json()).data.allowed_origins).toEqual(["https://new.example"]);

    const revoked = await revokeKey(
      send("DELETE", `/api/v1/publishable-keys/${id}`, m.users.admin.apiKey),
      withId(id),
    );
    expect(revoked.status).toBe(204);
    const again = await revokeKey(
      send("DELETE", `/api/v1/publishable-keys/${id}`, m.users.admin.apiKey),
      withId(id),
    );
    expect(await errorOf(again)).toMatchObject({ status: 404, code: "not_found" });
    const late = await patchKey(
      send("PATCH", `/api/v1/publishable-keys/${id}`, m.users.admin.apiKey, {
        allowed_origins: [SHOP],
      }),
      withId(id),
    );
    expect(await errorOf(late)).toMatchObject({ status: 404, code: "not_found" });

    const audit = await prisma.auditEvent.findMany({
      where: { entityId: id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "publishable_key.created",
      "publishable_key.origins_changed",
      "publishable_key.revoked",
    ]);
    expect(audit[1].data).toEqual({ before: [SHOP], after: ["https://new.example"] });
  });

  it("needs checkout.settings, and treats another merchant's key as unknown", async () => {
    const { body } = await create(m);
    const id = body.data.id;
    const before = await counts();
    for (const who of ["maker", "viewer"] as const) {
      const response = await createKey(
        send("POST", "/api/v1/publishable-keys", m.users[who].apiKey, {
          name: "x",
          allowed_origins: [SHOP],
        }),
        noParams,
      );
      expect(await errorOf(response)).toMatchObject({ status: 403, code: "forbidden" });
      const list = await listKeys(get("/api/v1/publishable-keys", m.users[who].apiKey), noParams);
      expect(list.status).toBe(403);
      const revoke = await revokeKey(
        send("DELETE", `/api/v1/publishable-keys/${id}`, m.users[who].apiKey),
        withId(id),
      );
      expect(revoke.status).toBe(403);
    }
    const foreign = await revokeKey(
      send("DELETE", `/api/v1/publishable-keys/${id}`, other.users.admin.apiKey),
      withId(id),
    );
    expect(await errorOf(foreign)).toMatchObject({ status: 404, code: "not_found" });
    const foreignPatch = await patchKey(
      send("PATCH", `/api/v1/publishable-keys/${id}`, other.users.admin.apiKey, {
        allowed_origins: ["https://evil.example"],
      }),
      withId(id),
    );
    expect(foreignPatch.status).toBe(404);
    const anonymous = await listKeys(get("/api/v1/publishable-keys", "sk_unknown"), noParams);
    expect(anonymous.status).toBe(401);
    expect(await counts()).toEqual(before);
    expect(
      (await prisma.publishableKey.findUniqueOrThrow({ where: { id } })).allowedOrigins,
    ).toEqual([SHOP]);
  });

  it("refuses hostile input with a 4xx in the one error shape and writes nothing", async () => {
    const { body } = await create(m);
    const id = body.data.id;
    const before = await counts();
    const key = m.users.admin.apiKey;
    const cases: [string, () => Promise<Response>, number, string][] = [
      [
        "NUL in the name",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, {
              name: "a\u0000b",
              allowed_origins: [SHOP],
            }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "NUL in an origin",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, {
              name: "a",
              allowed_origins: ["https://shop.example\u0000"],
            }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "an origin with a path",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, {
              name: "a",
              allowed_origins: ["https://shop.example/pay"],
            }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "a wildcard origin",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, { name: "a", allowed_origins: ["*"] }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "a javascript: origin",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, {
              name: "a",
              allowed_origins: ["javascript:alert(1)"],
            }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "no origins",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, { name: "a", allowed_origins: [] }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "blank origins only",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, { name: "a", allowed_origins: [" "] }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "21 origins",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, {
              name: "a",
              allowed_origins: Array.from({ length: 21 }, (_, i) => `https://s${i}.example`),
            }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "origins that are not a list",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, { name: "a", allowed_origins: SHOP }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "an origin that is a number",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, { name: "a", allowed_origins: [1e308] }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "an empty name",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, { name: " ", allowed_origins: [SHOP] }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "a long name",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, {
              name: "a".repeat(81),
              allowed_origins: [SHOP],
            }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "an unknown field",
        () =>
          createKey(
            send("POST", "/api/v1/publishable-keys", key, {
              name: "a",
              allowed_origins: [SHOP],
              key: "pk_mine_chosen",
            }),
            noParams,
          ),
        400,
        "validation_error",
      ],
      [
        "malformed JSON",
        () =>
          createKey(send("POST", "/api/v1/publishable-keys", key, undefined, '{"name":'), noParams),
        400,
        "invalid_json",
      ],
      [
        "a huge body",
        () =>
          createKey(
            send(
              "POST",
              "/api/v1/publishable-keys",
              key,
              undefined,
              JSON.stringify({ name: "a", allowed_origins: [SHOP], pad: "x".repeat(40_000) }),
            ),
            noParams,
          ),
        413,
        "payload_too_large",
      ],
      [
        "a malformed path id",
        () =>
          patchKey(
            send("PATCH", "/api/v1/publishable-keys/not-a-uuid", key, { allowed_origins: [SHOP] }),
            withId("not-a-uuid"),
          ),
        404,
        "not_found",
      ],
      [
        "NUL in the path id",
        () =>
          revokeKey(
            send("DELETE", `/api/v1/publishable-keys/${id}%00`, key),
            withId(`${id}\u0000`),
          ),
        400,
        "validation_error",
      ],
      [
        "an unknown id",
        () =>
          revokeKey(
            send("DELETE", "/api/v1/publishable-keys/00000000-0000-0000-0000-000000000000", key),
            withId("00000000-0000-0000-0000-000000000000"),
          ),
        404,
        "not_found",
      ],
      [
        "a bad origin on update",
        () =>
          patchKey(
            send("PATCH", `/api/v1/publishable-keys/${id}`, key, {
              allowed_origins: ["ftp://x.example"],
            }),
            withId(id),
          ),
        400,
        "validation_error",
      ],
      [
        "PUT",
        () => putKey(send("PUT", `/api/v1/publishable-keys/${id}`, key, {})),
        405,
        "method_not_allowed",
      ],
      [
        "GET one key",
        () => getKeyPath(get(`/api/v1/publishable-keys/${id}`, key)),
        405,
        "method_not_allowed",
      ],
      [
        "PATCH the collection",
        () => patchKeys(send("PATCH", "/api/v1/publishable-keys", key, {})),
        405,
        "method_not_allowed",
      ],
    ];
    for (const [label, call, status, code] of cases) {
      const result = await errorOf(await call());
      expect([label, result.status, result.code]).toEqual([label, status, code]);
    }
    expect(await counts()).toEqual(before);
    expect(
      (await prisma.publishableKey.findUniqueOrThrow({ where: { id } })).allowedOrigins,
    ).toEqual([SHOP]);
  });

  it("the database refuses a malformed key or origin even past the services", async () => {
    const insert = (key: string, origins: string[]) =>
      prisma.$executeRaw`INSERT INTO publishable_key (merchant_id, name, key, allowed_origins)
        VALUES (${m.merchant.id}::uuid, 'raw', ${key}, ${origins})`;
    await expect(insert("pk_raw_key_ok", [SHOP])).resolves.toBe(1);
    for (const [key, origins] of [
      ["sk_live_secretkey", [SHOP]],
      ["pk_short", [SHOP]],
      ["pk_with space", [SHOP]],
      ["pk_raw_key_2", []],
      ["pk_raw_key_3", ["https://shop.example/"]],
      ["pk_raw_key_4", ["*"]],
      ["pk_raw_key_5", ["https://SHOP.example"]],
      ["pk_raw_key_6", [SHOP, "null"]],
      ["pk_raw_key_7", [SHOP, "https://a.example https://b.example"]],
      ["pk_raw_key_8", Array.from({ length: 21 }, (_, i) => `https://s${i}.example`)],
    ] as [string, string[]][])
      await expect(insert(key, origins), `${key} ${origins.join(",")}`).rejects.toThrow(
        /check constraint|violates/i,
      );
    await expect(
      prisma.$executeRaw`INSERT INTO publishable_key (merchant_id, name, key, allowed_origins)
        VALUES (${m.merchant.id}::uuid, 'raw', 'pk_raw_key_9', ARRAY['https://a.example', NULL])`,
    ).rejects.toThrow(/check constraint|violates/i);
    await expect(insert("pk_raw_key_ok", [SHOP])).rejects.toThrow(/unique/i);
  });
});

function browserGet(id: string, authorization: string | null, origin: string | null = SHOP) {
  const headers: Record<string, string> = {};
  if (authorization !== null) headers.authorization = authorization;
  if (origin !== null) headers.origin = origin;
  return publicSession(
    new Request(`http://test/api/checkout/v1/sessions/${id}`, { headers }),
    withId(id),
  );
}

describe("the browser's read of a session with a publishable key", () => {
  it("answers the public view of the key's merchant's session, with CORS for that origin", async () => {
    const { body } = await create(m);
    const session = await newSession(m);
    const response = await browserGet(session.id, `Bearer ${body.data.key}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(response.headers.get("vary")).toBe("Origin");
    const view = await response.json();
    expect(view).toEqual({
      session_id: session.id,
      state: "created",
      amount: "12.500",
      currency_code: "KWD",
      order_no: expect.any(String),
      methods: ["card", "saved_card", "redirect", "apple_pay"],
      expires_at: expect.any(String),
    });
    // Nothing of the merchant's internals.
    expect(JSON.stringify(view)).not.toMatch(/webhook|customer|email|phone/);
  });

  it("treats another merchant's session as unknown, and refuses secret, revoked and missing keys", async () => {
    const { body } = await create(m);
    const pk = `Bearer ${body.data.key}`;
    const foreign = await newSession(other);
    const notFound = await browserGet(foreign.id, pk);
    expect(await errorOf(notFound)).toMatchObject({ status: 404, code: "not_found" });

    const session = await newSession(m);
    const secret = await errorOf(await browserGet(session.id, `Bearer ${m.users.admin.apiKey}`));
    expect(secret).toMatchObject({ status: 401, code: "unauthenticated" });
    expect(secret.message).toMatch(/Secret keys \(sk_\.\.\.\) must never be used in a browser/);

    for (const authorization of [null, "Bearer pk_unknown_key_123", "Basic x", "Bearer pk_ab"]) {
      const refused = await browserGet(session.id, authorization);
      expect(refused.status, String(authorization)).toBe(401);
      expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    }

    await revokeKey(
      send("DELETE", `/api/v1/publishable-keys/${body.data.id}`, m.users.admin.apiKey),
      withId(body.data.id),
    );
    expect((await browserGet(session.id, pk)).status).toBe(401);
  });

  it("answers only the key's origins: another origin, none, or a lookalike is refused without CORS", async () => {
    const { body } = await create(m);
    const session = await newSession(m);
    for (const origin of [
      "https://evil.example",
      "http://shop.example",
      "https://shop.example.evil.example",
      "null",
      null,
    ]) {
      const response = await browserGet(session.id, `Bearer ${body.data.key}`, origin);
      expect([origin, response.status]).toEqual([origin, 403]);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("refuses hostile ids and methods in the one error shape", async () => {
    const { body } = await create(m);
    const pk = `Bearer ${body.data.key}`;
    expect(await errorOf(await browserGet("not-a-uuid", pk))).toMatchObject({ status: 404 });
    expect(await errorOf(await browserGet("a\u0000b", pk))).toMatchObject({
      status: 400,
      code: "validation_error",
    });
    expect(await errorOf(await browserGet("x".repeat(500), pk))).toMatchObject({ status: 400 });
    const post = await publicPost(
      new Request("http://test/api/checkout/v1/sessions/x", { method: "POST" }),
    );
    expect(await errorOf(post)).toMatchObject({ status: 405, code: "method_not_allowed" });
  });

  it("answers the CORS preflight for an origin some live key lists, and no other", async () => {
    // An origin of this test's own: keys of earlier tests list SHOP.
    const lonely = "https://lonely-shop.example";
    const { body } = await create(m, { name: "Lonely", allowed_origins: [lonely] });
    const preflight = (origin: string) =>
      publicPreflight(
        new Request("http://test/api/checkout/v1/sessions/x", {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "GET",
            "access-control-request-headers": "authorization",
          },
        }),
        withId("x"),
      );
    const allowed = await preflight(lonely);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(lonely);
    expect(allowed.headers.get("access-control-allow-headers")).toBe("Authorization");
    const refused = await preflight("https://evil.example");
    expect(refused.status).toBe(204);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    await revokeKey(
      send("DELETE", `/api/v1/publishable-keys/${body.data.id}`, m.users.admin.apiKey),
      withId(body.data.id),
    );
    expect((await preflight(lonely)).headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("proxy.ts on the hosted page", () => {
  const run = (url: string) => proxy(new NextRequest(url)) as Promise<Response>;
  const embedUrl = (sessionId: string, pk: string, origin: string) =>
    `http://test/checkout/${sessionId}?${new URLSearchParams({ embed: "1", pk, origin, methods: "card", lang: "en" })}`;

  it("forbids framing without an embed", async () => {
    const session = await newSession(m);
    const response = await run(`http://test/checkout/${session.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("lets exactly the key's listed origin frame its merchant's session", async () => {
    const { body } = await create(m, {
      name: "Two shops",
      allowed_origins: [SHOP, "http://localhost:3000"],
    });
    const session = await newSession(m);
    for (const origin of [SHOP, "http://localhost:3000"]) {
      const response = await run(embedUrl(session.id, body.data.key, origin));
      expect(response.status).toBe(200);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain(`frame-ancestors ${origin};`);
      expect(csp).not.toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-frame-options")).toBeNull();
    }
  });

  it("answers a 403 page that cannot be framed to every other embed", async () => {
    const { body } = await create(m);
    const foreignKey = (await create(other)).body.data.key;
    const session = await newSession(m);
    const foreignSession = await newSession(other);
    const refusals = [
      embedUrl(session.id, body.data.key, "https://evil.example"),
      embedUrl(session.id, foreignKey, SHOP),
      embedUrl(foreignSession.id, body.data.key, SHOP),
      embedUrl(session.id, "pk_unknown_key_123", SHOP),
      embedUrl(session.id, m.users.admin.apiKey, SHOP),
      embedUrl(session.id, body.data.key, "*"),
      embedUrl(session.id, body.data.key, `${SHOP}/`),
      embedUrl("not-a-uuid", body.data.key, SHOP),
      embedUrl("00000000-0000-0000-0000-000000000000", body.data.key, SHOP),
      `http://test/checkout/${session.id}?embed=1`,
    ];
    for (const url of refusals) {
      const response = await run(url);
      expect([url, response.status]).toEqual([url, 403]);
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(await response.text()).toMatch(/cannot be shown here/);
    }
    await revokeKey(
      send("DELETE", `/api/v1/publishable-keys/${body.data.id}`, m.users.admin.apiKey),
      withId(body.data.id),
    );
    expect((await run(embedUrl(session.id, body.data.key, SHOP))).status).toBe(403);
  });

  it("leaves other pages to next.config.ts", async () => {
    const response = await run("http://test/payments");
    expect(response.headers.get("content-security-policy")).toBeNull();
  });
});

describe("the OpenAPI document", () => {
  it("describes the keys API and the browser read", async () => {
    const document = await (
      await openApi(new Request("http://test/api/v1/openapi.json"), noParams)
    ).json();
    expect(Object.keys(document.paths["/api/v1/publishable-keys"])).toEqual(["get", "post"]);
    expect(Object.keys(document.paths["/api/v1/publishable-keys/{id}"])).toEqual([
      "patch",
      "delete",
    ]);
    expect(Object.keys(document.paths["/api/checkout/v1/sessions/{id}"])).toEqual(["get"]);
  });
});
