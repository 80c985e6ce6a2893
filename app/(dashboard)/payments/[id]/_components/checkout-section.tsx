import { can, type Principal } from "@/lib/auth/principal";
import { formatTimestamp, humanize } from "@/lib/format";
import { getCheckoutSession } from "@/lib/queries/checkout/get-checkout-session";
import { CaptureButton } from "./capture-button";

/**
 * The checkout side of a payment made through a session: its link, expiry, attempts, and the flags
 * a person must look at (paid after the session ended; paid twice).
 */
export async function CheckoutSection({
  principal,
  paymentId,
}: {
  principal: Principal;
  paymentId: string;
}) {
  const session = await getCheckoutSession(principal.merchantId, paymentId);
  if (!session) return null;
  return (
    <section aria-labelledby="checkout-heading" className="space-y-3">
      <h2 id="checkout-heading" className="text-lg font-medium">
        Checkout session
      </h2>
      {session.paid_late && (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Paid after the session had ended: the gateway answered late. The payment is recorded;
          check with the customer whether they still expect the order.
        </p>
      )}
      {session.duplicate_payment && (
        <p role="status" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          Paid twice: the gateway reported a second successful attempt. Only the first is counted;
          refund the second at the gateway.
        </p>
      )}
      <dl className="grid grid-cols-1 gap-x-8 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">Type</dt>
          <dd>
            {humanize(session.type)} · {humanize(session.operation)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Link</dt>
          <dd className="break-all">
            <a href={session.checkout_short_url} className="text-indigo-700 hover:underline">
              {session.checkout_short_url}
            </a>
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Expires</dt>
          <dd>
            <time dateTime={session.expires_at}>{formatTimestamp(session.expires_at)}</time>
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Attempts</dt>
          <dd>
            {session.attempts.length} made, {session.attempts_left} left
          </dd>
        </div>
        {session.ended_reason && (
          <div className="sm:col-span-2">
            <dt className="text-slate-500">Ended because</dt>
            <dd>{session.ended_reason}</dd>
          </div>
        )}
      </dl>
      {session.state === "authorized" && can(principal, "checkout.create") && (
        <CaptureButton
          sessionId={session.session_id}
          amount={session.amount}
          currency={session.currency_code}
        />
      )}
      {session.attempts.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Payment attempts</caption>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  #
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Method
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Outcome
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  3-D Secure
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Card
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Gateway answer
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {session.attempts.map((attempt) => (
                <tr key={attempt.id}>
                  <td className="px-4 py-2 tabular-nums">{attempt.seq}</td>
                  <td className="px-4 py-2">{humanize(attempt.method)}</td>
                  <td className="px-4 py-2">{humanize(attempt.state)}</td>
                  <td className="px-4 py-2">
                    {attempt.three_ds
                      ? attempt.challenge_occurred
                        ? "Challenge"
                        : humanize(attempt.three_ds)
                      : "—"}
                  </td>
                  <td className="px-4 py-2">
                    {attempt.card_last4
                      ? `${attempt.card_brand ?? ""} •••• ${attempt.card_last4}`
                      : "—"}
                  </td>
                  <td className="px-4 py-2">
                    {attempt.code ? `${attempt.code}: ${attempt.message ?? ""}` : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
