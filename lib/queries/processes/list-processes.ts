import "server-only";
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import { type ProcessType, typesVisibleIn, type ViewerScope } from "@/lib/domain/ledger/catalogue";
import { isCurrencyCode } from "@/lib/domain/money/currency";
import { parseMoney } from "@/lib/domain/money/money";
import { AppError } from "@/lib/errors";
import { InstantSchema, LIST_TOTAL_CAP } from "@/lib/validation/list-params";
import type { ProcessJson, ProcessListQuery } from "@/lib/validation/processes";
import { decodeKeysetCursor, encodeKeysetCursor } from "../keyset-cursor";
import { PROCESS_ROW_SELECT, type ProcessRow, toProcessJson } from "./process-json";

export type ProcessFilters = Omit<ProcessListQuery, "limit" | "cursor" | "dir">;

/**
 * The one `where` every read of business processes uses: the merchant, the types the caller's
 * viewer scopes may see (client, system or both: the source's access rules), then the filters. A
 * filter to a scope or type the caller may not see matches nothing; it is not an error.
 */
export function processesVisibleTo(
  merchantId: string,
  scopes: readonly ViewerScope[],
  filters: Partial<ProcessFilters> = {},
): Prisma.BusinessProcessWhereInput {
  let types: ProcessType[] = typesVisibleIn(scopes);
  if (filters.scope)
    types = types.filter((t) => typesVisibleIn([filters.scope as ViewerScope]).includes(t));
  if (filters.type?.length) types = types.filter((t) => filters.type?.includes(t));
  const where: Prisma.BusinessProcessWhereInput = { merchantId, type: { in: types } };
  if (filters.status?.length) where.status = { in: filters.status };
  if (filters.currency) where.currency = filters.currency;
  if (filters.customer) where.customerId = filters.customer;
  if (filters.account) {
    where.OR = [
      { sourceAccountId: filters.account },
      { destinationAccountId: filters.account },
      {
        transfers: {
          some: { OR: [{ debitAccountId: filters.account }, { creditAccountId: filters.account }] },
        },
      },
    ];
  }
  if ((filters.minAmount || filters.maxAmount) && filters.currency) {
    where.amount = {
      ...(filters.minAmount
        ? { gte: boundMinor(filters.minAmount, filters.currency, "minAmount") }
        : {}),
      ...(filters.maxAmount
        ? { lte: boundMinor(filters.maxAmount, filters.currency, "maxAmount") }
        : {}),
    };
  }
  if (filters.from || filters.to) {
    where.createdAt = {
      ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00.000Z`) } : {}),
      ...(filters.to ? { lt: nextDay(filters.to) } : {}),
    };
  }
  return where;
}

function nextDay(day: string): Date {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

function boundMinor(value: string, currency: string, field: string): bigint {
  const parsed = isCurrencyCode(currency) ? parseMoney(value, currency) : null;
  if (!parsed?.ok) {
    const message = `${field} has more decimals than ${currency} allows.`;
    throw new AppError("validation_error", message, [{ field, message }]);
  }
  return parsed.money.minor;
}

export type ProcessPage = {
  data: ProcessRow[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
};

/** One page of processes, newest first (or oldest with dir=asc), keyset-paged on (created_at, id). */
export async function listProcesses(
  merchantId: string,
  scopes: readonly ViewerScope[],
  query: ProcessListQuery,
): Promise<ProcessPage> {
  const visible = processesVisibleTo(merchantId, scopes, query);
  // A sort name of its own, so that a cursor of another list (accounts, transfers) is refused.
  const key = { sort: "process_created", dir: query.dir };
  let after: Prisma.BusinessProcessWhereInput | null = null;
  if (query.cursor) {
    const { value: at, id } = decodeKeysetCursor(query.cursor, key, InstantSchema);
    const cmp = query.dir === "desc" ? "lt" : "gt";
    after = { OR: [{ createdAt: { [cmp]: at } }, { createdAt: at, id: { [cmp]: id } }] };
  }
  const orderBy: Prisma.BusinessProcessOrderByWithRelationInput[] = [
    { createdAt: query.dir },
    { id: query.dir },
  ];
  const [rows, counted] = await Promise.all([
    prisma.businessProcess.findMany({
      where: after ? { AND: [visible, after] } : visible,
      orderBy,
      take: query.limit + 1,
      select: PROCESS_ROW_SELECT,
    }),
    // Counted by walking the page's own index up to the cap: Prisma's count({ take }) sorts every
    // matching row by id before its LIMIT, which at 1M rows reads them all.
    prisma.businessProcess
      .findMany({ where: visible, orderBy, take: LIST_TOTAL_CAP + 1, select: { id: true } })
      .then((ids) => ids.length),
  ]);
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor:
      rows.length > query.limit && last
        ? encodeKeysetCursor(key, last.createdAt.toISOString(), last.id)
        : null,
    total: Math.min(counted, LIST_TOTAL_CAP),
    totalCapped: counted > LIST_TOTAL_CAP,
  };
}

/** Codes of the merchant's gateways by id, for the JSON's gatewayCode. */
export async function gatewayCodesOf(merchantId: string): Promise<Map<string, string>> {
  const gateways = await prisma.paymentGateway.findMany({
    where: { merchantId },
    select: { id: true, code: true },
  });
  return new Map(gateways.map((g) => [g.id, g.code]));
}

/** One page as the API answers it: `{ data, nextCursor, total, totalCapped }`. */
export async function listProcessesJson(
  merchantId: string,
  scopes: readonly ViewerScope[],
  query: ProcessListQuery,
): Promise<Omit<ProcessPage, "data"> & { data: ProcessJson[] }> {
  const [page, gateways] = await Promise.all([
    listProcesses(merchantId, scopes, query),
    gatewayCodesOf(merchantId),
  ]);
  return { ...page, data: page.data.map((row) => toProcessJson(row, gateways)) };
}
