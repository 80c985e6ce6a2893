import type { OutcomeData } from "@/lib/domain/checkout/embed-protocol";
import { format, type Messages } from "@/lib/domain/checkout/messages";
import type { PageView } from "@/lib/domain/checkout/page-view";
import { successRedirectUrl } from "@/lib/domain/checkout/page-view";
import type { CheckoutLanguage } from "@/lib/domain/checkout/session-rules";
import { EmbedOutcome } from "./embed-outcome";

export function NotFoundView({ t }: { t: Messages }) {
  return (
    <section aria-labelledby="checkout-title">
      <h1 id="checkout-title" className="text-xl font-semibold">
        {t.notFoundTitle}
      </h1>
      <p className="mt-2 text-slate-600">{t.notFoundBody}</p>
    </section>
  );
}

/**
 * An attempt is still open (the customer left the bank's or the gateway's page): "Continue" goes
 * through the return route, which asks the gateway and either applies its outcome or sends the
 * customer back to that page to finish or cancel there.
 */
export function PendingView({ t, continueHref }: { t: Messages; continueHref: string }) {
  return (
    <section className="mt-5" aria-labelledby="pending-title">
      <h2 id="pending-title" className="text-lg font-semibold">
        {t.pendingTitle}
      </h2>
      <p className="mt-2 text-slate-600">{t.pendingBody}</p>
      <a
        href={continueHref}
        className="mt-4 inline-block rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white"
      >
        {t.continuePayment}
      </a>
    </section>
  );
}

export function ReceiptView({
  t,
  language,
  merchant,
  authorized,
  paid,
  redirectUrl,
  outcome,
}: {
  t: Messages;
  language: CheckoutLanguage;
  merchant: string;
  authorized: boolean;
  paid: { method: string; cardBrand: string | null; cardLast4: string | null; at: Date } | null;
  redirectUrl: string | null;
  outcome: OutcomeData;
}) {
  const back = successRedirectUrl(redirectUrl, outcome);
  return (
    <section className="mt-5" aria-labelledby="receipt-title" data-testid="receipt">
      <h2 id="receipt-title" className="text-lg font-semibold text-emerald-700">
        {authorized ? t.receiptAuthorizedTitle : t.receiptTitle}
      </h2>
      <p className="mt-2 text-slate-700">
        {format(authorized ? t.receiptAuthorizedBody : t.receiptBody, { merchant })}
      </p>
      {paid ? (
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">{t.receiptPaidWith}</dt>
          <dd dir="ltr" className="text-start">
            {paid.cardLast4 ? `${paid.cardBrand ?? ""} •••• ${paid.cardLast4}` : paid.method}
          </dd>
          <dt className="text-slate-500">{t.receiptAt}</dt>
          <dd>
            {new Intl.DateTimeFormat(language === "ar" ? "ar-u-nu-latn" : "en-GB", {
              dateStyle: "medium",
              timeStyle: "short",
              timeZone: "UTC",
            }).format(paid.at)}{" "}
            UTC
          </dd>
        </dl>
      ) : null}
      {back ? (
        <a
          href={back}
          className="mt-4 inline-block rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white"
        >
          {format(t.returnToMerchant, { merchant })}
        </a>
      ) : null}
    </section>
  );
}

export function EndedView({
  t,
  merchant,
  reason,
  embedOrigin,
  outcome,
}: {
  t: Messages;
  merchant: string;
  reason: Extract<PageView, "expired" | "canceled" | "failed">;
  embedOrigin: string | null;
  outcome: OutcomeData;
}) {
  const [title, body] =
    reason === "expired"
      ? [t.endedExpiredTitle, t.endedExpiredBody]
      : reason === "canceled"
        ? [t.endedCanceledTitle, t.endedCanceledBody]
        : [t.endedFailedTitle, t.endedFailedBody];
  return (
    <section className="mt-5" aria-labelledby="ended-title" data-testid={`ended-${reason}`}>
      <h2 id="ended-title" className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mt-2 text-slate-600">{format(body, { merchant })}</p>
      <EmbedOutcome
        origin={embedOrigin}
        type={reason === "canceled" ? "cancel" : "error"}
        data={{ ...outcome, message: title }}
        code={reason === "expired" ? "request_expired" : reason === "failed" ? "failed" : undefined}
      />
    </section>
  );
}
