import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAllowed } from "@/lib/auth/session";
import { auditActionLabel } from "@/lib/domain/audit/actions";
import { decisionActorOf } from "@/lib/domain/auth/principal";
import { PAYABLE_STATES } from "@/lib/domain/checkout/lifecycle";
import { CHANNEL_LABELS, type NotificationChannel } from "@/lib/domain/checkout/payment-links";
import { mayManagePaymentLinks, mayViewPaymentLinks } from "@/lib/domain/policies/payment-links";
import { formatAmount, formatTimestamp, humanize } from "@/lib/format";
import { getPaymentLinkDetail } from "@/lib/queries/checkout/list-payment-links";
import { isUuid } from "@/lib/validation/ids";
import { CopyLinkButton, QrButton, ResendCancelButtons } from "../_components/link-actions";
import { LinkStateBadge } from "../_components/link-state-badge";

export const metadata: Metadata = { title: "Payment link" };

const channelLabel = (channel: string) => CHANNEL_LABELS[channel as NotificationChannel] ?? channel;

export default async function PaymentLinkPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requireAllowed(mayViewPaymentLinks);
  const { id } = await params;
  const link = isUuid(id) ? await getPaymentLinkDetail(principal.merchantId, id) : null;
  if (!link) notFound();
  const canManage = mayManagePaymentLinks(decisionActorOf(principal)).ok;
  const facts: [string, string][] = [
    ["Amount", formatAmount(link.amount, link.currency)],
    ["Customer", link.customerName ?? "—"],
    ["Email", link.customerEmail ?? "—"],
    ["Phone", link.customerPhone ?? "—"],
    ["Gateways", link.pgCodes.join(", ")],
    ["Created", formatTimestamp(link.createdAt)],
    ["Due", link.dueAt ? formatTimestamp(link.dueAt) : "—"],
    ["Expires", formatTimestamp(link.expiresAt)],
    [
      "Sent at creation by",
      link.channels.length ? link.channels.map(channelLabel).join(", ") : "—",
    ],
    ["Created through", humanize(link.createdVia)],
    ["Attempts left", String(link.attemptsLeft)],
  ];
  if (link.endedReason) facts.push(["Ended because", link.endedReason]);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/payment-links" className="text-sm text-indigo-700 hover:underline">
          ← Payment links
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold break-all">{link.orderNo}</h1>
          <LinkStateBadge state={link.state} />
          {link.paidLate && (
            <span className="text-sm text-amber-800">Paid after the link had ended</span>
          )}
        </div>
      </div>
      <section
        aria-label="The link"
        className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
      >
        <p className="text-sm break-all">
          <a href={link.shortUrl} className="text-indigo-700 underline">
            {link.shortUrl}
          </a>
        </p>
        <div className="flex flex-wrap gap-2">
          <CopyLinkButton url={link.shortUrl} />
          <QrButton qrUrl={link.qrUrl} shortUrl={link.shortUrl} />
          {canManage && (
            <ResendCancelButtons link={{ ...link, open: PAYABLE_STATES.includes(link.state) }} />
          )}
        </div>
      </section>
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
        {facts.map(([term, value]) => (
          <div key={term} className="min-w-0">
            <dt className="text-slate-500">{term}</dt>
            <dd className="break-words text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="attempts-heading" className="space-y-2">
        <h2 id="attempts-heading" className="text-lg font-semibold">
          Attempts
        </h2>
        {link.attempts.length === 0 ? (
          <p className="text-sm text-slate-600">The customer has not tried to pay yet.</p>
        ) : (
          <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
            {link.attempts.map((attempt) => (
              <li key={attempt.id} className="flex flex-wrap gap-x-4 gap-y-1 p-3">
                <span>#{attempt.seq}</span>
                <span>{humanize(attempt.method)}</span>
                <span>{humanize(attempt.state)}</span>
                {attempt.cardLast4 && (
                  <span>
                    {attempt.cardBrand} ···· {attempt.cardLast4}
                  </span>
                )}
                {attempt.message && <span className="text-slate-600">{attempt.message}</span>}
                <time dateTime={attempt.createdAt} className="text-slate-500">
                  {formatTimestamp(attempt.createdAt)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="history-heading" className="space-y-2">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
          {link.history.map((event) => (
            <li key={event.id} className="flex flex-wrap gap-x-4 gap-y-1 p-3">
              <time dateTime={event.createdAt} className="text-slate-500">
                {formatTimestamp(event.createdAt)}
              </time>
              <span className="font-medium">
                {auditActionLabel(event.action)}
                {event.channels.length > 0 && ` (${event.channels.map(channelLabel).join(", ")})`}
              </span>
              <span className="text-slate-600">
                {event.actorName ??
                  (event.actorType === "system" ? "System" : humanize(event.actorType))}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
