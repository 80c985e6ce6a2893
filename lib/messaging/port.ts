/**
 * What the product needs from an SMS or WhatsApp provider: send one text to one E.164 number and
 * say whether it was accepted. Adapters translate each provider's protocol; the outbox sees only
 * these outcomes.
 */
export type OutgoingMessage = {
  /** E.164, checked by the outbox table's CHECK. */
  to: string;
  text: string;
  /** The same on every attempt of one outbox row, so a provider that honours it sends once. */
  idempotencyKey: string;
};

export type ProviderOutcome =
  | { ok: true; providerId: string }
  /** `permanent`: the provider refused the message itself; retrying the same request cannot help. */
  | { ok: false; error: string; permanent: boolean };

export interface SmsProviderPort {
  send(message: OutgoingMessage): Promise<ProviderOutcome>;
}

export interface WhatsAppProviderPort {
  send(message: OutgoingMessage): Promise<ProviderOutcome>;
}

/** How long one provider call may take before it counts as a failure to retry. */
export const PROVIDER_TIMEOUT_MS = 15_000;

/** Refusals of the request itself (bad number, text too long); anything else may pass later. */
export function isPermanentStatus(status: number): boolean {
  return status === 400 || status === 404 || status === 422;
}

/** The first bytes of a provider's answer, for last_error: enough to diagnose, never unbounded. */
export async function describeFailure(response: Response): Promise<string> {
  const body = await response.text().catch(() => "");
  return `HTTP ${response.status}${body ? `: ${body.slice(0, 500)}` : ""}`;
}

export function describeThrown(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError")
    return `no answer within ${PROVIDER_TIMEOUT_MS / 1000} s`;
  return error instanceof Error ? error.message : String(error);
}
