import "server-only";
import { randomBytes } from "node:crypto";
import type { SandboxCharge } from "@prisma/client";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { moneyFromDecimal, parseMoney, toDecimalString } from "@/lib/domain/money/money";
import {
  type ChargeDecision,
  decideCharge,
  isAllowedReturnUrl,
} from "@/lib/domain/sandbox-gateway/charge-flow";
import { AppError } from "@/lib/errors";
import type { ChargeResult } from "@/lib/gateways/port";
import { gatewayTimeoutMs } from "@/lib/gateways/sandbox-gateway";
import { toChargeResult } from "@/lib/queries/sandbox-gateway/sandbox-charges";
import type { ChargeBody } from "@/lib/validation/sandbox-gateway";
import { takeSandboxAnswer } from "./take-sandbox-answer";

export type ChargeReply = { httpStatus: number; body: ChargeResult } | { hang: number };

type Input = ChargeBody & { gatewayCode: string };

/**
 * The sandbox gateway's charge. One charge per attempt id: a repeat of the same charge answers
 * the first charge as it stands now (a retry after a lost answer moves no money twice); the same
 * attempt id with a different charge is refused. Declines are recorded under the attempt (its
 * final answer); gateway errors and timeouts are not, so a retry is a fresh try, as for refunds.
 */
export async function createSandboxCharge(input: Input): Promise<ChargeReply> {
  const existing = await prisma.sandboxCharge.findUnique({ where: { attemptId: input.attemptId } });
  if (existing) return replay(existing, input);

  const gateway = await prisma.paymentGateway.findUnique({
    where: { merchantId_code: { merchantId: input.merchantId, code: input.gatewayCode } },
    include: { sandbox: true },
  });
  if (!gateway)
    throw new AppError("not_found", `No gateway ${input.gatewayCode} for this merchant.`);
  if (gateway.currency !== input.currency)
    throw invalid("currency", `The gateway ${gateway.code} takes ${gateway.currency} only.`);
  const parsed = parseMoney(input.amount, input.currency);
  if (!parsed.ok) throw invalid("amount", parsed.error.message);
  if (parsed.money.minor === 0n) throw invalid("amount", "The amount must be greater than zero.");
  const amount = toDecimalString(parsed.money);
  if (!isAllowedReturnUrl(input.returnUrl, config().appUrl))
    throw invalid("returnUrl", "The return URL must be an http(s) URL on this app's own origin.");

  const source = input.source;
  const card =
    source.kind === "card_token" || source.kind === "saved_card"
      ? await prisma.sandboxCardToken.findUnique({ where: { token: source.token } })
      : null;
  if ((source.kind === "card_token" || source.kind === "saved_card") && !card)
    throw invalid("source.token", "Unknown card token.");

  let decision: ChargeDecision;
  const answer = await takeSandboxAnswer(gateway, amount);
  switch (answer) {
    case "error":
      return {
        httpStatus: 502,
        body: {
          outcome: "error",
          code: "502",
          message: "Gateway error: the acquirer is unavailable.",
          reference: null,
        },
      };
    case "timeout":
      return { hang: gatewayTimeoutMs() + 2000 };
    case "decline":
      decision = {
        status: "declined",
        threeDs: "none",
        code: "05",
        message: "Do not honour: declined by the issuer.",
      };
      break;
    case "succeed":
      decision = decideCharge(source.kind, card?.scenario ?? null);
      break;
  }

  const finished =
    decision.status !== "pending_challenge" && decision.status !== "pending_redirect";
  await prisma.sandboxCharge.createMany({
    data: [
      {
        reference: `SBXC-${randomBytes(8).toString("hex").toUpperCase()}`,
        merchantId: input.merchantId,
        gatewayCode: gateway.code,
        paymentId: input.paymentId,
        attemptId: input.attemptId,
        amount,
        currency: input.currency,
        capture: input.capture,
        capturedAmount: decision.status === "succeeded" && input.capture ? amount : "0",
        source: source.kind,
        status: decision.status,
        threeDs: decision.threeDs,
        cardToken: card?.token ?? null,
        cardBrand: card?.brand ?? null,
        cardLast4: card?.last4 ?? null,
        cardExpMonth: card?.expMonth ?? null,
        cardExpYear: card?.expYear ?? null,
        returnUrl: input.returnUrl,
        code: decision.code,
        message: decision.message,
        finishedAt: finished ? new Date() : null,
      },
    ],
    skipDuplicates: true,
  });
  // Whoever inserted first, every caller with this attempt id answers with that one row.
  return replay(
    await prisma.sandboxCharge.findUniqueOrThrow({ where: { attemptId: input.attemptId } }),
    input,
  );
}

function replay(row: SandboxCharge, input: Input): ChargeReply {
  const sameToken =
    input.source.kind === "card_token" || input.source.kind === "saved_card"
      ? row.cardToken === input.source.token
      : row.cardToken === null;
  const asked = parseMoney(input.amount, input.currency);
  const sameAmount =
    row.currency === input.currency &&
    asked.ok &&
    toDecimalString(moneyFromDecimal(row.amount, row.currency)) === toDecimalString(asked.money);
  const same =
    row.merchantId === input.merchantId &&
    row.gatewayCode === input.gatewayCode &&
    row.paymentId === input.paymentId &&
    sameAmount &&
    row.capture === input.capture &&
    row.source === input.source.kind &&
    sameToken &&
    row.returnUrl === input.returnUrl;
  if (!same)
    throw new AppError(
      "conflict",
      "This attempt id was already used for a different charge; use a new attempt id.",
    );
  return { httpStatus: 200, body: toChargeResult(row) };
}

function invalid(field: string, message: string): AppError {
  return new AppError("validation_error", `Invalid body: ${field}: ${message}`, [
    { field, message },
  ]);
}
