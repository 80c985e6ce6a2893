import {
  describeFailure,
  describeThrown,
  isPermanentStatus,
  type OutgoingMessage,
  PROVIDER_TIMEOUT_MS,
  type ProviderOutcome,
  type WhatsAppProviderPort,
} from "./port";

/**
 * Meta's WhatsApp Cloud API (WHATSAPP_API_URL such as https://graph.facebook.com/v21.0,
 * WHATSAPP_API_TOKEN, WHATSAPP_PHONE_NUMBER_ID): a text message is
 *
 *   POST <url>/<phone-number-id>/messages
 *   Authorization: Bearer <token>
 *   { "messaging_product": "whatsapp", "recipient_type": "individual", "to": "+96550001234",
 *     "type": "text", "text": { "preview_url": true, "body": "..." } }
 *
 * and the answer names the message: { "messaging_product": "whatsapp", "contacts": [...],
 * "messages": [{ "id": "wamid...." }] }. Errors come as { "error": { "message", "code", ... } }.
 * A free-form text only reaches a customer who wrote to the business in the last 24 hours;
 * otherwise Meta asks for an approved template (not sent here: see the README).
 */
export class WhatsAppCloudProvider implements WhatsAppProviderPort {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly phoneNumberId: string,
  ) {}

  async send(message: OutgoingMessage): Promise<ProviderOutcome> {
    let response: Response;
    try {
      response = await fetch(`${this.url}/${encodeURIComponent(this.phoneNumberId)}/messages`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${this.token}`,
        },
        body: JSON.stringify({
          messaging_product: "whatsapp",
          recipient_type: "individual",
          to: message.to,
          type: "text",
          // The payment link is the point of the message: let WhatsApp show its preview.
          text: { preview_url: true, body: message.text },
        }),
        signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
        redirect: "error",
      });
    } catch (error) {
      return { ok: false, error: `WhatsApp: ${describeThrown(error)}`, permanent: false };
    }
    if (!response.ok) {
      return {
        ok: false,
        error: `WhatsApp: ${await describeFailure(response)}`,
        permanent: isPermanentStatus(response.status),
      };
    }
    const body: unknown = await response.json().catch(() => null);
    const id = messageId(body);
    if (!id)
      return {
        ok: false,
        error: "WhatsApp: accepted the request but returned no message id",
        permanent: false,
      };
    return { ok: true, providerId: id };
  }
}

function messageId(body: unknown): string | null {
  if (!body || typeof body !== "object" || !("messages" in body)) return null;
  const { messages } = body;
  if (!Array.isArray(messages) || messages.length === 0) return null;
  const [first] = messages as unknown[];
  if (!first || typeof first !== "object" || !("id" in first)) return null;
  return typeof first.id === "string" && first.id !== "" && first.id.length <= 200
    ? first.id
    : null;
}
