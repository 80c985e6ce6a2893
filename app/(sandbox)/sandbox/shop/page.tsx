import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { config } from "@/lib/config";
import { DEMO_PUBLISHABLE_KEY } from "@/lib/domain/checkout/publishable-keys";
import {
  DEMO_PRODUCT,
  findDemoShopSession,
} from "@/lib/services/checkout/create-demo-shop-session";
import { BuyButton } from "./_components/buy-button";
import { EmbeddedCheckout } from "./_components/embedded-checkout";

export const metadata: Metadata = { title: "Demo Store shop (sandbox)" };

/**
 * A merchant's page as a shop would write it, served in sandbox mode only and without sign-in: a
 * product and a Buy button; Buy has the shop's server create a checkout session, and the page embeds
 * the hosted checkout with the script (/sdk/v1/checkout.js) and Demo Store's publishable key.
 */
export default async function DemoShopPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  if (!config().sandboxMode) notFound();
  const { session: sessionParam } = await searchParams;
  const session = typeof sessionParam === "string" ? await findDemoShopSession(sessionParam) : null;

  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Demo Store shop</h1>
        <p className="text-sm text-slate-600">
          A sandbox merchant page that embeds Countersign checkout.
        </p>
      </header>
      <section
        aria-labelledby="product-heading"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="product-heading" className="text-lg font-medium">
          {DEMO_PRODUCT.name}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{DEMO_PRODUCT.description}</p>
        <p className="mt-3 text-xl font-semibold" data-testid="product-price">
          {DEMO_PRODUCT.amount} {DEMO_PRODUCT.currency}
        </p>
        {session ? null : <BuyButton />}
      </section>
      {typeof sessionParam === "string" && !session ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          That order is not one of this shop&apos;s.{" "}
          <Link href="/sandbox/shop" className="underline">
            Start again
          </Link>
          .
        </p>
      ) : null}
      {session ? (
        <section aria-labelledby="pay-heading" className="space-y-3">
          <h2 id="pay-heading" className="text-lg font-medium">
            Pay for order {session.order_no}
          </h2>
          <EmbeddedCheckout sessionId={session.session_id} publicKey={DEMO_PUBLISHABLE_KEY} />
          <p className="text-sm">
            <Link href="/sandbox/shop" className="text-indigo-700 underline">
              Start a new order
            </Link>
          </p>
        </section>
      ) : null}
    </main>
  );
}
