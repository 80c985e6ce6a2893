import { config } from "@/lib/config";
import type { GatewayOperationInput, GatewayResult, PaymentGatewayPort } from "./port";

/**
 * The sandbox gateway, reached over real HTTP on loopback (route handlers this app serves under
 * /api/sandbox-gateway), so timeouts and 5xx answers are real ones.
 */
export function sandboxGateway(
  baseUrl = sandboxBaseUrl(),
  timeoutMs = gatewayTimeoutMs(),
): PaymentGatewayPort {
  async function call(
    operation: "refund" | "void",
    input: GatewayOperationInput,
  ): Promise<GatewayResult> {
    const url = `${baseUrl}/api/sandbox-gateway/${encodeURIComponent(input.gatewayCode)}/${operation}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": input.idempotencyKey },
        body: JSON.stringify({
          merchantId: input.merchantId,
          paymentId: input.paymentId,
          amount: input.amount,
          currency: input.currency,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      return timedOut
        ? {
            outcome: "timeout",
            code: "timeout",
            message: `The gateway did not answer within ${timeoutMs / 1000} s.`,
            reference: null,
          }
        : {
            outcome: "error",
            code: "unreachable",
            message: "The gateway could not be reached.",
            reference: null,
          };
    }
    const body = (await response.json().catch(() => null)) as Partial<{
      status: string;
      code: string;
      message: string;
      reference: string;
    }> | null;
    if (!response.ok || !body) {
      return {
        outcome: "error",
        code: `http_${response.status}`,
        message: body?.message ?? `The gateway answered HTTP ${response.status}.`,
        reference: null,
      };
    }
    const outcome =
      body.status === "succeeded" ? "succeeded" : body.status === "pending" ? "pending" : "failed";
    return {
      outcome,
      code: body.code ?? "unknown",
      message: body.message ?? "",
      reference: body.reference ?? null,
    };
  }
  return { refund: (input) => call("refund", input), void: (input) => call("void", input) };
}

export function gatewayTimeoutMs(): number {
  return config().gatewayTimeoutMs;
}

function sandboxBaseUrl(): string {
  return config().sandboxGatewayUrl;
}
