import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { requireAllowed } from "@/lib/auth/session";
import { mayManageWebhooks } from "@/lib/domain/policies/webhooks";
import {
  getCurrentWebhookSecret,
  listWebhookEndpoints,
} from "@/lib/queries/webhooks/list-webhook-endpoints";
import { AddEndpointForm } from "./_components/add-endpoint-form";
import { EndpointActions } from "./_components/endpoint-actions";
import { EndpointStatus } from "./_components/endpoint-status";
import { SigningSecret } from "./_components/signing-secret";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const principal = await requireAllowed(mayManageWebhooks);
  const [endpoints, secret] = await Promise.all([
    listWebhookEndpoints(principal.merchantId),
    getCurrentWebhookSecret(principal.merchantId),
  ]);
  return (
    <div className="max-w-4xl space-y-6">
      <header>
        <p className="text-sm text-slate-500">Settings</p>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="mt-1 text-sm text-slate-600">
          {principal.merchantName}&apos;s server hears about payments, refunds, voids and operation
          requests as they happen. A delivery that does not get a 2xx answer is retried for about a
          day; an endpoint that answers 410, or fails for a day, is disabled and the admins are
          emailed.
        </p>
      </header>
      <SigningSecret
        exists={secret !== null}
        previousExpiresAt={secret?.previousExpiresAt ?? null}
      />
      <AddEndpointForm />
      <section
        aria-labelledby="endpoints-heading"
        className="rounded-lg border border-slate-200 bg-white"
      >
        <h2 id="endpoints-heading" className="border-b border-slate-200 px-4 py-3 font-medium">
          Endpoints
        </h2>
        {endpoints.length === 0 ? (
          <EmptyState
            title="No endpoints yet"
            description="Add the URL of your server above; the events you choose are sent to it, signed."
          />
        ) : (
          <ul className="divide-y divide-slate-100">
            {endpoints.map((endpoint) => (
              <li
                key={endpoint.id}
                className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center"
              >
                <div className="min-w-0 flex-1 space-y-1">
                  <Link
                    href={`/settings/webhooks/${endpoint.id}`}
                    className="block break-all font-mono text-sm text-indigo-700 underline-offset-2 hover:underline"
                  >
                    {endpoint.url}
                  </Link>
                  <p className="text-xs text-slate-600">
                    {endpoint.kind === "session"
                      ? "A checkout session's webhook_url: its sessions' events only"
                      : endpoint.eventTypes.length === 0
                        ? "Every event"
                        : endpoint.eventTypes.join(", ")}
                    {endpoint.description ? ` · ${endpoint.description}` : ""}
                  </p>
                </div>
                <EndpointStatus enabled={endpoint.enabled} reason={endpoint.disabledReason} />
                <EndpointActions id={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
