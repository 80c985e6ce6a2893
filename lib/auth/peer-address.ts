import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";

/**
 * The TCP peer of a request, which Next.js does not hand to route handlers: `next start` copies the
 * socket address into X-Forwarded-For only when the client sent none (`??=` in
 * next/dist/server/base-server.js), so from inside the app a client's own X-Forwarded-For and the
 * socket are indistinguishable. installPeerAddressStamp() (called once per server process from
 * instrumentation.ts) wraps the Node HTTP server's "request" event and writes the socket's address
 * into PEER_HEADER before Next.js sees the request, with PEER_TOKEN_HEADER set to a random value
 * made at start-up and never sent out. peerAddressOf() believes PEER_HEADER only next to that token,
 * so a client's copy of the header, or a request that arrived before the stamp was installed, gives
 * no address at all.
 */
export const PEER_HEADER = "x-countersign-peer";
export const PEER_TOKEN_HEADER = "x-countersign-peer-token";

// Shared through globalThis: instrumentation and route handlers are separate bundles in one process.
const STATE = Symbol.for("countersign.peer-address");
type State = { token: string; installed: boolean };

function state(): State {
  const holder = globalThis as typeof globalThis & { [STATE]?: State };
  holder[STATE] ??= { token: randomBytes(24).toString("base64url"), installed: false };
  return holder[STATE];
}

export function stampPeerAddress(request: http.IncomingMessage): void {
  request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
  request.headers[PEER_TOKEN_HEADER] = state().token;
}

export function installPeerAddressStamp(): void {
  const current = state();
  if (current.installed) return;
  current.installed = true;
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit as (event: string | symbol, ...args: unknown[]) => boolean;
    Server.prototype.emit = function stampedEmit(
      this: http.Server,
      event: string | symbol,
      ...args: unknown[]
    ): boolean {
      if (event === "request") stampPeerAddress(args[0] as http.IncomingMessage);
      return emit.apply(this, [event, ...args]);
    };
  }
}

/** The socket's peer as stamped by this process, or null when the stamp is missing or forged. */
export function peerAddressOf(headers: Headers): string | null {
  const token = headers.get(PEER_TOKEN_HEADER);
  if (token === null || token !== state().token) return null;
  return headers.get(PEER_HEADER) || null;
}
