import { errorResponse, methodNotAllowed } from "@/lib/api/route";
import { authenticateRequest, can } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import {
  type OperationRequestChangeEvent,
  subscribeToOperationRequestChanges,
} from "@/lib/realtime/operation-request-events";

/*
 * GET /api/v1/operation-requests/stream: server-sent events, one `change` per committed change to
 * one of the caller's merchant's operation requests ({ id, state, at }), and `resync` when changes
 * may have been missed. Not apiRoute: that answers one JSON body, and this answer is a stream.
 */

export const dynamic = "force-dynamic";

const PING_MS = 15_000;
/**
 * The stream authenticated its caller once, when it opened. Closing it now and then makes the
 * browser reconnect (after `retry`), which checks the session, the key and the membership again.
 */
const MAX_STREAM_MS = 10 * 60_000;

export async function GET(request: Request): Promise<Response> {
  const principal = await authenticateRequest(request);
  if (!principal) {
    return errorResponse(
      new AppError(
        "unauthenticated",
        "Sign in, or send an API key as 'Authorization: Bearer <key>'.",
      ),
    );
  }
  if (!can(principal, "operation_requests.view")) {
    return errorResponse(
      new AppError("forbidden", "You do not have the 'operation_requests.view' permission."),
    );
  }

  const log = logger.child({ component: "operation-request-stream", userId: principal.userId });
  const encoder = new TextEncoder();
  let close = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const unsubscribe = subscribeToOperationRequestChanges(principal.merchantId, (event) => {
        if (event.type === "closing") close();
        else send(format(event));
      });
      const ping = setInterval(() => send(": ping\n\n"), PING_MS);
      const expiry = setTimeout(() => close(), MAX_STREAM_MS);
      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(ping);
        clearTimeout(expiry);
        unsubscribe();
        log.debug("stream closed");
        request.signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // Already closed or errored by the client going away.
        }
      };
      request.signal.addEventListener("abort", close);
      if (request.signal.aborted) close();
      log.debug("stream opened");
      send("retry: 2000\n\n");
    },
    cancel() {
      close();
    },
  });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform also keeps the compression middleware from buffering the stream.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}

function format(event: Exclude<OperationRequestChangeEvent, { type: "closing" }>): string {
  if (event.type === "resync" || event.type === "ready")
    return `event: ${event.type}\ndata: {}\n\n`;
  return `event: change\ndata: ${JSON.stringify({ id: event.id, state: event.state, at: event.at })}\n\n`;
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
