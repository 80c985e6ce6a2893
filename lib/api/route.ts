import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { authenticateRequest, can, type Principal } from "@/lib/auth/principal";
import type { Permission } from "@/lib/domain/auth/permissions";
import { logger } from "@/lib/log";
import { AppError, ERROR_STATUS, type ErrorBody, errorBody } from "./errors";
import { readIdempotencyKey, requestFingerprint, withIdempotency } from "./idempotency";

/**
 * Every route handler is: authenticate -> check the named permission -> parse (zod) -> handler ->
 * validate the output -> respond. Client mistakes become 4xx in the one error shape; anything
 * unexpected is logged with the request id and answered with a generic 500.
 */
type Access = Permission | "authenticated" | "public";

type Config<
  A extends Access,
  Q extends z.ZodType,
  B extends z.ZodType,
  P extends z.ZodType,
  O extends z.ZodType,
> = {
  /**
   * The permission the caller must hold; "public" for unauthenticated routes such as health;
   * "authenticated" when the permission depends on the record, and the service's policy
   * (lib/domain/policies) decides once it has loaded it.
   */
  permission: A;
  query?: Q;
  body?: B;
  params?: P;
  /** The response body's schema, checked before anything leaves. */
  output?: O;
  maxBodyBytes?: number;
  /**
   * A POST whose body has only optional fields (approve, decline) may come without one: a request
   * with no Content-Type and an empty body is read as `{}`. A body that is sent must still be JSON.
   */
  bodyOptional?: boolean;
  /**
   * Honour an `Idempotency-Key` header (lib/api/idempotency.ts): a repeat of the same request gets
   * the first response again. For authenticated POST routes (keys are per merchant); the raw body is
   * read and hashed even without a body schema. The key is claimed only once the input has passed
   * validation: a request refused before it ran does not use it up.
   */
  idempotent?: boolean;
  /**
   * Runs once the answer is made (errors included), with the caller when one was authenticated:
   * for work about the answer itself, such as telling a merchant about errors. It runs before the
   * answer is returned; its own failure is logged and never changes the answer.
   */
  onAnswered?: (answer: Answered) => Promise<void>;
};

export type Answered = {
  request: Request;
  response: Response;
  principal: Principal | null;
  requestId: string;
  log: typeof logger;
};

type Context<A extends Access, Q, B, P> = {
  request: Request;
  requestId: string;
  /** Nobody on a public route: the type keeps a public handler from reading a caller. */
  principal: A extends "public" ? null : Principal;
  query: Q;
  body: B;
  params: P;
  log: typeof logger;
};

export type HandlerResult<O> =
  | { status?: number; body: O; headers?: Record<string, string> }
  | Response;

const DEFAULT_MAX_BODY = 64 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export function apiRoute<
  const A extends Access,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
  O extends z.ZodType = z.ZodUnknown,
>(
  config: Config<A, Q, B, P, O>,
  handler: (
    context: Context<A, z.output<Q>, z.output<B>, z.output<P>>,
  ) => Promise<HandlerResult<z.input<O>>>,
) {
  return async (
    request: Request,
    routeContext: { params: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    const incomingId = request.headers.get("x-request-id");
    const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    const log = logger.child({
      requestId,
      method: request.method,
      path: new URL(request.url).pathname,
    });
    const started = performance.now();
    let caller: Principal | null = null;
    let response: Response;
    try {
      response = await handle();
    } catch (error) {
      response = errorResponse(error, log);
    }
    response.headers.set("x-request-id", requestId);
    response.headers.set("cache-control", "no-store");
    if (config.onAnswered) {
      try {
        await config.onAnswered({ request, response, principal: caller, requestId, log });
      } catch (error) {
        log.error({ err: error }, "onAnswered failed; the answer stands");
      }
    }
    log.info({ status: response.status, ms: Math.round(performance.now() - started) }, "request");
    return response;

    async function handle(): Promise<Response> {
      const principal = config.permission === "public" ? null : await authenticateRequest(request);
      caller = principal;
      if (config.permission !== "public") {
        if (!principal) {
          throw new AppError(
            "unauthenticated",
            "Sign in, or send an API key as 'Authorization: Bearer <key>'.",
          );
        }
        if (config.permission !== "authenticated" && !can(principal, config.permission)) {
          throw new AppError("forbidden", `You do not have the '${config.permission}' permission.`);
        }
      }
      const idempotencyKey = config.idempotent && principal ? readIdempotencyKey(request) : null;
      const params = parse(config.params, await routeContext.params, "path");
      const query = parse(config.query, queryObject(new URL(request.url).searchParams), "query");
      const maxBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY;
      const rawBody = config.body
        ? await readJsonText(request, maxBytes, config.bodyOptional === true)
        : config.idempotent
          ? await readText(request, maxBytes)
          : undefined;
      const body = config.body ? parse(config.body, parseJson(rawBody ?? ""), "body") : undefined;
      if (idempotencyKey === null || !principal) return respond(principal, params, query, body);
      const fingerprint = requestFingerprint({
        method: request.method,
        path: new URL(request.url).pathname,
        userId: principal.userId,
        body: rawBody ?? "",
      });
      // Failures become responses inside, so that a 4xx is remembered like any other answer.
      return withIdempotency(
        { merchantId: principal.merchantId, key: idempotencyKey, fingerprint },
        () =>
          respond(principal, params, query, body).catch((error: unknown) =>
            errorResponse(error, log),
          ),
        log,
      );
    }

    async function respond(
      principal: Principal | null,
      params: unknown,
      query: unknown,
      body: unknown,
    ): Promise<Response> {
      const result = await handler({
        request,
        requestId,
        principal: principal as Context<A, unknown, unknown, unknown>["principal"],
        query: query as z.output<Q>,
        body: body as z.output<B>,
        params: params as z.output<P>,
        log: log.child({ userId: principal?.userId }),
      });
      if (result instanceof Response) return result;
      const output = config.output
        ? config.output.safeParse(result.body)
        : { success: true as const, data: result.body };
      if (!output.success) {
        log.error({ issues: output.error.issues }, "response failed its own schema");
        throw new Error("response failed its own schema");
      }
      return Response.json(output.data, { status: result.status ?? 200, headers: result.headers });
    }
  };
}

/**
 * The query string as a plain record with no prototype, so that `__proto__`, `constructor` and the
 * like are own keys like any other: a strict schema reports them as unknown parameters, and none
 * can reach Object.prototype. Of a repeated parameter the last counts.
 */
export function queryObject(searchParams: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = Object.create(null);
  for (const [key, value] of searchParams) query[key] = value;
  return query;
}

function parse<S extends z.ZodType | undefined>(
  schema: S,
  value: unknown,
  where: "path" | "query" | "body",
) {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues.map((issue) => ({
      field: issue.path.join(".") || where,
      message: issue.message,
    }));
    const first = details[0];
    throw new AppError(
      "validation_error",
      `Invalid ${where}: ${first.field === where ? "" : `${first.field}: `}${first.message}`,
      details,
    );
  }
  return result.data;
}

async function readJsonText(
  request: Request,
  maxBytes: number,
  emptyIsObject: boolean,
): Promise<string> {
  const type = request.headers.get("content-type") ?? "";
  if (emptyIsObject && type === "") {
    const text = await readText(request, maxBytes);
    if (text === "") return "{}";
  }
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      "Send the body as JSON with 'Content-Type: application/json'.",
    );
  }
  return readText(request, maxBytes);
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await request.text();
  if (Buffer.byteLength(text, "utf8") > maxBytes) throw tooLarge(maxBytes);
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON.");
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    "payload_too_large",
    `The body is larger than ${Math.round(maxBytes / 1024)} KB.`,
  );
}

export function errorResponse(error: unknown, log: typeof logger = logger): Response {
  if (error instanceof AppError)
    return Response.json(errorBody(error), { status: ERROR_STATUS[error.code] });
  if (isDatabaseUnavailable(error)) {
    log.warn({ err: error }, "database unavailable");
    return Response.json(
      errorBody(
        new AppError(
          "service_unavailable",
          "The database is not reachable right now. Try again shortly.",
        ),
      ),
      {
        status: 503,
        headers: { "retry-after": "5" },
      },
    );
  }
  log.error({ err: error }, "unexpected error");
  const body: ErrorBody = {
    error: {
      code: "internal_error",
      message:
        "Something went wrong on our side. Try again; if it persists, quote the x-request-id header.",
    },
  };
  return Response.json(body, { status: 500 });
}

/** The database is down or unreachable: the client may retry, so 503 rather than 500. */
function isDatabaseUnavailable(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""} ${JSON.stringify((error as { cause?: unknown })?.cause ?? "")}`;
  return /DatabaseNotReachable|ECONNREFUSED|ECONNRESET|P1001|P1017|Can't reach database|Connection terminated/i.test(
    text,
  );
}

/** The methods a route file answers for itself; Next.js derives HEAD from GET. */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type PlainHandler = (request: Request) => Promise<Response>;

export function allowHeader(served: readonly HttpMethod[]): string {
  return [...served, ...(served.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
}

/**
 * The handlers for every method a route file does not serve: 405 `method_not_allowed` in the one
 * error shape with an `Allow` header (Next.js's own 405 has an empty body), and OPTIONS answering
 * 204 with the same `Allow` (Next.js's would list these 405 handlers as allowed). Spread into the
 * route file: `export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);`
 */
export function methodNotAllowed<const Served extends readonly HttpMethod[]>(
  served: Served,
): Record<Exclude<HttpMethod, Served[number]> | "OPTIONS", PlainHandler> {
  const allow = allowHeader(served);
  const refuse: PlainHandler = async (request) =>
    Response.json(
      errorBody(
        new AppError(
          "method_not_allowed",
          `${request.method} is not allowed here; allowed: ${allow}.`,
          { allowed: allow.split(", ") },
        ),
      ),
      { status: 405, headers: { allow, "cache-control": "no-store" } },
    );
  const answerOptions: PlainHandler = async () =>
    new Response(null, { status: 204, headers: { allow } });
  const handlers: Record<string, PlainHandler> = { OPTIONS: answerOptions };
  for (const method of HTTP_METHODS) if (!served.includes(method)) handlers[method] = refuse;
  return handlers as Record<Exclude<HttpMethod, Served[number]> | "OPTIONS", PlainHandler>;
}

/** Every method on a path that does not exist: the JSON 404, not Next.js's HTML page. */
export function notFoundEverywhere(): Record<HttpMethod | "OPTIONS", PlainHandler> {
  const answer: PlainHandler = async () =>
    Response.json(
      errorBody(
        new AppError("not_found", "No such API endpoint; see /api/v1/openapi.json for the list."),
      ),
      { status: 404, headers: { "cache-control": "no-store" } },
    );
  return { GET: answer, POST: answer, PUT: answer, PATCH: answer, DELETE: answer, OPTIONS: answer };
}
