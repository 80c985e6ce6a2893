import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import type { ReactNode } from "react";
import { History } from "@/app/(dashboard)/_components/history";
import { EmptyState } from "@/components/ui/empty-state";
import { decisionActorOf } from "@/lib/auth/principal";
import { requirePrincipal } from "@/lib/auth/session";
import { isClientAccountKind } from "@/lib/domain/ledger/accounts";
import { processTypeDefinition } from "@/lib/domain/ledger/catalogue";
import { PROCESS_STATUS_LABELS, type ProcessStatus } from "@/lib/domain/ledger/statuses";
import { processOffers } from "@/lib/domain/policies/process-offers";
import { mayViewProcesses, viewerScopes } from "@/lib/domain/policies/processes";
import { formatAmount, formatTimestamp, humanize } from "@/lib/format";
import { type AccountName, accountNamesOf } from "@/lib/queries/ledger-accounts/account-names";
import { getProcess } from "@/lib/queries/processes/get-process";
import { ProcessIdSchema } from "@/lib/validation/processes";
import { movementEnds } from "../../_components/movement-ends";
import { ProcessActions } from "../../_components/process-actions";
import { ProcessStatusBadge } from "../../_components/process-status-badge";

export const metadata: Metadata = { title: "Process" };

const TRANSFER_KIND_LABELS: Record<string, string> = {
  posted: "Posted",
  pending: "Hold",
  post_pending: "Capture of a hold",
  void_pending: "Release of a hold",
  expire_pending: "Expiry of a hold",
};

export default async function ProcessPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePrincipal();
  const actor = decisionActorOf(principal);
  if (!mayViewProcesses(actor).ok) forbidden();
  const scopes = viewerScopes(actor);
  const { id } = await params;
  // Unknown, malformed, another merchant's and another scope's ids all look the same from here.
  if (!ProcessIdSchema.safeParse(id).success) notFound();
  const process = await getProcess(principal.merchantId, scopes, id);
  if (!process) notFound();

  const accounts = await accountNamesOf(principal.merchantId, [
    ...process.transactions.flatMap((t) => [t.debitAccountId, t.creditAccountId]),
    ...[process.sourceAccountId, process.destinationAccountId].filter((v): v is string => !!v),
  ]);
  const money = (decimal: string) => formatAmount(decimal, process.currency);
  const definition = processTypeDefinition(process.type);
  const offers = processOffers(actor, {
    type: process.type,
    status: process.status,
    serviceApproved: process.steps.some((s) => s.action === "business_process.service_approved"),
    codeConfirmed: process.steps.some((s) => s.action === "business_process.code_confirmed"),
  });
  const [from, to] = movementEnds(process, accounts);
  const seqOf = new Map(process.transactions.map((t) => [t.id, t.seq]));

  const accountLink = (accountId: string | null) => {
    if (!accountId) return <span className="text-slate-500">—</span>;
    const account = accounts.get(accountId);
    if (!account) return <code className="text-xs">{accountId}</code>;
    const href = accountHref(account, scopes);
    const label = (
      <>
        {account.name} <span className="text-slate-500">({account.kindName})</span>
      </>
    );
    return href ? (
      <Link href={href} className="text-indigo-700 hover:underline">
        {label}
      </Link>
    ) : (
      <span>{label}</span>
    );
  };

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href="/ledger/transactions" className="text-sm text-indigo-700 hover:underline">
          ← Transactions
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{process.typeName}</h1>
          <ProcessStatusBadge status={process.status} />
          <span className="text-sm text-slate-500">{process.processClass}</span>
        </div>
        <p className="text-sm text-slate-600">
          {definition.description}. <code className="text-xs">{process.type}</code>
        </p>
        {process.statusReason && (
          <p className="text-sm text-slate-700">
            <span className="font-medium">Reason:</span> {process.statusReason}
          </p>
        )}
      </div>

      <section aria-labelledby="amounts-heading" className="space-y-3">
        <h2 id="amounts-heading" className="text-lg font-medium">
          Amounts
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Figure label="Amount">{money(process.amount)}</Figure>
          <Figure label="Fee">{money(process.fee)}</Figure>
          {process.counterAmount && process.counterCurrency && (
            <Figure label="Exchanged to">
              {formatAmount(process.counterAmount, process.counterCurrency)}
            </Figure>
          )}
          {process.exchangeRate && <Figure label="Rate">{process.exchangeRate}</Figure>}
        </dl>
      </section>

      {offers.length > 0 && (
        <section aria-labelledby="actions-heading" className="space-y-3">
          <h2 id="actions-heading" className="text-lg font-medium">
            {actionsHeading(process.status)}
          </h2>
          <ProcessActions
            process={{
              id: process.id,
              status: process.status,
              typeName: process.typeName,
              amount: process.amount,
              currency: process.currency,
              from,
              to,
              customer: process.customer?.name ?? null,
              distributed: definition.mode === "distributed",
            }}
            offers={offers}
          />
        </section>
      )}

      <section aria-labelledby="details-heading" className="space-y-3">
        <h2 id="details-heading" className="text-lg font-medium">
          Details
        </h2>
        <dl className="grid grid-cols-1 gap-x-8 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
          <Detail label="Customer">
            {process.customer ? (
              <Link
                href={`/clients/${process.customer.id}`}
                className="text-indigo-700 hover:underline"
              >
                {process.customer.name}
              </Link>
            ) : (
              <span className="text-slate-500">None (a system process)</span>
            )}
          </Detail>
          <Detail label="Status">{PROCESS_STATUS_LABELS[process.status]}</Detail>
          <Detail label="Source account">{accountLink(process.sourceAccountId)}</Detail>
          <Detail label="Destination account">{accountLink(process.destinationAccountId)}</Detail>
          <Detail label="Gateway">{process.gatewayCode ?? "—"}</Detail>
          <Detail label="Request identifier">
            <Code value={process.requestIdentifier} />
          </Detail>
          <Detail label="External process id">
            <Code value={process.externalProcessId} />
          </Detail>
          <Detail label="Refund process">
            {process.refundProcess ? (
              <Link
                href={`/ledger/transactions/${process.refundProcess.id}`}
                className="text-indigo-700 hover:underline"
              >
                {process.refundProcess.id}
              </Link>
            ) : (
              "—"
            )}
          </Detail>
          <Detail label="Transaction to refund (txIdToRefund)">
            <Code value={process.txIdToRefund} />
          </Detail>
          {process.paymentTransactionId && (
            <Detail label="Card payment">
              <Link
                href={`/transactions/${process.paymentTransactionId}`}
                className="text-indigo-700 hover:underline"
              >
                Open the payment
              </Link>
            </Detail>
          )}
          {process.holdExpiresAt && (
            <Detail label="Hold expires">
              <time dateTime={process.holdExpiresAt}>{formatTimestamp(process.holdExpiresAt)}</time>
            </Detail>
          )}
          {process.limitBreaches.length > 0 && (
            <Detail label="Limits exceeded">
              {process.limitBreaches.map(humanize).join(", ")}
            </Detail>
          )}
          <Detail label="Created">
            <time dateTime={process.createdAt}>
              {formatTimestamp(process.createdAt, { seconds: true })}
            </time>
          </Detail>
          <Detail label="Finished">
            {process.finishedAt ? (
              <time dateTime={process.finishedAt}>
                {formatTimestamp(process.finishedAt, { seconds: true })}
              </time>
            ) : (
              "Not yet"
            )}
          </Detail>
          <Detail label="Process id">
            <Code value={process.id} />
          </Detail>
        </dl>
      </section>

      <section aria-labelledby="transfers-heading" className="space-y-3">
        <h2 id="transfers-heading" className="text-lg font-medium">
          Transfers
        </h2>
        {process.transactions.length === 0 ? (
          <div className="rounded-lg border border-slate-200 bg-white">
            <EmptyState
              title="Nothing has moved yet."
              description={
                process.status === "limited" || process.status === "waiting_for_approval"
                  ? "The process moves money once it is approved."
                  : undefined
              }
            />
          </div>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">The atomic transfers of this process</caption>
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Seq
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Kind
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Debit → credit
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Amount
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Hold expires
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Resolves
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {process.transactions.map((transfer) => (
                  <tr key={transfer.id} data-transfer-seq={transfer.seq}>
                    <td className="px-4 py-2 tabular-nums">{transfer.seq}</td>
                    <td className="px-4 py-2 whitespace-nowrap">
                      {TRANSFER_KIND_LABELS[transfer.kind] ?? humanize(transfer.kind)}
                    </td>
                    <td className="px-4 py-2">
                      {accountLink(transfer.debitAccountId)}
                      <span aria-hidden="true"> → </span>
                      <span className="sr-only"> to </span>
                      {accountLink(transfer.creditAccountId)}
                    </td>
                    <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">
                      {formatAmount(transfer.amount, transfer.currency)}
                    </td>
                    <td className="px-4 py-2 whitespace-nowrap">
                      {transfer.expiresAt ? formatTimestamp(transfer.expiresAt) : "—"}
                    </td>
                    <td className="px-4 py-2 whitespace-nowrap">
                      {transfer.pendingId
                        ? seqOf.has(transfer.pendingId)
                          ? `Hold #${seqOf.get(transfer.pendingId)}`
                          : transfer.pendingId
                        : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-medium">
          History
        </h2>
        <History entries={process.steps} empty="No steps recorded." />
      </section>
    </div>
  );
}

function actionsHeading(status: ProcessStatus): string {
  if (status === "limited") return "Review";
  if (status === "waiting_for_approval") return "Approval";
  return "Second session";
}

/** Where a client-side account's page is (its customer) or a system account's, if the viewer may see it. */
function accountHref(account: AccountName, scopes: readonly string[]): string | null {
  if (isClientAccountKind(account.kind))
    return scopes.includes("client") && account.customerId
      ? `/clients/${account.customerId}`
      : null;
  return scopes.includes("system") ? `/system-accounts/${account.id}` : null;
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{children}</dd>
    </div>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5 break-words">{children}</dd>
    </div>
  );
}

function Code({ value }: { value: string | null }) {
  return value ? (
    <code className="text-xs">{value}</code>
  ) : (
    <span className="text-slate-500">—</span>
  );
}
