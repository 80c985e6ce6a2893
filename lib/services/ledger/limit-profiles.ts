import "server-only";
import { prisma } from "@/lib/db";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";
import type { ProcessType } from "@/lib/domain/ledger/catalogue";
import { isCurrencyCode } from "@/lib/domain/money/currency";
import { parseMoney } from "@/lib/domain/money/money";
import { mayManageLimits } from "@/lib/domain/policies/processes";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { authorize } from "@/lib/services/authorization/authorize";

export type LimitProfileInput = {
  type: ProcessType;
  currency: string;
  /** Decimal strings in the currency's precision; null for no limit. */
  maxAmount: string | null;
  maxDailyTotal: string | null;
  maxDailyCount: number | null;
};

function minor(value: string | null, currency: string, field: string): bigint | null {
  if (value === null) return null;
  const parsed = isCurrencyCode(currency) ? parseMoney(value, currency) : null;
  if (!parsed?.ok || parsed.money.minor <= 0n) {
    const message = `${field} must be a positive amount in ${currency}'s precision, or null for no limit.`;
    throw new AppError("validation_error", message, [{ field, message }]);
  }
  return parsed.money.minor;
}

/**
 * Sets the limit profile of one type and currency (all three limits null removes it), with its
 * audit row (before and after) in the same transaction.
 */
export async function setLimitProfile(
  principal: Principal,
  input: LimitProfileInput,
): Promise<void> {
  authorize(principal, mayManageLimits);
  const maxAmount = minor(input.maxAmount, input.currency, "maxAmount");
  const maxDailyTotal = minor(input.maxDailyTotal, input.currency, "maxDailyTotal");
  const key = {
    merchantId: principal.merchantId,
    processType: input.type,
    currency: input.currency,
  };
  await prisma.$transaction(async (tx) => {
    const before = await tx.limitProfile.findUnique({
      where: { merchantId_processType_currency: key },
    });
    const none = maxAmount === null && maxDailyTotal === null && input.maxDailyCount === null;
    if (none) {
      if (before) await tx.limitProfile.delete({ where: { id: before.id } });
    } else {
      await tx.limitProfile.upsert({
        where: { merchantId_processType_currency: key },
        create: { ...key, maxAmount, maxDailyTotal, maxDailyCount: input.maxDailyCount },
        update: { maxAmount, maxDailyTotal, maxDailyCount: input.maxDailyCount },
      });
    }
    const show = (
      p: {
        maxAmount: bigint | null;
        maxDailyTotal: bigint | null;
        maxDailyCount: number | null;
      } | null,
    ) =>
      p
        ? {
            maxAmount: p.maxAmount?.toString() ?? null,
            maxDailyTotal: p.maxDailyTotal?.toString() ?? null,
            maxDailyCount: p.maxDailyCount,
          }
        : null;
    await recordAuditEvent(tx, {
      actor: actorOf(principal),
      merchantId: principal.merchantId,
      entity: "limit_profile",
      entityId: `${input.type}:${input.currency}`,
      action: "limit_profile.changed",
      data: {
        before: show(before),
        after: none ? null : show({ maxAmount, maxDailyTotal, maxDailyCount: input.maxDailyCount }),
      },
    });
  });
}

export async function listLimitProfiles(principal: Principal) {
  authorize(principal, mayManageLimits);
  return prisma.limitProfile.findMany({
    where: { merchantId: principal.merchantId },
    orderBy: [{ processType: "asc" }, { currency: "asc" }],
  });
}
