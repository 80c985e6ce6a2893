import type { Metadata } from "next";
import Link from "next/link";
import { FilterNotice } from "@/components/data-table/filter-notice";
import { ListTotal } from "@/components/data-table/list-total";
import { decisionActorOf } from "@/lib/auth/principal";
import { requirePermission } from "@/lib/auth/session";
import { CURRENCY_CODES } from "@/lib/domain/money/currency";
import { OPERATION_REQUEST_STATES, OPERATIONS } from "@/lib/domain/operation-requests/lifecycle";
import { mayManagePlugin, mayManageWhitelist } from "@/lib/domain/policies/administration";
import { firstPageIfCursorRefused } from "@/lib/queries/keyset-cursor";
import { listOperationRequests } from "@/lib/queries/operation-requests/list-operation-requests";
import { listRequestCustomers } from "@/lib/queries/operation-requests/list-request-customers";
import { toOperationRequestJson } from "@/lib/queries/operation-requests/operation-request-row";
import { isCheckerMissing } from "@/lib/queries/operations-approval/is-checker-missing";
import { listGatewayOptions } from "@/lib/queries/transactions/list-gateway-options";
import { parsePageParams } from "@/lib/validation/list-params";
import { OperationRequestFilterSchema } from "@/lib/validation/operation-requests";
import { OperationRequestsView } from "./_components/operation-requests-view";
import { requestViewerOf } from "./_components/request-viewer";

export const metadata: Metadata = { title: "Operation requests" };

/** The address's parameters, named as the filters name them. */
const PARAM_LABELS: Record<string, string> = {
  state: "State",
  operation: "Operation",
  from: "From date",
  to: "To date",
  pg: "Gateway (PG)",
  gateway: "Gateway",
  currency: "Currency",
  q: "Search",
  sort: "Sort",
  limit: "Page size",
  cursor: "Page",
};

export default async function OperationRequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePermission("operation_requests.view");
  const actor = decisionActorOf(principal);
  const canManagePlugin = mayManagePlugin(actor).ok;
  const { query: filters, ignored } = parsePageParams(
    OperationRequestFilterSchema,
    await searchParams,
  );
  const [{ page, cursorRejected }, gateways, checkerMissing] = await Promise.all([
    firstPageIfCursorRefused(
      (query) => listOperationRequests(principal.merchantId, query),
      filters,
    ),
    listGatewayOptions(principal.merchantId),
    canManagePlugin ? isCheckerMissing(principal.merchantId) : false,
  ]);
  const customers = await listRequestCustomers(
    principal.merchantId,
    page.data.map((row) => row.transactionId),
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500">Tickets</p>
          <h1 className="text-2xl font-semibold">Operation requests</h1>
        </div>
        {mayManageWhitelist(actor).ok && !canManagePlugin && (
          // The checker keeps the whitelist; admins reach the same page from the navigation.
          <Link
            href="/admin/plugins/operations-approval"
            className="text-sm text-indigo-700 underline"
          >
            Manage the whitelist
          </Link>
        )}
      </div>
      {checkerMissing && (
        <div
          role="note"
          className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          No checker is assigned: requests wait as pending until an admin assigns one.{" "}
          <Link href="/admin/plugins/operations-approval" className="font-medium underline">
            Assign a checker
          </Link>
        </div>
      )}
      <FilterNotice ignored={ignored} cursorRejected={cursorRejected} labels={PARAM_LABELS} />
      <ListTotal total={page.total} capped={page.totalCapped} noun={["request", "requests"]} />
      <OperationRequestsView
        rows={page.data.map(toOperationRequestJson)}
        customers={customers}
        nextCursor={page.nextCursor}
        applied={{
          state: filters.state ?? "",
          operation: filters.operation ?? "",
          from: filters.from ?? "",
          to: filters.to ?? "",
          pg: filters.pg ?? filters.gateway ?? "",
          currency: filters.currency ?? "",
          q: filters.q ?? "",
          sort: filters.sort === "created" ? "" : filters.sort,
        }}
        viewer={requestViewerOf(principal)}
        gateways={gateways}
        states={OPERATION_REQUEST_STATES}
        operations={OPERATIONS}
        currencies={CURRENCY_CODES}
      />
    </div>
  );
}
