import {
  describeFailure,
  describeThrown,
  isPermanentStatus,
  type OutgoingMessage,
  PROVIDER_TIMEOUT_MS,
  type ProviderOutcome,
  type SmsProviderPort,
} from "./port";

/**
 * A generic HTTP SMS provider (SMS_PROVIDER_URL, SMS_PROVIDER_TOKEN). The contract, in the README
 * under "SMS provider contract", is small on purpose so that any gateway can be put behind it with
 * a few lines:
 *
 *   POST <SMS_PROVIDER_URL>
 *   Content-Type: application/json
 *   Authorization: Bearer <SMS_PROVIDER_TOKEN>     (when set)
 *   Idempotency-Key: message-outbox/<outbox id>    (the same on every retry of one message)
 *   { "to": "+96550001234", "text": "..." }
 *
 *   2xx with { "id": "<provider message id>" }: accepted.
 *   400, 404, 422: the message itself is refused (not retried). Anything else, or no answer within
 *   15 s: retried with backoff.
 */
export class HttpSmsProvider implements SmsProviderPort {
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
  ) {}

  async send(message: OutgoingMessage): Promise<ProviderOutcome> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "idempotency-key": message.idempotencyKey,
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, text: message.text }),
        signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
        redirect: "error",
      });
    } catch (error) {
      return { ok: false, error: `SMS provider: ${describeThrown(error)}`, permanent: false };
    }
    if (!response.ok) {
      return {
        ok: false,
        error: `SMS provider: ${await describeFailure(response)}`,
        permanent: isPermanentStatus(response.status),
      };
    }
    const body: unknown = await response.json().catch(() => null);
    const id =
      body && typeof body === "object" && "id" in body && typeof body.id === "string"
        ? body.id
        : null;
    if (!id || id.length > 200)
      return {
        ok: false,
        error: "SMS provider: accepted the request but returned no message id",
        permanent: false,
      };
    return { ok: true, providerId: id };
  }
}
