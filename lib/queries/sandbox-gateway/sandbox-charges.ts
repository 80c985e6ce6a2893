import "server-only";
import type { SandboxCharge } from "@prisma/client";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { formatMoney, moneyFromDecimal } from "@/lib/domain/money/money";
import { notFound } from "@/lib/errors";
import type { ChargeResult } from "@/lib/gateways/port";

/** A sandbox charge as the gateway's API answers it (lib/gateways/port.ts ChargeResult). */
export function toChargeResult(row: SandboxCharge, appUrl = config().appUrl): ChargeResult {
  switch (row.status) {
    case "succeeded":
      return {
        outcome: "succeeded",
        captured: row.capture || !row.capturedAmount.isZero(),
        reference: row.reference,
        code: row.code,
        message: row.message,
        threeDs: row.threeDs,
        card:
          row.cardToken && row.cardBrand && row.cardLast4 && row.cardExpMonth && row.cardExpYear
            ? {
                brand: row.cardBrand,
                last4: row.cardLast4,
                expMonth: row.cardExpMonth,
                expYear: row.cardExpYear,
                token: row.cardToken,
              }
            : null,
      };
    case "pending_challenge":
      return {
        outcome: "action_required",
        action: "challenge",
        url: `${appUrl}/sandbox-gateway/acs/${row.reference}`,
        reference: row.reference,
      };
    case "pending_redirect":
      return {
        outcome: "action_required",
        action: "redirect",
        url: `${appUrl}/sandbox-gateway/pay/${row.reference}`,
        reference: row.reference,
      };
    case "declined":
    case "failed":
      return {
        outcome: "declined",
        reference: row.reference,
        code: row.code,
        message: row.message,
        threeDs: row.threeDs,
      };
  }
}

/** GET charges/{reference}: only the merchant and gateway that made the charge can read it. */
export async function getSandboxChargeResult(input: {
  merchantId: string;
  gatewayCode: string;
  reference: string;
}): Promise<ChargeResult> {
  const row = await prisma.sandboxCharge.findFirst({
    where: {
      reference: input.reference,
      merchantId: input.merchantId,
      gatewayCode: input.gatewayCode,
    },
  });
  if (!row) throw notFound("Charge");
  return toChargeResult(row);
}

export type SandboxChargePage = {
  reference: string;
  status: SandboxCharge["status"];
  source: SandboxCharge["source"];
  amount: string;
  merchantName: string;
  gatewayName: string;
  card: { brand: string; last4: string } | null;
  code: string;
  message: string;
};

/** What the ACS and payment pages show: the amount and who is paid, never more of the card. */
export async function getSandboxChargePage(reference: string): Promise<SandboxChargePage | null> {
  const row = await prisma.sandboxCharge.findUnique({
    where: { reference },
    include: { gateway: { include: { merchant: true } } },
  });
  if (!row) return null;
  return {
    reference: row.reference,
    status: row.status,
    source: row.source,
    amount: formatMoney(moneyFromDecimal(row.amount, row.currency)),
    merchantName: row.gateway.merchant.name,
    gatewayName: row.gateway.name,
    card: row.cardBrand && row.cardLast4 ? { brand: row.cardBrand, last4: row.cardLast4 } : null,
    code: row.code,
    message: row.message,
  };
}
