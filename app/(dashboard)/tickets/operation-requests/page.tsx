import type { Metadata } from "next";
import Link from "next/link";
import { FilterNotice } from "@/components/data-table/filter-notice";
import { decisionActorOf } from "@/lib/auth/principal";
import { requirePermission } from "@/lib/auth/session";
import { CURRENCY_CODES } from "@/lib/domain/money/currency";
import { OPERATION_REQUEST_STATES, OPERATIONS } from "@/lib/domain/operation-requests/lifecycle";
import { mayManagePlugin, mayManageWhitelist } from "@/lib/domain/policies/administration";
import { AppError } from "@/lib/errors";
import {
  listOperationRequests,
  type OperationRequestPage,
} from "@/lib/queries/operation-requests/list-operation-requests";
import { listRequestCustomers } from "@/lib/queries/operation-requests/list-request-customers";
import { toOperationRequestJson } from "@/lib/queries/operation-requests/operation-request-row";
import { isCheckerMissing } from "@/lib/queries/operations-approval/is-checker-missing";
import { listGatewayOptions } from "@/lib/queries/transactions/list-gateway-options";
import type { OperationRequestFilters } from "@/lib/validation/operation-requests";
import { OperationRequestsView } from "./_components/operation-requests-view";
import { parseTicketParams } from "./_components/parse-ticket-params";
import { requestViewerOf } from "./_components/request-viewer";

export const metadata: Metadata = { title: "Operation requests" };

/** The address's parameters, named as the filters name them. */
const PARAM_LABELS: Record<string, string> = {
  state: "State",
  operation: "Operation",
  from: "From date",
  to: "To date",
  pg: "Gateway (PG)",
  currency: "Currency",
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
  const { filters, ignored } = parseTicketParams(await searchParams);
  const [{ page, cursorRejected }, gateways, checkerMissing] = await Promise.all([
    listFromCursorOrFirstPage(principal.merchantId, filters),
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
      <OperationRequestsView
        rows={page.data.map(toOperationRequestJson)}
        customers={customers}
        nextCursor={page.nextCursor}
        applied={{
          state: filters.state ?? "",
          operation: filters.operation ?? "",
          from: filters.from ?? "",
          to: filters.to ?? "",
          pg: filters.pg ?? "",
          currency: filters.currency ?? "",
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

/** A stale or edited page link shows the first page with a notice; the API answers 400 instead. */
async function listFromCursorOrFirstPage(
  merchantId: string,
  filters: OperationRequestFilters,
): Promise<{ page: OperationRequestPage; cursorRejected: boolean }> {
  try {
    return { page: await listOperationRequests(merchantId, filters), cursorRejected: false };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "validation_error" && filters.cursor))
      throw error;
    return {
      page: await listOperationRequests(merchantId, { ...filters, cursor: undefined }),
      cursorRejected: true,
    };
  }
}
