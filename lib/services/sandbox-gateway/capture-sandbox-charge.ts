import "server-only";
import { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import {
  compareMoney,
  moneyFromDecimal,
  parseMoney,
  toDecimalString,
} from "@/lib/domain/money/money";
import { AppError, notFound } from "@/lib/errors";
import { gatewayTimeoutMs } from "@/lib/gateways/sandbox-gateway";
import type { SandboxReply } from "@/lib/services/gateways/process-sandbox-operation";
import type { CaptureBody } from "@/lib/validation/sandbox-gateway";
import { takeSandboxAnswer } from "./take-sandbox-answer";

type Input = CaptureBody & { gatewayCode: string; idempotencyKey: string };

/**
 * The capture of an authorized charge: once per charge, all or part of the amount (the rest of the
 * hold is released). By idempotency key: the same key answers the first capture again; another key
 * on a captured charge is refused. Answers as refund and void do ({ status, code, message,
 * reference }); a refusal the merchant can act on is `failed` with a code, not an HTTP error.
 */
export async function captureSandboxCharge(input: Input): Promise<SandboxReply> {
  const processed = await prisma.sandboxCapture.findUnique({
    where: { idempotencyKey: input.idempotencyKey },
  });
  if (processed) return replay(processed, input);

  const charge = await prisma.sandboxCharge.findFirst({
    where: {
      reference: input.reference,
      merchantId: input.merchantId,
      gatewayCode: input.gatewayCode,
    },
    include: { gateway: { include: { sandbox: true } } },
  });
  if (!charge) throw notFound("Charge");
  if (charge.currency !== input.currency)
    throw new AppError(
      "validation_error",
      `Invalid body: currency: The charge is in ${charge.currency}.`,
      [{ field: "currency", message: `the charge is in ${charge.currency}` }],
    );
  const asked = parseMoney(input.amount, input.currency);
  if (!asked.ok)
    throw new AppError("validation_error", `Invalid body: amount: ${asked.error.message}`, [
      { field: "amount", message: asked.error.message },
    ]);
  if (asked.money.minor === 0n)
    throw new AppError(
      "validation_error",
      "Invalid body: amount: The amount must be greater than zero.",
      [{ field: "amount", message: "must be greater than zero" }],
    );
  const refusal = (code: string, message: string): SandboxReply => ({
    httpStatus: 200,
    body: { status: "failed", code, message },
  });
  if (charge.status !== "succeeded" || charge.capture)
    return refusal("not_capturable", "Only an authorized, uncaptured charge can be captured.");
  if (!charge.capturedAmount.isZero())
    return refusal("already_captured", "This charge has already been captured.");
  if (compareMoney(asked.money, moneyFromDecimal(charge.amount, charge.currency)) > 0)
    return refusal("amount_exceeds_authorized", "The capture is more than the authorized amount.");
  const amount = toDecimalString(asked.money);

  switch (await takeSandboxAnswer(charge.gateway, amount)) {
    case "decline":
      return refusal("05", "Do not honour: declined by the issuer.");
    case "error":
      return {
        httpStatus: 502,
        body: {
          status: "failed",
          code: "502",
          message: "Gateway error: the acquirer is unavailable.",
        },
      };
    case "timeout":
      return { hang: gatewayTimeoutMs() + 2000 };
    case "succeed":
      break;
  }

  try {
    await prisma.$transaction(async (tx) => {
      await tx.sandboxCapture.create({
        data: { idempotencyKey: input.idempotencyKey, reference: charge.reference, amount },
      });
      const updated = await tx.sandboxCharge.updateMany({
        where: {
          reference: charge.reference,
          status: "succeeded",
          capture: false,
          capturedAmount: 0,
        },
        data: { capturedAmount: amount },
      });
      if (updated.count === 0) throw new AlreadyCaptured();
    });
  } catch (error) {
    const unique = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
    if (!(error instanceof AlreadyCaptured) && !unique) throw error;
    // A parallel capture won: the same key replays it, another key is refused.
    const winner = await prisma.sandboxCapture.findUnique({
      where: { idempotencyKey: input.idempotencyKey },
    });
    if (winner) return replay(winner, input);
    return refusal("already_captured", "This charge has already been captured.");
  }
  return replay({ reference: charge.reference, amount: new Prisma.Decimal(amount) }, input);
}

class AlreadyCaptured extends Error {}

function replay(
  capture: { reference: string; amount: Prisma.Decimal },
  input: Input,
): SandboxReply {
  const asked = parseMoney(input.amount, input.currency);
  if (
    capture.reference !== input.reference ||
    !asked.ok ||
    !capture.amount.equals(new Prisma.Decimal(toDecimalString(asked.money)))
  )
    throw new AppError(
      "idempotency_key_reuse",
      "This Idempotency-Key was used for a different capture; use a new key.",
    );
  return {
    httpStatus: 200,
    body: { status: "succeeded", code: "00", message: "Captured.", reference: capture.reference },
  };
}
