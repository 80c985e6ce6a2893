import type { Metadata } from "next";
import { directionOf, messagesFor, pageLanguage } from "@/lib/domain/checkout/messages";
import { formatAmount, pageViewOf, saveCardChoice } from "@/lib/domain/checkout/page-view";
import {
  findPendingAttemptId,
  getAttemptNotice,
  verifiedEmbedOrigin,
} from "@/lib/queries/checkout/get-checkout-page-state";
import { getCheckoutPageSession } from "@/lib/queries/checkout/get-checkout-session";
import { CheckoutForm } from "./_components/checkout-form";
import { Countdown } from "./_components/countdown";
import { EndedView, NotFoundView, PendingView, ReceiptView } from "./_components/views";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Checkout" };

type SearchParams = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/**
 * The hosted payment page (no sign-in: the session's unguessable id is the bearer). English or
 * Arabic (the session's language, or ?lang=), right to left in Arabic. What it shows follows the
 * session's state (lib/domain/checkout/page-view.ts): the methods to pay with, a payment under way,
 * the receipt, or the page that says why it cannot be paid and what to do.
 */
export default async function CheckoutPage({
  params,
  searchParams,
}: {
  params: Promise<{ sessionId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { sessionId } = await params;
  const query = await searchParams;
  const session = await getCheckoutPageSession(sessionId);
  const language = pageLanguage(session?.language ?? "en", query.lang);
  const t = messagesFor(language);
  const dir = directionOf(language);
  if (!session) {
    return (
      <Shell language={language} dir={dir}>
        <NotFoundView t={t} />
      </Shell>
    );
  }
  const now = new Date();
  const pendingAttempt = await findPendingAttemptId(session.id);
  const view = pageViewOf({ ...session, attemptPending: pendingAttempt !== null }, now);
  const embed = one(query.embed) === "1";
  const embedOrigin = embed
    ? await verifiedEmbedOrigin(session.id, {
        embed: one(query.embed),
        pk: one(query.pk),
        origin: one(query.origin),
      })
    : null;
  const notice = view === "pay" ? await getAttemptNotice(session.id, one(query.attempt)) : null;
  const amount = formatAmount(session.amount, session.currency, language);
  const outcomeData = { session_id: session.id, order_no: session.orderNo, state: session.state };

  return (
    <Shell language={language} dir={dir} embedOrigin={embedOrigin}>
      <header className="border-b border-slate-200 pb-4">
        <p className="text-sm text-slate-500">{t.payTo}</p>
        <h1 className="break-words text-xl font-semibold text-slate-900">{session.merchantName}</h1>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">{t.order}</dt>
          <dd className="break-all font-mono text-slate-800" dir="ltr">
            {session.orderNo}
          </dd>
          <dt className="text-slate-500">{t.amount}</dt>
          <dd className="text-lg font-semibold text-slate-900" data-testid="checkout-amount">
            {amount}
          </dd>
          {view === "pay" || view === "pending" ? (
            <>
              <dt className="text-slate-500">{t.expiresIn}</dt>
              <dd>
                <Countdown expiresAt={session.expiresAt.toISOString()} expiredLabel={t.expired} />
              </dd>
            </>
          ) : null}
        </dl>
      </header>
      {view === "pay" ? (
        <CheckoutForm
          sessionId={session.id}
          language={language}
          t={t}
          amountLabel={amount}
          amount={session.amount}
          currency={session.currency}
          gateways={session.gateways}
          savedCards={session.savedCards}
          hasCustomer={session.hasCustomer}
          saveCard={saveCardChoice(session)}
          attemptsLeft={session.attemptsLeft}
          initialNotice={notice}
          embedOrigin={embedOrigin}
          outcomeData={outcomeData}
        />
      ) : view === "pending" ? (
        <PendingView
          t={t}
          continueHref={`/checkout/${session.id}/return?attempt=${pendingAttempt}`}
        />
      ) : view === "receipt" ? (
        <ReceiptView
          t={t}
          language={language}
          merchant={session.merchantName}
          authorized={session.state === "authorized"}
          paid={session.paid}
          redirectUrl={session.redirectUrl}
          outcome={outcomeData}
        />
      ) : (
        <EndedView
          t={t}
          merchant={session.merchantName}
          reason={view}
          embedOrigin={embedOrigin}
          outcome={outcomeData}
        />
      )}
      <p className="mt-6 text-center text-xs text-slate-500">
        <a
          className="underline"
          href={`/checkout/${session.id}?${new URLSearchParams({
            ...Object.fromEntries(
              Object.entries(query).flatMap(([key, value]) => {
                const last = one(value);
                return key === "lang" || key === "attempt" || last === undefined
                  ? []
                  : [[key, last]];
              }),
            ),
            lang: language === "ar" ? "en" : "ar",
          })}`}
          lang={language === "ar" ? "en" : "ar"}
        >
          {t.language}
        </a>
      </p>
      <p className="mt-2 text-center text-xs text-slate-400">{t.secure}</p>
    </Shell>
  );
}

function Shell({
  language,
  dir,
  embedOrigin = null,
  children,
}: {
  language: string;
  dir: "ltr" | "rtl";
  embedOrigin?: string | null;
  children: React.ReactNode;
}) {
  return (
    <main
      lang={language}
      dir={dir}
      data-checkout-root=""
      data-embed-origin={embedOrigin ?? undefined}
      className="mx-auto w-full max-w-md rounded-lg bg-white p-4 shadow-sm sm:p-6"
    >
      {children}
    </main>
  );
}
