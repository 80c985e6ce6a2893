import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { verifyWebhook } from "@/lib/domain/webhooks/signing";

/**
 * A merchant's webhook receiver on loopback, as a real one would be: it reads the raw body, checks
 * the signature with our verify function AND independently with node:crypto (so a bug shared by
 * signer and verifier cannot pass), and answers with the next status of a script.
 */
export type Received = {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  headers: IncomingHttpHeaders;
  answered: number;
  /** Per secret given to the receiver: did both checks accept the message. */
  verified: boolean[];
};

export async function startWebhookReceiver(options: {
  secrets: () => string[];
  /** Statuses to answer in turn; after the last, the last again. */
  answers?: number[];
  /** Per event id: answer this when set (overrides `answers`). */
  answerFor?: (id: string, attempt: number) => number;
}) {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const id = String(req.headers["webhook-id"] ?? "");
    const timestamp = String(req.headers["webhook-timestamp"] ?? "");
    const signature = String(req.headers["webhook-signature"] ?? "");
    const attempt = received.filter((r) => r.id === id).length + 1;
    const script = options.answers ?? [200];
    const answered = options.answerFor
      ? options.answerFor(id, attempt)
      : script[Math.min(received.length, script.length - 1)];
    const now = Math.floor(Date.now() / 1000);
    const verified = options
      .secrets()
      .map(
        (secret) =>
          verifyWebhook(secret, { id, timestamp, signature }, body, now).ok &&
          independentlyVerified(secret, id, timestamp, signature, body),
      );
    received.push({ id, timestamp, signature, body, headers: req.headers, answered, verified });
    res.writeHead(answered, { "content-type": "text/plain" });
    res.end(`answer ${answered}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Standard Webhooks check written out with node:crypto alone. */
function independentlyVerified(
  secret: string,
  id: string,
  timestamp: string,
  header: string,
  body: string,
): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return header.split(" ").some((entry) => {
    const [version, value] = entry.split(",");
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
