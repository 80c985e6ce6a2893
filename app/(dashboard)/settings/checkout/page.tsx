import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePermission } from "@/lib/auth/session";
import { listPublishableKeys } from "@/lib/queries/checkout/publishable-keys";
import { CreatePublishableKeyForm } from "./_components/create-publishable-key-form";
import { PublishableKeyRow } from "./_components/publishable-key-row";

export const metadata: Metadata = { title: "Checkout settings" };

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export default async function CheckoutSettingsPage() {
  const principal = await requirePermission("checkout.settings");
  const keys = await listPublishableKeys(principal.merchantId);
  return (
    <div className="max-w-4xl space-y-6">
      <header>
        <p className="text-sm text-slate-500">Settings</p>
        <h1 className="text-2xl font-semibold">Checkout</h1>
        <p className="mt-1 text-sm text-slate-600">
          Publishable keys (<code className="rounded bg-slate-100 px-1">pk_…</code>) let{" "}
          {principal.merchantName}&apos;s pages embed the checkout with{" "}
          <code className="rounded bg-slate-100 px-1">/sdk/v1/checkout.js</code>. They are public by
          design: each works only from its allowed origins and only for your sessions. Never put a
          secret key (<code className="rounded bg-slate-100 px-1">sk_…</code>) in a page.
        </p>
      </header>
      <CreatePublishableKeyForm />
      <section aria-labelledby="pk-heading" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="pk-heading" className="border-b border-slate-200 px-4 py-3 font-medium">
          Publishable keys
        </h2>
        {keys.length === 0 ? (
          <EmptyState
            title="No publishable keys yet"
            description="Create one above, listing the origins of the pages that will embed the checkout."
          />
        ) : (
          <ul>
            {keys.map((key) => (
              <PublishableKeyRow
                key={key.id}
                item={{
                  id: key.id,
                  name: key.name,
                  key: key.key,
                  origins: key.allowedOrigins,
                  created: `${dateTime.format(key.createdAt)} UTC${key.createdBy ? ` by ${key.createdBy.name}` : ""}`,
                  revoked: key.revokedAt ? `${dateTime.format(key.revokedAt)} UTC` : null,
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
