/**
 * A route handler behind a real HTTP server on loopback, as Next.js would serve it: the Request
 * carries the headers and an abort signal that fires when the client goes away, and the Response
 * body is streamed chunk by chunk (server-sent events must not be buffered).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (request: Request) => Promise<Response>;

export async function serveRoute(
  handler: Handler,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => void respond(handler, req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function respond(handler: Handler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const aborted = new AbortController();
  res.on("close", () => aborted.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const one of value) headers.append(name, one);
  }
  const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method: req.method,
    headers,
    signal: aborted.signal,
  });
  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(String(error));
    return;
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      res.write(value);
    }
  } catch {
    // The stream errored or the client left; either way there is nothing more to send.
  } finally {
    reader.cancel().catch(() => {});
    res.end();
  }
}
