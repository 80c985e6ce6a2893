import type { Metadata } from "next";
import { FilterNotice } from "@/components/data-table/filter-notice";
import { ListTotal } from "@/components/data-table/list-total";
import { decisionActorOf } from "@/lib/auth/principal";
import { requirePermission } from "@/lib/auth/session";
import { processTypeDefinition } from "@/lib/domain/ledger/catalogue";
import { CURRENCY_CODES } from "@/lib/domain/money/currency";
import { processOffers } from "@/lib/domain/policies/process-offers";
import { listCustomerOptions } from "@/lib/queries/customers/list-customers";
import { accountNamesOf } from "@/lib/queries/ledger-accounts/account-names";
import { loadProcessPage, PROCESS_PARAM_LABELS } from "../../ledger/_components/load-process-page";
import { movementEnds } from "../../ledger/_components/movement-ends";
import { ProcessesView } from "../../ledger/_components/processes-view";

export const metadata: Metadata = { title: "Limited processes" };

/** Without a status in the address the tickets show what waits: the limited processes. */
const REVIEW_STATUS_OPTIONS = [{ value: "rejected", label: "Rejected by review" }];

/**
 * Tickets > Limited processes (processes.review): processes a limit profile stopped, waiting for
 * the anti-fraud review, with Approve and Reject (with a reason) in each row. The reviewer decides
 * every type, so both viewer scopes are listed. The table follows live changes (a process stopped or
 * reviewed anywhere) through the dashboard's live updates.
 */
export default async function LimitedProcessesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePermission("processes.review");
  const actor = decisionActorOf(principal);
  const raw = await searchParams;
  const waiting = !raw.status || (Array.isArray(raw.status) ? !raw.status[0] : !raw.status.trim());
  const [page, customers] = await Promise.all([
    loadProcessPage(
      principal.merchantId,
      ["client", "system"],
      raw,
      waiting ? { status: ["limited"] } : {},
    ),
    listCustomerOptions(principal.merchantId),
  ]);
  const accounts = await accountNamesOf(
    principal.merchantId,
    page.rows.flatMap((row) =>
      [row.sourceAccountId, row.destinationAccountId].filter((v): v is string => !!v),
    ),
  );
  const rows = page.rows.map((row) => {
    const [from, to] = movementEnds(row, accounts);
    return {
      ...row,
      offers: processOffers(actor, { type: row.type, status: row.status }),
      actionable: {
        id: row.id,
        status: row.status,
        typeName: row.typeName,
        amount: row.amount,
        currency: row.currency,
        from,
        to,
        customer: row.customer?.name ?? null,
        distributed: processTypeDefinition(row.type).mode === "distributed",
      },
    };
  });

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500">Tickets</p>
        <h1 className="text-2xl font-semibold">Limited processes</h1>
      </div>
      <FilterNotice
        ignored={page.ignored}
        cursorRejected={page.cursorRejected}
        labels={PROCESS_PARAM_LABELS}
      />
      <ListTotal total={page.total} capped={page.totalCapped} noun={["process", "processes"]} />
      <ProcessesView
        rows={rows}
        nextCursor={page.nextCursor}
        applied={{ ...page.applied, status: waiting ? "" : page.applied.status }}
        types={page.typeOptions}
        statuses={REVIEW_STATUS_OPTIONS}
        currencies={CURRENCY_CODES}
        customers={customers}
        caption="Limited processes"
        emptyTitle="No process waits for review."
        emptyDescription="Processes over a limit profile stop here until someone with the review permission approves or rejects them."
        filterLabel="Filter limited processes"
        variant="tickets"
        allStatusesLabel="Waiting for review"
      />
    </div>
  );
}
