import { config } from "@/lib/config";
import { ChargeResultSchema, OperationReplySchema } from "@/lib/validation/sandbox-gateway";
import type {
  ChargeResult,
  CheckoutGatewayPort,
  GatewayOperationInput,
  GatewayResult,
  PaymentGatewayPort,
} from "./port";

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

type Exchange =
  | { kind: "answer"; status: number; body: unknown }
  | { kind: "timeout" }
  | { kind: "unreachable" };

/** One call to the sandbox over HTTP; a timeout or a refused connection is an outcome, not a throw. */
async function exchange(
  url: string,
  init: { method: "GET" | "POST"; body?: unknown; idempotencyKey?: string },
  timeoutMs: number,
): Promise<Exchange> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: {
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...(init.idempotencyKey ? { "idempotency-key": init.idempotencyKey } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut =
      error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return timedOut ? { kind: "timeout" } : { kind: "unreachable" };
  }
  const body = await response.json().catch(() => null);
  return { kind: "answer", status: response.status, body };
}

/** The gateway's own error shape ({ error: { code, message } }) or nothing usable. */
function errorOf(status: number, body: unknown): { code: string; message: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    code: typeof error?.code === "string" ? error.code : `http_${status}`,
    message:
      typeof error?.message === "string" ? error.message : `The gateway answered HTTP ${status}.`,
  };
}

/**
 * Checkout over the sandbox gateway (lib/gateways/port.ts CheckoutGatewayPort), on loopback HTTP
 * like refund and void: charge, the charge's outcome after a challenge or redirect, and capture.
 * Whatever comes back is checked against the port's shape; anything else is an `error` outcome.
 */
export function sandboxCheckoutGateway(
  baseUrl = sandboxBaseUrl(),
  timeoutMs = gatewayTimeoutMs(),
): CheckoutGatewayPort {
  const gatewayUrl = (code: string, path: string) =>
    `${baseUrl}/api/sandbox-gateway/${encodeURIComponent(code)}/${path}`;
  const timeout = {
    outcome: "timeout",
    code: "timeout",
    message: `The gateway did not answer within ${timeoutMs / 1000} s.`,
    reference: null,
  } as const;
  const unreachable = {
    outcome: "error",
    code: "unreachable",
    message: "The gateway could not be reached.",
    reference: null,
  } as const;

  function chargeResult(answer: Exchange): ChargeResult {
    if (answer.kind === "timeout") return timeout;
    if (answer.kind === "unreachable") return unreachable;
    const parsed = ChargeResultSchema.safeParse(answer.body);
    if (parsed.success) return parsed.data;
    return { outcome: "error", ...errorOf(answer.status, answer.body), reference: null };
  }

  return {
    async charge(input) {
      return chargeResult(
        await exchange(
          gatewayUrl(input.gatewayCode, "charge"),
          {
            method: "POST",
            body: {
              merchantId: input.merchantId,
              paymentId: input.paymentId,
              attemptId: input.attemptId,
              amount: input.amount,
              currency: input.currency,
              capture: input.capture,
              source: input.source,
              returnUrl: input.returnUrl,
            },
          },
          timeoutMs,
        ),
      );
    },
    async getCharge(input) {
      const query = new URLSearchParams({ merchantId: input.merchantId });
      return chargeResult(
        await exchange(
          `${gatewayUrl(input.gatewayCode, `charges/${encodeURIComponent(input.reference)}`)}?${query}`,
          { method: "GET" },
          timeoutMs,
        ),
      );
    },
    async capture(input) {
      const answer = await exchange(
        gatewayUrl(input.gatewayCode, "capture"),
        {
          method: "POST",
          body: {
            merchantId: input.merchantId,
            reference: input.reference,
            amount: input.amount,
            currency: input.currency,
          },
          idempotencyKey: input.idempotencyKey,
        },
        timeoutMs,
      );
      if (answer.kind === "timeout") return timeout;
      if (answer.kind === "unreachable") return unreachable;
      const parsed = OperationReplySchema.safeParse(answer.body);
      if (answer.status >= 200 && answer.status < 300 && parsed.success)
        return {
          outcome: parsed.data.status,
          code: parsed.data.code,
          message: parsed.data.message,
          reference: parsed.data.reference ?? null,
        };
      const error = parsed.success
        ? { code: parsed.data.code, message: parsed.data.message }
        : errorOf(answer.status, answer.body);
      return { outcome: "error", ...error, reference: null };
    },
  };
}

export function gatewayTimeoutMs(): number {
  return config().gatewayTimeoutMs;
}

function sandboxBaseUrl(): string {
  return config().sandboxGatewayUrl;
}
