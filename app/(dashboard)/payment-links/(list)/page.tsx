import type { Metadata } from "next";
import Link from "next/link";
import { FilterNotice } from "@/components/data-table/filter-notice";
import { requireAllowed } from "@/lib/auth/session";
import { decisionActorOf } from "@/lib/domain/auth/principal";
import {
  mayCreatePaymentLinks,
  mayManagePaymentLinks,
  mayViewPaymentLinks,
} from "@/lib/domain/policies/payment-links";
import { listPaymentLinks } from "@/lib/queries/checkout/list-payment-links";
import { firstPageIfCursorRefused } from "@/lib/queries/keyset-cursor";
import { PAYMENT_LINK_STATES, parsePaymentLinkListParams } from "@/lib/validation/payment-links";
import { LinksView } from "../_components/links-view";

export const metadata: Metadata = { title: "Payment links" };

const PARAM_LABELS: Record<string, string> = {
  state: "State",
  from: "From date",
  to: "To date",
  q: "Search",
  limit: "Page size",
  cursor: "Page",
};

export default async function PaymentLinksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requireAllowed(mayViewPaymentLinks);
  const actor = decisionActorOf(principal);
  const canCreate = mayCreatePaymentLinks(actor).ok;
  const { query, ignored } = parsePaymentLinkListParams(await searchParams);
  const { page, cursorRejected } = await firstPageIfCursorRefused(
    (q) => listPaymentLinks(principal.merchantId, q),
    query,
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Payment links</h1>
        {canCreate && (
          <div className="flex flex-wrap gap-2">
            <Link
              href="/payment-links/bulk"
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              Upload a CSV
            </Link>
            <Link
              href="/payment-links/new"
              className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700"
            >
              New payment link
            </Link>
          </div>
        )}
      </div>
      <FilterNotice ignored={ignored} cursorRejected={cursorRejected} labels={PARAM_LABELS} />
      <LinksView
        rows={page.data}
        nextCursor={page.nextCursor}
        applied={{
          state: query.state ?? "",
          from: query.from ?? "",
          to: query.to ?? "",
          q: query.q ?? "",
        }}
        states={PAYMENT_LINK_STATES}
        canCreate={canCreate}
        canManage={mayManagePaymentLinks(actor).ok}
      />
    </div>
  );
}
