import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@prisma/client";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import { parseMoney, toDecimalString } from "@/lib/domain/money/money";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { recordCardPayment } from "@/lib/services/ledger/card-payments";
import type { CreateSandboxTransactionInput } from "@/lib/validation/sandbox";

export function sandboxEnabled(): boolean {
  return config().sandboxMode;
}

/** Creates a paid or authorized payment for demos and tests (sandbox mode only). */
export async function createSandboxTransaction(
  principal: Principal,
  input: CreateSandboxTransactionInput,
): Promise<string> {
  const parsed = parseMoney(input.amount, input.currency);
  if (!parsed.ok)
    throw new AppError("validation_error", parsed.error.message, [
      { field: "amount", message: parsed.error.message },
    ]);
  if (parsed.money.minor === 0n)
    throw new AppError("validation_error", "The amount must be greater than zero.", [
      { field: "amount", message: "must be greater than zero" },
    ]);
  const amount = toDecimalString(parsed.money);

  const gateway = await prisma.paymentGateway.findUnique({
    where: { merchantId_code: { merchantId: principal.merchantId, code: input.gateway } },
  });
  if (!gateway)
    throw new AppError("validation_error", `Unknown gateway "${input.gateway}".`, [
      { field: "gateway", message: "unknown gateway" },
    ]);
  if (gateway.currency !== input.currency) {
    throw new AppError(
      "validation_error",
      `Gateway ${gateway.code} takes ${gateway.currency}, not ${input.currency}.`,
      [{ field: "currency", message: `must be ${gateway.currency}` }],
    );
  }
  const unit = await prisma.unit.findFirst({
    where: { merchantId: principal.merchantId },
    orderBy: { createdAt: "asc" },
  });
  if (!unit)
    throw new AppError(
      "operation_not_allowed",
      "This merchant has no unit to record the payment under.",
    );

  try {
    return await prisma.$transaction(async (tx) => {
      let customerId: string | null = null;
      if (input.customerEmail) {
        const email = input.customerEmail.toLowerCase();
        const customer =
          (await tx.customer.findFirst({ where: { merchantId: principal.merchantId, email } })) ??
          (await tx.customer.create({
            data: {
              merchantId: principal.merchantId,
              name: email.split("@")[0],
              email,
              baseCurrency: input.currency,
            },
          }));
        customerId = customer.id;
      }
      const payment = await tx.paymentTransaction.create({
        data: {
          merchantId: principal.merchantId,
          unitId: unit.id,
          customerId,
          gatewayId: gateway.id,
          orderNo: input.orderNo ?? `SBX-${randomBytes(5).toString("hex").toUpperCase()}`,
          amount,
          currency: input.currency,
          capturedAmount: input.state === "paid" ? amount : "0",
          state: input.state,
        },
      });
      await recordCardPayment(tx, payment.id);
      await recordAuditEvent(tx, {
        actor: actorOf(principal),
        merchantId: principal.merchantId,
        entity: "payment_transaction",
        entityId: payment.id,
        action: "payment_transaction.sandbox_created",
        toState: input.state,
        data: { amount, currency: input.currency, gateway: gateway.code },
      });
      return payment.id;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError(
        "conflict",
        `A payment with order number ${input.orderNo} already exists.`,
      );
    }
    throw error;
  }
}
