import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth, { type NextAuthOptions } from "next-auth";
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from "@/lib/auth/request-address";
import { AppError, ERROR_STATUS, errorBody } from "./errors";
import { errorResponse } from "./route";

/**
 * next-auth v4's route, with the app's input rules in front of it. next-auth answers 500 to input it
 * does not expect: a malformed JSON body (its app-router adapter calls `request.json()` unguarded),
 * a JSON body whose fields are not strings (`callbackUrl.startsWith` throws), and GET on the
 * credentials callback ("Callback for provider type credentials not supported"). Here the action
 * and method are checked against what this app serves, the body is read once (a form or a JSON
 * object of strings, at most MAX_BODY_BYTES), and no value may carry a control character: every
 * refusal is a 4xx in the one error shape, before next-auth runs.
 *
 * The checked request is handed to next-auth's Node (pages) handler rather than its app-router
 * adapter: that adapter re-reads the body and takes headers and cookies from `next/headers`, which
 * would undo the checks and hide the client address this wrapper sets (CLIENT_ADDRESS_HEADER).
 */

/** The next-auth actions this app uses (credentials provider, JWT sessions), and their methods. */
const ACTION_METHODS: Record<string, readonly ("GET" | "POST")[]> = {
  providers: ["GET"],
  csrf: ["GET"],
  session: ["GET", "POST"],
  signin: ["GET", "POST"],
  signout: ["GET", "POST"],
  // Credentials are only ever POSTed; GET serves OAuth and email providers, which this app has none of.
  callback: ["POST"],
  error: ["GET"],
  _log: ["POST"],
};

const MAX_BODY_BYTES = 16 * 1024;
// Single-line values (emails, passwords, tokens, URLs): no C0 control character and no DEL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

type RouteContext = { params: Promise<{ nextauth?: string[] }> };

export function nextAuthRoute(options: NextAuthOptions) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      return await handle(request, context, options);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

async function handle(
  request: Request,
  context: RouteContext,
  options: NextAuthOptions,
): Promise<Response> {
  const segments = (await context.params).nextauth ?? [];
  const action = segments[0] ?? "";
  const methods = Object.hasOwn(ACTION_METHODS, action) ? ACTION_METHODS[action] : undefined;
  if (!methods || segments.length > 2) throw new AppError("not_found", "Not found.");
  if (request.method === "OPTIONS") {
    return new Response(null, { status: 204, headers: { allow: methods.join(", ") } });
  }
  // Next.js answers HEAD with the GET handler; next-auth knows only GET and POST.
  const method = request.method === "HEAD" ? "GET" : request.method;
  if (!(methods as readonly string[]).includes(method)) {
    const error = new AppError(
      "method_not_allowed",
      `${request.method} is not allowed here; use ${methods.join(" or ")}.`,
    );
    return Response.json(errorBody(error), {
      status: ERROR_STATUS.method_not_allowed,
      headers: { allow: methods.join(", ") },
    });
  }

  const url = new URL(request.url);
  const query = checkedFields(Object.fromEntries(url.searchParams), "query");
  const body = method === "POST" ? checkedFields(await readBody(request), "body") : {};

  const headers = Object.fromEntries(request.headers);
  // Only this wrapper says where a request came from; a client's copy of the header is dropped.
  delete headers[CLIENT_ADDRESS_HEADER];
  headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(request.headers);

  const response = new CollectedResponse();
  const nextAuthRequest = {
    method,
    headers,
    cookies: parseCookies(request.headers.get("cookie") ?? ""),
    query: { ...query, nextauth: segments },
    body,
  };
  await NextAuth(
    nextAuthRequest as unknown as NextApiRequest,
    response as unknown as NextApiResponse,
    options,
  );
  return response.toResponse();
}

async function readBody(request: Request): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) throw tooLarge();
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (text === "") return {};
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (/^application\/([\w.+-]+\+)?json\b/.test(type)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AppError("invalid_json", "The body is not valid JSON.");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new AppError("validation_error", "Invalid body: send an object of text fields.");
    }
    return parsed as Record<string, unknown>;
  }
  throw new AppError(
    "unsupported_media_type",
    "Send the body as 'application/x-www-form-urlencoded' or 'application/json'.",
  );
}

/** Every field must be text without control characters; next-auth assumes strings throughout. */
function checkedFields(
  fields: Record<string, unknown>,
  where: "query" | "body",
): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (typeof value !== "string") {
      throw new AppError("validation_error", `Invalid ${where}: ${field}: must be text.`, [
        { field, message: "must be text" },
      ]);
    }
    if (CONTROL_CHARACTER.test(value)) {
      throw new AppError(
        "validation_error",
        `Invalid ${where}: ${field}: must not contain control characters.`,
        [{ field, message: "must not contain control characters" }],
      );
    }
    checked[field] = value;
  }
  return checked;
}

function parseCookies(header: string): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    const raw = part.slice(at + 1).trim();
    if (!name || Object.hasOwn(cookies, name)) continue;
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

function tooLarge(): AppError {
  return new AppError("payload_too_large", `The body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
}

/** The slice of Node's ServerResponse that next-auth's pages handler writes to. */
class CollectedResponse {
  private statusCode = 200;
  private readonly headers = new Map<string, string | string[]>();
  private body: BodyInit | null = null;

  status(code: number) {
    this.statusCode = code;
    return this;
  }

  getHeader(name: string) {
    return this.headers.get(name.toLowerCase());
  }

  setHeader(name: string, value: string | string[]) {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }

  json(value: unknown) {
    this.headers.set("content-type", "application/json");
    this.body = JSON.stringify(value);
  }

  send(value: unknown) {
    if (value === undefined || value === null) return;
    if (typeof value === "string") {
      this.body = value;
      return;
    }
    this.json(value);
  }

  end() {}

  toResponse(): Response {
    const headers = new Headers();
    for (const [name, value] of this.headers) {
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    headers.set("cache-control", headers.get("cache-control") ?? "no-store");
    return new Response(this.body, { status: this.statusCode, headers });
  }
}
