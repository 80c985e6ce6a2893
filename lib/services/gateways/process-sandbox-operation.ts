import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { type SandboxMode, sandboxAnswer } from "@/lib/domain/operation-requests/sandbox-behaviour";
import { gatewayTimeoutMs } from "@/lib/gateways/sandbox-gateway";

export type SandboxReply =
  | {
      httpStatus: number;
      body: { status: string; code: string; message: string; reference?: string };
    }
  | { hang: number };

type Input = {
  gatewayCode: string;
  operation: "refund" | "void";
  idempotencyKey: string;
  merchantId: string;
  amount: string;
  currency: string;
};

/**
 * The sandbox gateway's side of a call. A key it has already processed returns the first result and
 * moves no money again. Only successes are recorded under the key: a decline or an error moved
 * nothing, so a retry with the same key is a fresh attempt (as with real acquirers' soft declines).
 */
export async function processSandboxOperation(input: Input): Promise<SandboxReply> {
  const processed = await prisma.sandboxGatewayOperation.findUnique({
    where: { idempotencyKey: input.idempotencyKey },
  });
  if (processed) return replay(processed);

  const gateway = await prisma.paymentGateway.findUnique({
    where: { merchantId_code: { merchantId: input.merchantId, code: input.gatewayCode } },
    include: { sandbox: true },
  });
  if (!gateway)
    return {
      httpStatus: 404,
      body: {
        status: "failed",
        code: "unknown_gateway",
        message: `No gateway ${input.gatewayCode} for this merchant.`,
      },
    };

  // Take one "fail next" token atomically, so parallel calls never take the same one.
  const taken = await prisma.sandboxGatewayBehaviour.updateMany({
    where: { gatewayId: gateway.id, failNext: { gt: 0 } },
    data: { failNext: { decrement: 1 } },
  });
  const answer = sandboxAnswer({
    amount: input.amount,
    mode: (gateway.sandbox?.mode ?? "succeed") as SandboxMode,
    failNextTaken: taken.count > 0,
  });

  switch (answer) {
    case "decline":
      return {
        httpStatus: 200,
        body: { status: "failed", code: "05", message: "Do not honour: declined by the issuer." },
      };
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
    case "succeed": {
      await prisma.sandboxGatewayOperation.createMany({
        data: [
          {
            idempotencyKey: input.idempotencyKey,
            gatewayId: gateway.id,
            operation: input.operation,
            amount: input.amount,
            status: "succeeded",
            code: "00",
            message: input.operation === "refund" ? "Refund accepted." : "Authorization voided.",
            reference: `SBX-${randomBytes(6).toString("hex").toUpperCase()}`,
          },
        ],
        skipDuplicates: true,
      });
      // Whoever inserted first, every caller with this key answers with that one row.
      return replay(
        await prisma.sandboxGatewayOperation.findUniqueOrThrow({
          where: { idempotencyKey: input.idempotencyKey },
        }),
      );
    }
  }
}

function replay(row: {
  status: string;
  code: string;
  message: string;
  reference: string;
}): SandboxReply {
  return {
    httpStatus: 200,
    body: { status: row.status, code: row.code, message: row.message, reference: row.reference },
  };
}
