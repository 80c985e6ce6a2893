import type { Prisma } from "@prisma/client";
import {
  ACCOUNT_KIND_LABELS,
  type AccountKind,
  availableBalance,
  isCreditNormal,
  postedBalance,
} from "@/lib/domain/ledger/accounts";
import { type ProcessType, processTypeDefinition, scopesOf } from "@/lib/domain/ledger/catalogue";
import { isCurrencyCode } from "@/lib/domain/money/currency";
import { toDecimalString } from "@/lib/domain/money/money";
import type { AccountJson, ProcessJson, TransferJson } from "@/lib/validation/processes";

/** Minor units as a decimal string in the currency's precision (signed). */
export function minorToDecimal(minor: bigint, currency: string): string {
  if (!isCurrencyCode(currency)) return minor.toString();
  const negative = minor < 0n;
  const text = toDecimalString({ minor: negative ? -minor : minor, currency });
  return negative ? `-${text}` : text;
}

export const PROCESS_ROW_SELECT = {
  id: true,
  type: true,
  processClass: true,
  status: true,
  amount: true,
  fee: true,
  currency: true,
  counterAmount: true,
  counterCurrency: true,
  exchangeRate: true,
  customer: { select: { id: true, name: true } },
  sourceAccountId: true,
  destinationAccountId: true,
  gatewayId: true,
  requestIdentifier: true,
  externalProcessId: true,
  refundProcessId: true,
  txIdToRefund: true,
  paymentTransactionId: true,
  statusReason: true,
  limitBreaches: true,
  holdExpiresAt: true,
  createdAt: true,
  updatedAt: true,
  finishedAt: true,
} satisfies Prisma.BusinessProcessSelect;

export type ProcessRow = Prisma.BusinessProcessGetPayload<{ select: typeof PROCESS_ROW_SELECT }>;

export function toProcessJson(
  row: ProcessRow,
  gatewayCodes: Map<string, string> = new Map(),
): ProcessJson {
  const type = row.type as ProcessType;
  return {
    id: row.id,
    type,
    typeName: processTypeDefinition(type).uiName,
    processClass: row.processClass,
    scopes: [...scopesOf(type)],
    status: row.status,
    amount: minorToDecimal(row.amount, row.currency),
    fee: minorToDecimal(row.fee, row.currency),
    currency: row.currency,
    counterAmount:
      row.counterAmount === null || !row.counterCurrency
        ? null
        : minorToDecimal(row.counterAmount, row.counterCurrency),
    counterCurrency: row.counterCurrency,
    exchangeRate: row.exchangeRate?.toString() ?? null,
    customer: row.customer,
    sourceAccountId: row.sourceAccountId,
    destinationAccountId: row.destinationAccountId,
    gatewayCode: row.gatewayId ? (gatewayCodes.get(row.gatewayId) ?? null) : null,
    requestIdentifier: row.requestIdentifier,
    externalProcessId: row.externalProcessId,
    refundProcess: row.refundProcessId ? { id: row.refundProcessId } : null,
    txIdToRefund: row.txIdToRefund,
    paymentTransactionId: row.paymentTransactionId,
    statusReason: row.statusReason,
    limitBreaches: row.limitBreaches,
    holdExpiresAt: row.holdExpiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export const TRANSFER_ROW_SELECT = {
  id: true,
  seq: true,
  kind: true,
  debitAccountId: true,
  creditAccountId: true,
  amount: true,
  currency: true,
  pendingId: true,
  expiresAt: true,
  processId: true,
  createdAt: true,
} satisfies Prisma.LedgerTransferSelect;

export type TransferRow = Prisma.LedgerTransferGetPayload<{ select: typeof TRANSFER_ROW_SELECT }>;

export function toTransferJson(row: TransferRow): TransferJson {
  return {
    id: row.id,
    seq: row.seq,
    kind: row.kind,
    debitAccountId: row.debitAccountId,
    creditAccountId: row.creditAccountId,
    amount: minorToDecimal(row.amount, row.currency),
    currency: row.currency,
    pendingId: row.pendingId,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    processId: row.processId,
    createdAt: row.createdAt.toISOString(),
  };
}

export const ACCOUNT_ROW_SELECT = {
  id: true,
  kind: true,
  name: true,
  currency: true,
  status: true,
  customer: { select: { id: true, name: true } },
  gateway: { select: { code: true } },
  debitsMustNotExceedCredits: true,
  creditsMustNotExceedDebits: true,
  debitsPending: true,
  debitsPosted: true,
  creditsPending: true,
  creditsPosted: true,
  createdAt: true,
} satisfies Prisma.LedgerAccountSelect;

export type AccountRow = Prisma.LedgerAccountGetPayload<{ select: typeof ACCOUNT_ROW_SELECT }>;

export function toAccountJson(row: AccountRow): AccountJson {
  const kind = row.kind as AccountKind;
  const balances = {
    debitsPending: row.debitsPending,
    debitsPosted: row.debitsPosted,
    creditsPending: row.creditsPending,
    creditsPosted: row.creditsPosted,
  };
  const d = (minor: bigint) => minorToDecimal(minor, row.currency);
  // What is held against the account: outgoing holds on its normal side.
  const held = isCreditNormal(kind) ? row.debitsPending : row.creditsPending;
  return {
    id: row.id,
    kind,
    kindName: ACCOUNT_KIND_LABELS[kind],
    name: row.name,
    currency: row.currency,
    status: row.status,
    customer: row.customer,
    gatewayCode: row.gateway?.code ?? null,
    flags: {
      debitsMustNotExceedCredits: row.debitsMustNotExceedCredits,
      creditsMustNotExceedDebits: row.creditsMustNotExceedDebits,
    },
    balances: {
      debitsPending: d(row.debitsPending),
      debitsPosted: d(row.debitsPosted),
      creditsPending: d(row.creditsPending),
      creditsPosted: d(row.creditsPosted),
      posted: d(postedBalance(kind, balances)),
      pending: d(held),
      available: d(availableBalance(kind, balances)),
    },
    createdAt: row.createdAt.toISOString(),
  };
}
