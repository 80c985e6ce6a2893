import { createServer } from "node:http";

/**
 * Every sandbox gateway route handler behind one real HTTP server on loopback, as the app serves
 * them, so the checkout adapter's fetch, timeouts and 5xx are real. Sets SANDBOX_GATEWAY_URL (and
 * puts the previous value back on close).
 */
export async function startSandboxCardGateway(): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const tokenize = await import("@/app/api/sandbox-gateway/tokenize/route");
  const charge = await import("@/app/api/sandbox-gateway/[code]/charge/route");
  const capture = await import("@/app/api/sandbox-gateway/[code]/capture/route");
  const charges = await import("@/app/api/sandbox-gateway/[code]/charges/[reference]/route");
  const operation = await import("@/app/api/sandbox-gateway/[code]/[operation]/route");
  type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
  const routes: { pattern: RegExp; names: string[]; module: Record<string, unknown> }[] = [
    { pattern: /^\/api\/sandbox-gateway\/tokenize$/, names: [], module: tokenize },
    { pattern: /^\/api\/sandbox-gateway\/([^/]+)\/charge$/, names: ["code"], module: charge },
    { pattern: /^\/api\/sandbox-gateway\/([^/]+)\/capture$/, names: ["code"], module: capture },
    {
      pattern: /^\/api\/sandbox-gateway\/([^/]+)\/charges\/([^/]+)$/,
      names: ["code", "reference"],
      module: charges,
    },
    {
      pattern: /^\/api\/sandbox-gateway\/([^/]+)\/([^/]+)$/,
      names: ["code", "operation"],
      module: operation,
    },
  ];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
    const handler = route?.module[req.method ?? "GET"] as Handler | undefined;
    if (!route || !handler) {
      res.writeHead(404).end();
      return;
    }
    const match = route.pattern.exec(url.pathname) ?? [];
    const params = Object.fromEntries(
      route.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? "")]),
    );
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const response = await handler(request, { params: Promise.resolve(params as never) });
    if (res.destroyed) return;
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const previous = process.env.SANDBOX_GATEWAY_URL;
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  process.env.SANDBOX_GATEWAY_URL = url;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        if (previous === undefined) delete process.env.SANDBOX_GATEWAY_URL;
        else process.env.SANDBOX_GATEWAY_URL = previous;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
