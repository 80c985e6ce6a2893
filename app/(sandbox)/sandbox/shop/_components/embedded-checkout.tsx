"use client";

import Script from "next/script";
import { useEffect, useRef, useState } from "react";

type Outcome =
  | { kind: "success"; orderNo: string; state: string }
  | { kind: "cancel"; orderNo: string; state: string }
  | { kind: "error"; orderNo: string; state: string; message: string };

type OutcomeData = { order_no: string; state: string; message?: string };
type CheckoutGlobal = {
  init: (options: Record<string, unknown>) => { destroy: () => void };
};

/**
 * The merchant's side of the embed, exactly as a shop's own page would write it: the script from
 * /sdk/v1/checkout.js, then Checkout.init with the session its server created and its publishable
 * key. The outcome callbacks show what the shop learns.
 */
export function EmbeddedCheckout({
  sessionId,
  publicKey,
}: {
  sessionId: string;
  publicKey: string;
}) {
  const [loaded, setLoaded] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const instance = useRef<{ destroy: () => void } | null>(null);

  useEffect(() => {
    const checkout = (window as unknown as { Checkout?: CheckoutGlobal }).Checkout;
    if (!loaded || !checkout) return;
    try {
      instance.current = checkout.init({
        selector: "#countersign-checkout",
        sessionId,
        publicKey,
        lang: "en",
        beforePayment: () => true,
        success: (data: OutcomeData) =>
          setOutcome({ kind: "success", orderNo: data.order_no, state: data.state }),
        cancel: (data: OutcomeData) =>
          setOutcome({ kind: "cancel", orderNo: data.order_no, state: data.state }),
        error: (data: OutcomeData) =>
          setOutcome({
            kind: "error",
            orderNo: data.order_no,
            state: data.state,
            message: data.message ?? "The payment did not go through.",
          }),
      });
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
    return () => {
      instance.current?.destroy();
      instance.current = null;
    };
  }, [loaded, sessionId, publicKey]);

  return (
    <div className="space-y-3">
      <Script
        src="/sdk/v1/checkout.js"
        strategy="afterInteractive"
        onReady={() => setLoaded(true)}
        onError={() => setFailure("The checkout script could not be loaded.")}
      />
      <div role="status" aria-live="polite" data-testid="shop-outcome">
        {outcome?.kind === "success" ? (
          <p className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
            Thank you! Order {outcome.orderNo} is {outcome.state}.
          </p>
        ) : null}
        {outcome?.kind === "cancel" ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            The payment for order {outcome.orderNo} was canceled ({outcome.state}).
          </p>
        ) : null}
        {outcome?.kind === "error" ? (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            Order {outcome.orderNo}: {outcome.message} ({outcome.state})
          </p>
        ) : null}
      </div>
      {failure ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {failure}
        </p>
      ) : null}
      {!loaded && !failure ? <p className="text-sm text-slate-500">Loading checkout…</p> : null}
      <div
        id="countersign-checkout"
        className="overflow-hidden rounded-lg border border-slate-200 bg-white"
      />
    </div>
  );
}
