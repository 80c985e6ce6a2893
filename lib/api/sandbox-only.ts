import { config } from "@/lib/config";
import { AppError, errorBody } from "./errors";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * The sandbox gateway's endpoints exist only in sandbox mode: elsewhere every request (whatever
 * its method or body) gets the same 404 as a path that does not exist.
 */
export function sandboxOnly<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    if (!config().sandboxMode)
      return Response.json(errorBody(new AppError("not_found", "Not found.")), {
        status: 404,
        headers: { "cache-control": "no-store" },
      });
    return handler(request, context);
  };
}

/**
 * CORS for an endpoint the browser calls directly (the tokenize call of the hosted page): only the
 * app's own origin. A request with no Origin (a server, a test) is not a browser's cross-origin
 * call and passes; a foreign or opaque ("null") origin is refused before anything runs.
 */
export function sameOriginCors<C>(
  handler: Handler<C>,
  methods: string,
): {
  handler: Handler<C>;
  preflight: Handler<C>;
} {
  const allowed = () => new URL(config().appUrl).origin;
  const corsHeaders = (origin: string) => ({
    "access-control-allow-origin": origin,
    "access-control-allow-methods": `${methods}, OPTIONS`,
    "access-control-allow-headers": "content-type",
    "access-control-max-age": "600",
    vary: "Origin",
  });
  const refuse = () =>
    Response.json(
      errorBody(
        new AppError("forbidden", "This endpoint accepts calls from this site's pages only."),
      ),
      { status: 403, headers: { vary: "Origin", "cache-control": "no-store" } },
    );
  return {
    handler: async (request, context) => {
      const origin = request.headers.get("origin");
      if (origin !== null && origin !== allowed()) return refuse();
      const response = await handler(request, context);
      if (origin !== null)
        for (const [name, value] of Object.entries(corsHeaders(origin)))
          response.headers.set(name, value);
      return response;
    },
    preflight: async (request) => {
      const origin = request.headers.get("origin");
      if (origin !== null && origin !== allowed()) return refuse();
      return new Response(null, {
        status: 204,
        headers: {
          allow: `${methods}, OPTIONS`,
          ...(origin === null ? {} : corsHeaders(origin)),
        },
      });
    },
  };
}
