import "server-only";
import { typesVisibleIn, type ViewerScope } from "@/lib/domain/ledger/catalogue";
import { PROCESS_STATUS_LABELS, PROCESS_STATUSES } from "@/lib/domain/ledger/statuses";
import { AppError } from "@/lib/errors";
import { firstPageIfCursorRefused } from "@/lib/queries/keyset-cursor";
import {
  gatewayCodesOf,
  listProcesses,
  type ProcessPage,
} from "@/lib/queries/processes/list-processes";
import { toProcessJson } from "@/lib/queries/processes/process-json";
import type { IgnoredParam, PageSearchParams } from "@/lib/validation/list-params";
import {
  PROCESS_TYPE_OPTIONS,
  type ProcessListQuery,
  parseProcessListParams,
} from "@/lib/validation/processes";
import type { ProcessFilterValues } from "./process-filters";

/** The address's parameters, named as the filters name them (for the "not applied" notice). */
export const PROCESS_PARAM_LABELS: Record<string, string> = {
  type: "Types",
  status: "Status",
  scope: "Scope",
  currency: "Currency",
  customer: "Customer",
  account: "Account",
  minAmount: "Amount from",
  maxAmount: "Amount to",
  from: "From date",
  to: "To date",
  dir: "Order",
  limit: "Page size",
  cursor: "Page",
};

export const STATUS_OPTIONS = PROCESS_STATUSES.map((status) => ({
  value: status,
  label: PROCESS_STATUS_LABELS[status],
}));

/**
 * One page of processes for a page: the address parsed leniently (a bad filter is named in a
 * notice, not an error page), `fixed` filters the page imposes (an account, a status), the
 * caller's scopes, and the Types options those scopes can see.
 */
export async function loadProcessPage(
  merchantId: string,
  scopes: readonly ViewerScope[],
  raw: PageSearchParams,
  fixed: Partial<ProcessListQuery> = {},
) {
  const parsed = parseProcessListParams(raw);
  const ignored: IgnoredParam[] = [...parsed.ignored];
  let query: ProcessListQuery = { ...parsed.query, ...fixed };
  const list = (q: ProcessListQuery) => listProcesses(merchantId, scopes, q);
  let result: { page: ProcessPage; cursorRejected: boolean };
  try {
    result = await firstPageIfCursorRefused(list, query);
  } catch (error) {
    // An amount with more decimals than its currency has: drop the range, say so, show the rest.
    if (!(error instanceof AppError && error.code === "validation_error")) throw error;
    ignored.push({ field: "minAmount", message: error.message });
    query = { ...query, minAmount: undefined, maxAmount: undefined };
    result = await firstPageIfCursorRefused(list, query);
  }
  const gateways = await gatewayCodesOf(merchantId);
  const applied: ProcessFilterValues = {
    type: query.type?.join(",") ?? "",
    status: query.status?.join(",") ?? "",
    from: query.from ?? "",
    to: query.to ?? "",
    currency: query.currency ?? "",
    customer: query.customer ?? "",
    minAmount: query.minAmount ?? "",
    maxAmount: query.maxAmount ?? "",
  };
  const visibleTypes = new Set(typesVisibleIn(scopes));
  return {
    rows: result.page.data.map((row) => toProcessJson(row, gateways)),
    nextCursor: result.page.nextCursor,
    total: result.page.total,
    totalCapped: result.page.totalCapped,
    cursorRejected: result.cursorRejected,
    ignored,
    applied,
    typeOptions: PROCESS_TYPE_OPTIONS.filter((option) => visibleTypes.has(option.value)),
  };
}
