import "server-only";
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { MAX_RESPONSE_BYTES, truncateUtf8 } from "@/lib/domain/webhooks/response-body";
import { checkLiteralAddress, guardedLookup } from "./webhook-address";

export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Connections are kept alive between deliveries to the same host, as a receiver expects of a busy
 * sender. Each new connection resolves through guardedLookup, so a kept one was checked when made.
 */
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 16, timeout: 30_000 };
const agents = { http: new HttpAgent(AGENT_OPTIONS), https: new HttpsAgent(AGENT_OPTIONS) };

export type PostResult =
  | { ok: true; status: number; body: string; durationMs: number }
  | { ok: false; error: string; durationMs: number };

/**
 * POSTs one signed webhook. Connects only through guardedLookup (the SSRF check on every address
 * the host resolves to); never follows redirects; reads at most 4 KB of the answer; gives up after
 * 10 seconds in all. Never throws: every failure is a result with the reason.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, error: "The URL is not valid.", durationMs: 0 };
  }
  const host = target.hostname.replace(/^\[|\]$/g, "");
  const refused = checkLiteralAddress(host);
  if (refused) return { ok: false, error: refused, durationMs: elapsed() };
  const https = target.protocol === "https:";
  const send = https ? httpsRequest : httpRequest;
  const payload = Buffer.from(body, "utf8");
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = send(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(payload.length) },
        lookup: guardedLookup as never,
        agent: https ? agents.https : agents.http,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size >= MAX_RESPONSE_BYTES) return;
          chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_RESPONSE_BYTES) {
            // Enough for the log; the rest is not read.
            finish({
              ok: true,
              status: res.statusCode ?? 0,
              body: truncateUtf8(Buffer.concat(chunks), MAX_RESPONSE_BYTES),
              durationMs: elapsed(),
            });
            res.destroy();
          }
        });
        res.on("end", () =>
          finish({
            ok: true,
            status: res.statusCode ?? 0,
            body: truncateUtf8(Buffer.concat(chunks), MAX_RESPONSE_BYTES),
            durationMs: elapsed(),
          }),
        );
        res.on("error", (error) =>
          finish({ ok: false, error: errorText(error), durationMs: elapsed() }),
        );
      },
    );
    const timer = setTimeout(() => {
      finish({
        ok: false,
        error: `No answer within ${Math.round(timeoutMs / 1000)} s.`,
        durationMs: elapsed(),
      });
      req.destroy();
    }, timeoutMs);
    req.on("error", (error) =>
      finish({ ok: false, error: errorText(error), durationMs: elapsed() }),
    );
    req.end(payload);
  });
}

function errorText(error: Error & { code?: string }): string {
  const text =
    error.code && !error.message.includes(error.code)
      ? `${error.code}: ${error.message}`
      : error.message;
  return text.slice(0, 1000) || "The request failed.";
}
