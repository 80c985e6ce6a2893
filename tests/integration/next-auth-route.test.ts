import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { hashPassword } from "@/lib/credentials/passwords";
import { prisma } from "@/lib/db";
import { resetDatabase, seedMerchant, type TestMerchant } from "./helpers";

/**
 * next-auth's own route, called with real Request objects against the real database: hostile
 * input is answered 4xx in the app's one error shape, never 500, and the normal sign-in still works.
 */
const ORIGIN = "http://localhost:3000";

let m: TestMerchant;

beforeAll(() => {
  process.env.NEXTAUTH_URL = ORIGIN;
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret";
});

beforeEach(async () => {
  await resetDatabase();
  m = await seedMerchant();
  await prisma.user.update({
    where: { id: m.users.maker.id },
    data: { passwordHash: await hashPassword("right-password") },
  });
});

const paramsOf = (path: string) => ({
  params: Promise.resolve({ nextauth: path.split("?")[0].split("/").filter(Boolean) }),
});

function call(
  method: "GET" | "POST",
  path: string,
  init: {
    body?: string;
    contentType?: string;
    cookie?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { host: "localhost:3000", ...init.headers };
  if (init.contentType) headers["content-type"] = init.contentType;
  if (init.cookie) headers.cookie = init.cookie;
  const request = new Request(`${ORIGIN}/api/auth/${path}`, { method, headers, body: init.body });
  return (method === "GET" ? GET : POST)(request, paramsOf(path));
}

async function errorOf(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.message).toBe("string");
  return body.error as { code: string; message: string; details?: unknown };
}

/** The CSRF cookie and token, as the sign-in form gets them. */
async function csrf(): Promise<{ cookie: string; token: string }> {
  const response = await call("GET", "csrf");
  expect(response.status).toBe(200);
  const { csrfToken } = await response.json();
  const cookie = (response.headers.getSetCookie?.() ?? [])
    .map((line) => line.split(";")[0])
    .join("; ");
  expect(cookie).toContain("csrf-token");
  return { cookie, token: csrfToken };
}

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}

describe("next-auth route: hostile input", () => {
  it("GET on the credentials callback is 405 method_not_allowed with Allow: POST, OPTIONS", async () => {
    const response = await call("GET", "callback/credentials");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST, OPTIONS");
    expect((await errorOf(response)).code).toBe("method_not_allowed");
  });

  it("every method an action does not serve is 405 with what it does serve; HEAD goes with GET", async () => {
    const request = (method: string, path: string) =>
      POST(
        new Request(`${ORIGIN}/api/auth/${path}`, { method, headers: { host: "localhost:3000" } }),
        paramsOf(path),
      );
    for (const [method, path, allow] of [
      ["PUT", "session", "GET, POST, HEAD, OPTIONS"],
      ["DELETE", "signout", "GET, POST, HEAD, OPTIONS"],
      ["PATCH", "csrf", "GET, HEAD, OPTIONS"],
      ["POST", "providers", "GET, HEAD, OPTIONS"],
      ["GET", "_log", "POST, OPTIONS"],
    ]) {
      const response = await request(method, path);
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get("allow")).toBe(allow);
      expect((await errorOf(response)).code).toBe("method_not_allowed");
    }
    expect((await request("HEAD", "csrf")).status).toBe(200);
  });

  it("an unknown action is the JSON 404", async () => {
    const response = await call("GET", "no-such-action");
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("not_found");
  });

  for (const path of ["_log", "session", "callback/credentials"]) {
    it(`malformed JSON on POST ${path} is 400 invalid_json`, async () => {
      const response = await call("POST", path, {
        body: '{"csrfToken": "x",',
        contentType: "application/json",
      });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe("invalid_json");
    });
  }

  it("JSON that is not an object of strings is 400 validation_error", async () => {
    for (const body of ["[1,2]", '"text"', "null", '{"callbackUrl": 5}', '{"email": ["a"]}']) {
      const response = await call("POST", "callback/credentials", {
        body,
        contentType: "application/json",
      });
      expect(response.status, body).toBe(400);
      expect((await errorOf(response)).code).toBe("validation_error");
    }
  });

  it("a body that is neither a form nor JSON is 415", async () => {
    const response = await call("POST", "callback/credentials", {
      body: "email=a",
      contentType: "text/plain",
    });
    expect(response.status).toBe(415);
    expect((await errorOf(response)).code).toBe("unsupported_media_type");
  });

  it("a NUL byte in the credentials is 400 validation_error and records nothing", async () => {
    const { cookie, token } = await csrf();
    for (const fields of [
      { email: `${m.users.maker.email}\u0000`, password: "right-password" },
      { email: m.users.maker.email, password: "right\u0000password" },
    ]) {
      const response = await call("POST", "callback/credentials", {
        body: form({ ...fields, csrfToken: token, json: "true" }),
        contentType: "application/x-www-form-urlencoded",
        cookie,
      });
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe("validation_error");
      expect(error.message).toMatch(/control characters/);
    }
    expect(await prisma.signInThrottle.count()).toBe(0);
  });

  it("a NUL byte in the query is 400 validation_error", async () => {
    const response = await call("GET", "signin?callbackUrl=%2F%00x");
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("validation_error");
  });
});

describe("next-auth route: signing in still works", () => {
  it("next-auth's redirect after sign-in stays on the app's origin", async () => {
    const { cookie, token } = await csrf();
    const signIn = (callbackUrl: string) =>
      call("POST", "callback/credentials", {
        body: form({
          email: m.users.maker.email,
          password: "right-password",
          csrfToken: token,
          callbackUrl,
          json: "true",
        }),
        contentType: "application/x-www-form-urlencoded",
        cookie,
      });
    const urls: string[] = [];
    for (const callbackUrl of [
      "/\\evil.example",
      "https://evil.example/x",
      "/.//evil.example",
      "/tickets/operation-requests?state=pending",
    ]) {
      const response = await signIn(callbackUrl);
      expect(response.status).toBe(200);
      urls.push((await response.json()).url);
    }
    expect(urls).toEqual([
      `${ORIGIN}/`,
      `${ORIGIN}/`,
      `${ORIGIN}/`,
      `${ORIGIN}/tickets/operation-requests?state=pending`,
    ]);
    // A tab never reaches the redirect: it is a control character.
    const tab = await signIn("/\t/evil.example");
    expect(tab.status).toBe(400);
    expect((await errorOf(tab)).code).toBe("validation_error");
  });

  it("the right password gets a session cookie; a wrong one is counted and refused", async () => {
    const { cookie, token } = await csrf();
    const wrong = await call("POST", "callback/credentials", {
      body: form({ email: m.users.maker.email, password: "wrong", csrfToken: token, json: "true" }),
      contentType: "application/x-www-form-urlencoded",
      cookie,
    });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).url).toMatch(/error=CredentialsSignin/);
    expect(await prisma.signInThrottle.count()).toBe(1);

    const right = await call("POST", "callback/credentials", {
      body: form({
        email: m.users.maker.email,
        password: "right-password",
        csrfToken: token,
        json: "true",
      }),
      contentType: "application/x-www-form-urlencoded",
      cookie,
    });
    expect(right.status).toBe(200);
    expect((right.headers.getSetCookie?.() ?? []).join("\n")).toMatch(/next-auth\.session-token=/);
    const session = await call("GET", "session", {
      cookie: (right.headers.getSetCookie?.() ?? []).map((line) => line.split(";")[0]).join("; "),
    });
    expect(await session.json()).toMatchObject({ userId: m.users.maker.id });
  });
});
