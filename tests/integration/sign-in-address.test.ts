import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { installPeerAddressStamp, PEER_HEADER, PEER_TOKEN_HEADER } from "@/lib/auth/peer-address";
import { hashPassword } from "@/lib/credentials/passwords";
import { prisma } from "@/lib/db";
import { resetDatabase, seedMerchant, type TestMerchant } from "./helpers";

/**
 * The sign-in throttle keys on the address the request really came from. next-auth's route runs
 * behind a real HTTP server on loopback with the same peer-address stamp the app installs in
 * instrumentation.ts; clients connect from different loopback addresses (127.0.0.2, 127.0.0.3), so
 * the socket addresses are real.
 */
let m: TestMerchant;
let server: http.Server;
let port: number;

beforeAll(async () => {
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret";
  installPeerAddressStamp();
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const request = new Request(`http://localhost:3000${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const nextauth = (req.url ?? "").split("?")[0].split("/").slice(3);
    const response = await (req.method === "POST" ? POST : GET)(request, {
      params: Promise.resolve({ nextauth }),
    });
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of response.headers) if (name !== "set-cookie") out[name] = value;
    out["set-cookie"] = response.headers.getSetCookie();
    res.writeHead(response.status, out);
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  await resetDatabase();
  m = await seedMerchant();
  await prisma.user.update({
    where: { id: m.users.maker.id },
    data: { passwordHash: await hashPassword("right-password") },
  });
});

afterEach(() => {
  delete process.env.TRUSTED_PROXIES;
});

type Reply = { status: number; body: string; cookies: string[] };

function send(
  from: string,
  method: "GET" | "POST",
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, localAddress: from, method, path, headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            cookies: (response.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** One sign-in attempt from `from`, with whatever extra headers the client chooses to send. */
async function attempt(from: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await send(from, "GET", "/api/auth/csrf");
  const { csrfToken } = JSON.parse(csrf.body);
  const reply = await send(
    from,
    "POST",
    "/api/auth/callback/credentials",
    {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrf.cookies.join("; "),
      ...headers,
    },
    new URLSearchParams({
      email: m.users.maker.email,
      password,
      csrfToken,
      json: "true",
    }).toString(),
  );
  const url = new URL(JSON.parse(reply.body).url);
  return {
    signedIn: reply.status === 200 && !url.searchParams.has("error"),
    locked: /Too many failed sign-ins/.test(url.searchParams.get("error") ?? ""),
  };
}

const throttledAddresses = async () =>
  (await prisma.signInThrottle.findMany({ orderBy: { ip: "asc" } })).map((row) => row.ip);

describe("sign-in throttle: the address is the socket's unless a proxy is trusted", () => {
  it("a new X-Forwarded-For on every try does not escape the lock", async () => {
    const results = [];
    for (let i = 1; i <= 6; i++) {
      results.push(await attempt("127.0.0.2", "wrong", { "x-forwarded-for": `198.51.100.${i}` }));
    }
    expect(results.map((r) => r.locked)).toEqual([false, false, false, false, true, true]);
    expect(
      await attempt("127.0.0.2", "right-password", { "x-forwarded-for": "203.0.113.99" }),
    ).toEqual({ signedIn: false, locked: true });
    expect(await throttledAddresses()).toEqual(["127.0.0.2"]);
  });

  it("naming a victim's address in X-Forwarded-For does not lock the victim out", async () => {
    for (let i = 0; i < 5; i++) {
      await attempt("127.0.0.2", "wrong", {
        "x-forwarded-for": "127.0.0.3",
        "x-real-ip": "127.0.0.3",
      });
    }
    expect(await attempt("127.0.0.3", "right-password")).toEqual({ signedIn: true, locked: false });
    expect(await attempt("127.0.0.2", "right-password")).toEqual({ signedIn: false, locked: true });
  });

  it("a client's own copy of the peer headers is overwritten by the stamp", async () => {
    for (let i = 0; i < 5; i++) {
      await attempt("127.0.0.2", "wrong", {
        [PEER_HEADER]: `192.0.2.${i}`,
        [PEER_TOKEN_HEADER]: "guess",
        "x-countersign-client-address": `192.0.2.${i}`,
      });
    }
    expect(await throttledAddresses()).toEqual(["127.0.0.2"]);
  });

  it("with TRUSTED_PROXIES=1 the address the proxy appended counts, and only that", async () => {
    process.env.TRUSTED_PROXIES = "1";
    // 127.0.0.2 plays the proxy: it appends the client's address to what the client sent.
    for (let i = 0; i < 5; i++) {
      await attempt("127.0.0.2", "wrong", { "x-forwarded-for": `6.6.6.${i}, 198.51.100.7` });
    }
    expect(
      await attempt("127.0.0.2", "right-password", { "x-forwarded-for": "198.51.100.7" }),
    ).toEqual({ signedIn: false, locked: true });
    expect(
      await attempt("127.0.0.2", "right-password", { "x-forwarded-for": "198.51.100.8" }),
    ).toEqual({ signedIn: true, locked: false });
    expect(await throttledAddresses()).toEqual(["198.51.100.7"]);
  });
});
