import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/session";
import { formatAmount, formatTimestamp, humanize } from "@/lib/format";
import { getTransaction } from "@/lib/queries/transactions/get-transaction";
import { toTransactionDetailJson } from "@/lib/queries/transactions/transaction-detail-json";
import { History } from "../../_components/history";
import { StateBadge } from "../_components/state-badge";
import { CheckoutSection } from "./_components/checkout-section";
import { OperationPanel } from "./_components/operation-panel";

export const metadata: Metadata = { title: "Payment" };

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePermission("transactions.view");
  const { id } = await params;
  const detail = await getTransaction(principal.merchantId, id);
  // Unknown, malformed and another merchant's ids all look the same from here.
  if (!detail) notFound();
  const transaction = toTransactionDetailJson(detail);
  const money = (decimal: string) => formatAmount(decimal, transaction.currency);

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href="/payments" className="text-sm text-indigo-700 hover:underline">
          ← Payments
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">
            <span className="sr-only">{humanize(transaction.kind)} </span>
            {transaction.orderNo}
          </h1>
          <StateBadge state={transaction.state} />
          {transaction.kind !== "payment" && (
            <span className="text-sm text-slate-500">{humanize(transaction.kind)}</span>
          )}
        </div>
        {transaction.parent && (
          <p className="text-sm text-slate-600">
            {humanize(transaction.kind)} of payment{" "}
            <Link
              href={`/payments/${transaction.parent.id}`}
              className="text-indigo-700 hover:underline"
            >
              {transaction.parent.orderNo}
            </Link>
          </p>
        )}
      </div>

      <section aria-labelledby="amounts-heading" className="space-y-3">
        <h2 id="amounts-heading" className="text-lg font-medium">
          Amounts
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Figure label="Amount">{money(transaction.amount)}</Figure>
          <Figure label="Captured">{money(transaction.capturedAmount)}</Figure>
          <Figure label="Refunded">{money(transaction.refundedAmount)}</Figure>
          <Figure label="Remaining">{money(transaction.remainingAmount)}</Figure>
        </dl>
      </section>

      {transaction.kind === "payment" && (
        <CheckoutSection principal={principal} paymentId={transaction.id} />
      )}

      {transaction.kind === "payment" && (
        <section aria-label="Operations">
          <OperationPanel principal={principal} transactionId={transaction.id} />
        </section>
      )}

      <section aria-labelledby="details-heading" className="space-y-3">
        <h2 id="details-heading" className="text-lg font-medium">
          Details
        </h2>
        <dl className="grid grid-cols-1 gap-x-8 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
          <Detail label="Gateway">
            {transaction.gateway.name}{" "}
            <span className="text-slate-500">({transaction.gateway.code})</span>
          </Detail>
          <Detail label="Unit">{transaction.unit.name}</Detail>
          <Detail label="Customer">
            {transaction.customer ? (
              <>
                <span className="block">{transaction.customer.name}</span>
                {transaction.customer.email && (
                  <span className="block text-slate-600">{transaction.customer.email}</span>
                )}
                {transaction.customer.phone && (
                  <span className="block text-slate-600">{transaction.customer.phone}</span>
                )}
              </>
            ) : (
              <span className="text-slate-500">No customer recorded</span>
            )}
          </Detail>
          <Detail label="Currency">{transaction.currency}</Detail>
          <Detail label="Created">
            <time dateTime={transaction.createdAt}>
              {formatTimestamp(transaction.createdAt, { seconds: true })}
            </time>
          </Detail>
          <Detail label="Updated">
            <time dateTime={transaction.updatedAt}>
              {formatTimestamp(transaction.updatedAt, { seconds: true })}
            </time>
          </Detail>
        </dl>
      </section>

      {transaction.kind === "payment" && (
        <section aria-labelledby="children-heading" className="space-y-3">
          <h2 id="children-heading" className="text-lg font-medium">
            Refunds and voids
          </h2>
          {transaction.children.length === 0 ? (
            <p className="text-sm text-slate-600">None.</p>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Refunds and voids of this payment</caption>
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Created
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Kind
                    </th>
                    <th scope="col" className="px-4 py-2 text-right font-medium">
                      Amount
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      State
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {transaction.children.map((child) => (
                    <tr key={child.id}>
                      <td className="px-4 py-2 whitespace-nowrap">
                        <Link
                          href={`/payments/${child.id}`}
                          className="text-indigo-700 hover:underline"
                        >
                          <time dateTime={child.createdAt}>{formatTimestamp(child.createdAt)}</time>
                        </Link>
                      </td>
                      <td className="px-4 py-2">{humanize(child.kind)}</td>
                      <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">
                        {formatAmount(child.amount, child.currency)}
                      </td>
                      <td className="px-4 py-2">
                        <StateBadge state={child.state} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-medium">
          History
        </h2>
        <History entries={transaction.events} empty="No changes recorded yet." />
      </section>
    </div>
  );
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
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}
