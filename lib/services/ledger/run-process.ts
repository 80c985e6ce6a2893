import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import { prisma, type Tx } from "@/lib/db";
import type { Principal } from "@/lib/domain/auth/principal";
import type { AccountSnapshot } from "@/lib/domain/ledger/accounts";
import {
  type AccountRole,
  type ProcessType,
  type ProcessTypeDefinition,
  processTypeDefinition,
} from "@/lib/domain/ledger/catalogue";
import { exchangeAmount } from "@/lib/domain/ledger/exchange";
import { type LimitBreach, limitBreaches, startOfDay } from "@/lib/domain/ledger/limits";
import { planOpening } from "@/lib/domain/ledger/recipes";
import type { ProcessStatus } from "@/lib/domain/ledger/statuses";
import { DEFAULT_HOLD_SECONDS } from "@/lib/domain/ledger/transfers";
import { isCurrencyCode } from "@/lib/domain/money/currency";
import { parseMoney } from "@/lib/domain/money/money";
import { mayRunProcess } from "@/lib/domain/policies/processes";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/services/authorization/authorize";
import { openClientAccount, providerAccountId, systemAccountId } from "./accounts";
import { auditProcess, callerOf, type LedgerCaller } from "./caller";
import { sendOneTimeCode } from "./one-time-code";
import {
  insertProcess,
  insertTransfers,
  LEDGER_TRANSACTION_OPTIONS,
  lockAccounts,
  readAccounts,
  refusalError,
} from "./writer";

export type RunProcessInput = {
  type: ProcessType;
  /** A decimal string in the currency's precision. */
  amount: string;
  currency: string;
  fee?: string;
  customerId?: string;
  sourceAccountId?: string;
  destinationAccountId?: string;
  gatewayCode?: string;
  /** Exchange only: units of the destination's currency per unit of the source's. */
  exchangeRate?: string;
  /** gate_refund only: the gate_purchase process refunded. */
  refundOf?: string;
  requestIdentifier?: string;
  externalProcessId?: string;
  /** Distributed processes: how long the first session's hold lasts (default 7 days). */
  holdExpiresInSeconds?: number;
  metadata?: Record<string, unknown>;
  idempotencyKey?: string;
};

export type RunProcessResult = { processId: string; replayed: boolean };

function field(name: string, message: string): AppError {
  return new AppError("validation_error", message, [{ field: name, message }]);
}

function minorOf(value: string, currency: string, name: string): bigint {
  const parsed = parseMoney(value, currency);
  if (!parsed.ok) {
    throw field(name, `${name}: ${parsed.error.message}`);
  }
  return parsed.money.minor;
}

/** The request's content, for telling a replay from another request under the same key. */
export function processRequestHash(input: RunProcessInput): string {
  const { idempotencyKey: _key, ...content } = input;
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

/**
 * JSON with every object's keys sorted, at every depth, and undefined members left out. (A key list
 * as JSON.stringify's replacer would apply the top level's names inside `metadata` too, dropping its
 * keys, so that two requests differing only in metadata would count as the same.)
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

type Resolved = {
  ids: Partial<Record<AccountRole, string>>;
  gatewayId: string | null;
  customerId: string | null;
  counter: bigint;
  counterCurrency: string | null;
};

async function requireAccount(
  tx: Tx,
  merchantId: string,
  id: string,
  name: string,
  kinds: readonly string[] | undefined,
): Promise<AccountSnapshot> {
  const account = (await readAccounts(tx, merchantId, [id])).get(id);
  if (!account)
    throw new AppError("not_found", `No account ${id} (${name}).`, [
      { field: name, message: "Unknown account." },
    ]);
  if (kinds && !kinds.includes(account.kind)) {
    throw field(
      name,
      `The ${name} must be a ${kinds.join(" or ").replaceAll("_", " ")}, not a ${account.kind.replaceAll("_", " ")}.`,
    );
  }
  return account;
}

async function resolveAccounts(
  tx: Tx,
  merchantId: string,
  definition: ProcessTypeDefinition,
  input: RunProcessInput,
  amountMinor: bigint,
): Promise<Resolved> {
  const roles = new Set(definition.legs.flatMap((leg) => [leg.debit, leg.credit]));
  const ids: Partial<Record<AccountRole, string>> = {};
  let customerId: string | null = input.customerId ?? null;
  let gatewayId: string | null = null;
  let counter = 0n;
  let counterCurrency: string | null = null;
  const currency = input.currency;

  if (roles.has("source")) {
    if (!input.sourceAccountId)
      throw field("sourceAccountId", `A ${definition.uiName} process needs a sourceAccountId.`);
    const source = await requireAccount(
      tx,
      merchantId,
      input.sourceAccountId,
      "sourceAccountId",
      definition.sourceKinds,
    );
    if (source.currency !== currency) {
      throw new AppError(
        "currency_mismatch",
        `The source account is in ${source.currency}, the process in ${currency}.`,
      );
    }
    ids.source = source.id;
    customerId = source.customerId ?? customerId;
  }
  if (roles.has("destination") && definition.code !== "client_create_prepaid") {
    if (!input.destinationAccountId)
      throw field(
        "destinationAccountId",
        `A ${definition.uiName} process needs a destinationAccountId.`,
      );
    const destination = await requireAccount(
      tx,
      merchantId,
      input.destinationAccountId,
      "destinationAccountId",
      definition.destinationKinds,
    );
    ids.destination = destination.id;
    customerId = customerId ?? destination.customerId;
    if (definition.code === "exchange_transaction") {
      if (destination.currency === currency)
        throw field("destinationAccountId", "An exchange needs a destination in another currency.");
      if (!input.exchangeRate) throw field("exchangeRate", "An exchange needs an exchangeRate.");
      if (!isCurrencyCode(currency) || !isCurrencyCode(destination.currency))
        throw field("currency", "Unknown currency.");
      const converted = exchangeAmount(
        amountMinor,
        currency,
        destination.currency,
        input.exchangeRate,
      );
      if (converted === null)
        throw field(
          "exchangeRate",
          "The exchange rate must be a positive decimal with at most 12 decimals.",
        );
      if (converted <= 0n)
        throw field("amount", "The amount is too small to exchange at this rate.");
      counter = converted;
      counterCurrency = destination.currency;
      ids.counter_reserve = await systemAccountId(
        tx,
        merchantId,
        "exchange_reserve",
        destination.currency,
      );
    } else if (destination.currency !== currency) {
      throw new AppError(
        "currency_mismatch",
        `The destination account is in ${destination.currency}, the process in ${currency}.`,
      );
    }
  }
  if (definition.code === "client_create_prepaid") {
    if (!customerId) throw field("sourceAccountId", "A voucher is made from a customer's coin.");
    ids.destination = await openClientAccount(tx, {
      merchantId,
      customerId,
      kind: "prepaid_voucher",
      currency,
    });
  }
  if (roles.has("provider")) {
    if (!input.gatewayCode)
      throw field("gatewayCode", `A ${definition.uiName} process needs a gatewayCode.`);
    const provider = await providerAccountId(tx, merchantId, input.gatewayCode);
    if (provider.currency !== currency) {
      throw new AppError(
        "currency_mismatch",
        `The gateway '${input.gatewayCode}' works in ${provider.currency}, the process in ${currency}.`,
      );
    }
    ids.provider = provider.accountId;
    gatewayId = provider.gatewayId;
  }
  for (const role of ["bank", "merchant", "fees", "reserve"] as const) {
    if (roles.has(role) || (role === "fees" && input.fee !== undefined && input.fee !== "0")) {
      const kind =
        role === "merchant" ? "merchant_coin" : role === "reserve" ? "exchange_reserve" : role;
      ids[role] = await systemAccountId(tx, merchantId, kind, currency);
    }
  }
  return { ids, gatewayId, customerId, counter, counterCurrency };
}

async function dailyUsage(
  tx: Tx,
  merchantId: string,
  customerId: string,
  type: ProcessType,
  currency: string,
  now: Date,
) {
  const [row] = await tx.$queryRaw<{ total: bigint | null; count: bigint }[]>`
    SELECT sum(amount) AS total, count(*) AS count FROM business_process
    WHERE merchant_id = ${merchantId}::uuid AND customer_id = ${customerId}::uuid
      AND type = ${type}::"ProcessType" AND currency = ${currency}
      AND created_at >= ${startOfDay(now)} AND status NOT IN ('declined', 'rejected', 'error')`;
  return { total: BigInt(row?.total ?? 0), count: Number(row?.count ?? 0) };
}

async function breachesFor(
  tx: Tx,
  merchantId: string,
  customerId: string | null,
  type: ProcessType,
  currency: string,
  amount: bigint,
  now: Date,
): Promise<LimitBreach[]> {
  // Raw SQL on the hot path: a Prisma model query costs several ms of CPU per call here.
  const [profile] = await tx.$queryRaw<
    { maxAmount: bigint | null; maxDailyTotal: bigint | null; maxDailyCount: number | null }[]
  >`
    SELECT max_amount AS "maxAmount", max_daily_total AS "maxDailyTotal", max_daily_count AS "maxDailyCount"
    FROM limit_profile
    WHERE merchant_id = ${merchantId}::uuid AND process_type = ${type}::"ProcessType" AND currency = ${currency}`;
  if (!profile) return [];
  const usage = customerId
    ? await dailyUsage(tx, merchantId, customerId, type, currency, now)
    : { total: 0n, count: 0 };
  return limitBreaches(
    {
      maxAmount: profile.maxAmount,
      maxDailyTotal: profile.maxDailyTotal,
      maxDailyCount: profile.maxDailyCount,
    },
    amount,
    usage,
  );
}

/** Runs a process for a member (API or page): authorization, then runProcessAs. */
export async function runProcess(
  principal: Principal,
  input: RunProcessInput,
): Promise<RunProcessResult> {
  authorize(principal, (actor) => mayRunProcess(actor, input.type));
  return runProcessAs(callerOf(principal), input);
}

/**
 * The first session of a process, in one transaction: the idempotency key, the accounts, the
 * limits, the recipe's transfers through the one writer, the process row and its audit row.
 */
export async function runProcessAs(
  caller: LedgerCaller,
  input: RunProcessInput,
): Promise<RunProcessResult> {
  if (!isCurrencyCode(input.currency))
    throw field("currency", `Unknown currency '${input.currency}'.`);
  const definition = processTypeDefinition(input.type);
  const hash = processRequestHash(input);
  const key = input.idempotencyKey;
  const existingWithKey = (client: Tx) =>
    key
      ? client.businessProcess.findUnique({
          where: {
            merchantId_idempotencyKey: { merchantId: caller.merchantId, idempotencyKey: key },
          },
          select: { id: true, requestHash: true },
        })
      : Promise.resolve(null);
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await existingWithKey(tx);
      if (existing) return replayOf(existing, hash);
      return runInTransaction(tx, caller, input, definition, hash);
    }, LEDGER_TRANSACTION_OPTIONS);
  } catch (error) {
    // The same key sent twice at once: the second insert waits for the first and then hits the
    // unique index. Its transaction is gone; the first process is committed, so answer as a replay.
    if (key && isUniqueViolationOn(error, "idempotency_key")) {
      const existing = await existingWithKey(prisma);
      if (existing) return replayOf(existing, hash);
    }
    throw error;
  }
}

function isUniqueViolationOn(error: unknown, column: string): boolean {
  // P2002 from a model query; P2010 (with PostgreSQL's 23505) from the raw INSERT of the writer.
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const text = `${error.message} ${JSON.stringify(error.meta ?? {})}`;
  const unique = error.code === "P2002" || (error.code === "P2010" && text.includes("23505"));
  return unique && text.includes(column);
}

function replayOf(
  existing: { id: string; requestHash: string | null },
  hash: string,
): RunProcessResult {
  if (existing.requestHash !== hash) {
    throw new AppError(
      "idempotency_key_reuse",
      "This Idempotency-Key was used for another process; use a new key for a new process.",
    );
  }
  return { processId: existing.id, replayed: true };
}

export async function runInTransaction(
  tx: Tx,
  caller: LedgerCaller,
  input: RunProcessInput,
  definition: ProcessTypeDefinition & { readonly code: ProcessType },
  hash: string,
  links: { paymentTransactionId?: string } = {},
): Promise<RunProcessResult> {
  const now = new Date();
  const merchantId = caller.merchantId;
  const amount =
    definition.mode === "account_creation" ? 0n : minorOf(input.amount, input.currency, "amount");
  const fee = input.fee ? minorOf(input.fee, input.currency, "fee") : 0n;
  if (definition.mode !== "account_creation" && amount <= 0n)
    throw field("amount", "The amount must be greater than zero.");
  if (fee > 0n && !definition.feeAllowed)
    throw field("fee", `A ${definition.uiName} process takes no fee.`);

  const base = {
    merchantId,
    type: definition.code as ProcessType,
    processClass: definition.processClass,
    amount,
    fee,
    currency: input.currency,
    requestIdentifier: input.requestIdentifier ?? null,
    externalProcessId: input.externalProcessId ?? null,
    idempotencyKey: input.idempotencyKey ?? null,
    requestHash: hash,
    metadata: input.metadata ?? {},
    createdById: caller.userId,
    paymentTransactionId: links.paymentTransactionId ?? null,
  };

  if (definition.mode === "account_creation") {
    if (!input.customerId) throw field("customerId", "Account creation needs a customerId.");
    const customer = await tx.customer.findFirst({
      where: { id: input.customerId, merchantId },
      select: { id: true },
    });
    if (!customer)
      throw new AppError("not_found", "No such customer.", [
        { field: "customerId", message: "Unknown customer." },
      ]);
    const accountId = await openClientAccount(tx, {
      merchantId,
      customerId: customer.id,
      kind: "client_coin",
      currency: input.currency,
    });
    const process = await insertProcess(tx, {
      ...base,
      status: "processed",
      customerId: customer.id,
      sourceAccountId: null,
      destinationAccountId: accountId,
      gatewayId: null,
      counterAmount: null,
      counterCurrency: null,
      exchangeRate: null,
      refundProcessId: null,
      txIdToRefund: null,
      statusReason: null,
      limitBreaches: [],
      holdExpiresAt: null,
      finishedAt: now,
    });
    await auditProcess(tx, caller, process.id, "business_process.created", null, "processed", {
      accountId,
    });
    return { processId: process.id, replayed: false };
  }

  // A merchant payment made through the API without a payer waits for its customer.
  const awaitsCustomer = definition.code === "merchant_payment" && !input.sourceAccountId;
  const refund =
    definition.code === "gate_refund" ? await refundTarget(tx, merchantId, input, amount) : null;
  const effectiveInput = refund
    ? {
        ...input,
        destinationAccountId: refund.destinationAccountId,
        gatewayCode: refund.gatewayCode,
      }
    : input;
  const resolved = awaitsCustomer
    ? {
        ids: {},
        gatewayId: null,
        customerId: input.customerId ?? null,
        counter: 0n,
        counterCurrency: null,
      }
    : await resolveAccounts(tx, merchantId, definition, effectiveInput, amount);

  const breaches =
    definition.initialStatus === "pending" && !awaitsCustomer && !definition.systemMade
      ? await breachesFor(
          tx,
          merchantId,
          resolved.customerId,
          definition.code as ProcessType,
          input.currency,
          amount,
          now,
        )
      : [];
  const distributed = definition.mode === "distributed";
  const holdExpiresAt = distributed
    ? new Date(now.getTime() + 1000 * (input.holdExpiresInSeconds ?? DEFAULT_HOLD_SECONDS))
    : null;

  let status: ProcessStatus;
  if (awaitsCustomer) status = "created";
  else if (definition.initialStatus === "waiting_for_approval") status = "waiting_for_approval";
  else if (breaches.length > 0) status = "limited";
  else status = distributed ? "pending" : "processed";

  const moves = status === "pending" || status === "processed";
  const locked = moves
    ? await lockAccounts(tx, merchantId, Object.values(resolved.ids))
    : new Map<string, AccountSnapshot>();
  const plan = moves
    ? planOpening(
        definition,
        snapshotsByRole(resolved.ids, locked),
        { amount, fee, counter: resolved.counter },
        { hold: distributed, expiresAt: holdExpiresAt },
      )
    : null;
  if (plan && !plan.ok) throw refusalError(plan);

  const process = await insertProcess(tx, {
    ...base,
    status,
    customerId: resolved.customerId,
    sourceAccountId: resolved.ids.source ?? null,
    destinationAccountId: resolved.ids.destination ?? null,
    gatewayId: resolved.gatewayId,
    counterAmount: definition.code === "exchange_transaction" ? resolved.counter : null,
    counterCurrency: resolved.counterCurrency,
    exchangeRate: definition.code === "exchange_transaction" ? (input.exchangeRate ?? null) : null,
    limitBreaches: breaches,
    holdExpiresAt: status === "pending" ? holdExpiresAt : null,
    refundProcessId: refund?.originalId ?? null,
    txIdToRefund: refund?.transferId ?? null,
    finishedAt: status === "processed" ? now : null,
    statusReason: breaches.length > 0 ? `Over a limit: ${breaches.join(", ")}` : null,
  });
  const written = plan
    ? await insertTransfers(tx, { merchantId, processId: process.id, transfers: plan.transfers })
    : [];
  if (refund) {
    await tx.businessProcess.update({
      where: { id: refund.originalId },
      data: { refundProcessId: process.id },
    });
  }
  await auditProcess(
    tx,
    caller,
    process.id,
    status === "limited" ? "business_process.limited" : "business_process.created",
    null,
    status,
    {
      type: definition.code,
      amount: amount.toString(),
      currency: input.currency,
      transfers: written.map((t) => t.id),
      ...(breaches.length > 0 ? { breaches } : {}),
    },
  );
  if (status === "waiting_for_approval")
    await sendOneTimeCode(tx, caller, process.id, resolved.customerId, now);
  return { processId: process.id, replayed: false };
}

function snapshotsByRole(
  ids: Partial<Record<AccountRole, string>>,
  locked: Map<string, AccountSnapshot>,
) {
  const out: Partial<Record<AccountRole, AccountSnapshot>> = {};
  for (const [role, id] of Object.entries(ids) as [AccountRole, string][]) {
    const account = locked.get(id);
    if (!account) throw new Error(`account ${id} was not locked`);
    out[role] = account;
  }
  return out;
}

/** A gate_refund's original: a processed gate_purchase with room left for this amount. */
async function refundTarget(tx: Tx, merchantId: string, input: RunProcessInput, amount: bigint) {
  if (!input.refundOf)
    throw field("refundOf", "A refund via provider needs refundOf: the purchase's process id.");
  const [original] = await tx.$queryRaw<
    {
      id: string;
      type: string;
      status: string;
      amount: bigint;
      currency: string;
      source_account_id: string;
      code: string;
    }[]
  >`
    SELECT p.id, p.type::text AS type, p.status::text AS status, p.amount, p.currency, p.source_account_id, g.code
    FROM business_process p JOIN payment_gateway g ON g.id = p.gateway_id
    WHERE p.id = ${input.refundOf}::uuid AND p.merchant_id = ${merchantId}::uuid FOR UPDATE OF p`;
  if (original?.type !== "gate_purchase")
    throw new AppError("not_found", "No purchase via provider with that id.", [
      { field: "refundOf", message: "Unknown purchase." },
    ]);
  if (original.status !== "processed")
    throw new AppError("invalid_state", "Only a processed purchase can be refunded.");
  if (original.currency !== input.currency)
    throw new AppError("currency_mismatch", `The purchase was in ${original.currency}.`);
  const [refunded] = await tx.$queryRaw<{ total: bigint | null }[]>`
    SELECT sum(amount) AS total FROM business_process
    WHERE refund_process_id = ${original.id}::uuid AND type = 'gate_refund' AND status = 'processed'`;
  const left = BigInt(original.amount) - BigInt(refunded?.total ?? 0);
  if (amount > left)
    throw new AppError(
      "amount_exceeds_remaining",
      `At most ${left} minor units of the purchase are left to refund.`,
    );
  const [transfer] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM ledger_transfer WHERE process_id = ${original.id}::uuid AND seq = 1`;
  return {
    originalId: original.id,
    destinationAccountId: original.source_account_id,
    gatewayCode: original.code,
    transferId: transfer?.id ?? null,
  };
}
