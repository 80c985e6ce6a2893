import "server-only";
import type { Tx } from "@/lib/db";
import {
  ACCOUNT_KIND_FLAGS,
  ACCOUNT_KIND_LABELS,
  type AccountKind,
} from "@/lib/domain/ledger/accounts";
import { AppError } from "@/lib/errors";

/**
 * Opening accounts. System accounts (merchant coin, bank, exchange reserve, fees per currency; a
 * clearing account per gateway) are opened on first use: a partial unique index makes two parallel
 * first uses open one.
 */

type SystemKind = "merchant_coin" | "bank" | "exchange_reserve" | "fees";

export async function systemAccountId(
  tx: Tx,
  merchantId: string,
  kind: SystemKind,
  currency: string,
): Promise<string> {
  const find = () => tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM ledger_account
    WHERE merchant_id = ${merchantId}::uuid AND kind = ${kind}::"LedgerAccountKind" AND currency = ${currency}`;
  // Found on every use but the first: one statement instead of two.
  const [found] = await find();
  if (found) return found.id;
  const flags = ACCOUNT_KIND_FLAGS[kind];
  await tx.$executeRaw`
    INSERT INTO ledger_account (merchant_id, kind, currency, name, debits_must_not_exceed_credits, credits_must_not_exceed_debits)
    VALUES (${merchantId}::uuid, ${kind}::"LedgerAccountKind", ${currency}, ${`${ACCOUNT_KIND_LABELS[kind]} ${currency}`},
            ${flags.debitsMustNotExceedCredits}, ${flags.creditsMustNotExceedDebits})
    ON CONFLICT (merchant_id, kind, currency) WHERE kind IN ('merchant_coin', 'bank', 'exchange_reserve', 'fees') DO NOTHING`;
  const [row] = await find();
  if (!row) throw new Error(`system account ${kind} ${currency} was not opened`);
  return row.id;
}

/** The clearing account of the merchant's gateway with this code, opened on first use. */
export async function providerAccountId(
  tx: Tx,
  merchantId: string,
  gatewayCode: string,
): Promise<{ accountId: string; gatewayId: string; currency: string }> {
  const gateway = await tx.paymentGateway.findUnique({
    where: { merchantId_code: { merchantId, code: gatewayCode } },
    select: { id: true, currency: true, name: true },
  });
  if (!gateway) {
    throw new AppError("validation_error", `No gateway has the code '${gatewayCode}'.`, [
      { field: "gatewayCode", message: "Unknown gateway." },
    ]);
  }
  return { ...(await clearingAccountOf(tx, merchantId, gateway)), gatewayId: gateway.id };
}

export async function clearingAccountOf(
  tx: Tx,
  merchantId: string,
  gateway: { id: string; currency: string; name: string },
): Promise<{ accountId: string; currency: string }> {
  await tx.$executeRaw`
    INSERT INTO ledger_account (merchant_id, kind, currency, gateway_id, name, debits_must_not_exceed_credits, credits_must_not_exceed_debits)
    VALUES (${merchantId}::uuid, 'provider_clearing', ${gateway.currency}, ${gateway.id}::uuid,
            ${`Clearing ${gateway.name}`}, false, false)
    ON CONFLICT (merchant_id, gateway_id) WHERE kind = 'provider_clearing' DO NOTHING`;
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM ledger_account
    WHERE merchant_id = ${merchantId}::uuid AND kind = 'provider_clearing' AND gateway_id = ${gateway.id}::uuid`;
  if (!row) throw new Error(`clearing account of gateway ${gateway.id} was not opened`);
  return { accountId: row.id, currency: gateway.currency };
}

/** Opens an account of a customer (a client coin, voucher or deposit). */
export async function openClientAccount(
  tx: Tx,
  input: {
    merchantId: string;
    customerId: string;
    kind: Extract<AccountKind, "client_coin" | "prepaid_voucher" | "deposit_coin">;
    currency: string;
    name?: string;
  },
): Promise<string> {
  const flags = ACCOUNT_KIND_FLAGS[input.kind];
  const account = await tx.ledgerAccount.create({
    data: {
      merchantId: input.merchantId,
      customerId: input.customerId,
      kind: input.kind,
      currency: input.currency,
      name: input.name ?? `${ACCOUNT_KIND_LABELS[input.kind]} ${input.currency}`,
      debitsMustNotExceedCredits: flags.debitsMustNotExceedCredits,
      creditsMustNotExceedDebits: flags.creditsMustNotExceedDebits,
    },
    select: { id: true },
  });
  return account.id;
}

/** Opens a cash desk (a merchant may have several). */
export async function openCashDesk(
  tx: Tx,
  input: { merchantId: string; currency: string; name: string },
): Promise<string> {
  const flags = ACCOUNT_KIND_FLAGS.cash_desk;
  const account = await tx.ledgerAccount.create({
    data: {
      merchantId: input.merchantId,
      kind: "cash_desk",
      currency: input.currency,
      name: input.name,
      debitsMustNotExceedCredits: flags.debitsMustNotExceedCredits,
      creditsMustNotExceedDebits: flags.creditsMustNotExceedDebits,
    },
    select: { id: true },
  });
  return account.id;
}
