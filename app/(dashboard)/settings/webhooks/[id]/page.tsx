import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { requireAllowed } from "@/lib/auth/session";
import { mayManageWebhooks } from "@/lib/domain/policies/webhooks";
import { firstPageIfCursorRefused } from "@/lib/queries/keyset-cursor";
import { listWebhookDeliveries } from "@/lib/queries/webhooks/list-webhook-deliveries";
import { getWebhookEndpointOrThrow } from "@/lib/queries/webhooks/list-webhook-endpoints";
import { WebhookDeliveriesQuerySchema, type WebhookDeliveryJson } from "@/lib/validation/webhooks";
import { EndpointActions } from "../_components/endpoint-actions";
import { EndpointStatus } from "../_components/endpoint-status";
import { ResendButton } from "../_components/resend-button";

export const metadata: Metadata = { title: "Webhook deliveries" };

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

const STATUS_TONES: Record<WebhookDeliveryJson["status"], BadgeTone> = {
  pending: "amber",
  delivered: "green",
  failed: "red",
  abandoned: "red",
};

export default async function EndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requireAllowed(mayManageWebhooks);
  const { id } = await params;
  const raw = await searchParams;
  const endpoint = await getWebhookEndpointOrThrow(principal.merchantId, id).catch(() => null);
  if (!endpoint) notFound();
  const parsed = WebhookDeliveriesQuerySchema.safeParse({
    cursor: typeof raw.cursor === "string" ? raw.cursor : undefined,
  });
  const query = parsed.success ? parsed.data : { cursor: undefined, limit: 25 };
  const { page, cursorRejected } = await firstPageIfCursorRefused(
    (q) => listWebhookDeliveries(principal.merchantId, endpoint.id, q),
    query,
  );
  return (
    <div className="max-w-4xl space-y-6">
      <header className="space-y-2">
        <Link href="/settings/webhooks" className="text-sm text-indigo-700 hover:underline">
          ← Webhooks
        </Link>
        <h1 className="break-all font-mono text-lg font-semibold sm:text-xl">{endpoint.url}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <EndpointStatus enabled={endpoint.enabled} reason={endpoint.disabledReason} />
          <span>
            {endpoint.eventTypes.length === 0 ? "Every event" : endpoint.eventTypes.join(", ")}
          </span>
        </div>
        <EndpointActions
          id={endpoint.id}
          url={endpoint.url}
          enabled={endpoint.enabled}
          afterDelete="/settings/webhooks"
        />
      </header>
      {(cursorRejected || !parsed.success) && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          That page link is no longer valid; showing the newest deliveries.
        </p>
      )}
      <section
        aria-labelledby="log-heading"
        className="rounded-lg border border-slate-200 bg-white"
      >
        <h2 id="log-heading" className="border-b border-slate-200 px-4 py-3 font-medium">
          Delivery log
        </h2>
        {page.data.length === 0 ? (
          <EmptyState
            title="No deliveries yet"
            description="Each event sent to this endpoint shows here with every attempt: the request, the answer and how long it took."
          />
        ) : (
          <ul className="divide-y divide-slate-100">
            {page.data.map((delivery) => (
              <li key={delivery.id} className="px-4 py-3" data-testid="webhook-delivery">
                <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
                  <div className="min-w-0 flex-1">
                    <p className="font-mono text-sm">{delivery.eventType}</p>
                    <p className="break-all font-mono text-xs text-slate-500">{delivery.eventId}</p>
                  </div>
                  <Badge tone={STATUS_TONES[delivery.status]}>{delivery.status}</Badge>
                  <span className="text-xs text-slate-600">
                    {delivery.attemptCount} attempt{delivery.attemptCount === 1 ? "" : "s"}
                    {delivery.nextAttemptAt
                      ? ` · next ${dateTime.format(new Date(delivery.nextAttemptAt))} UTC`
                      : ""}
                  </span>
                  <ResendButton
                    id={delivery.id}
                    endpointId={endpoint.id}
                    eventId={delivery.eventId}
                  />
                </div>
                {delivery.attempts.length > 0 && (
                  <ol className="mt-2 space-y-2">
                    {delivery.attempts.map((attempt) => (
                      <li
                        key={attempt.attemptNumber}
                        className="rounded-md border border-slate-200 text-sm"
                      >
                        <details>
                          <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
                            <span className="font-medium">
                              Attempt {attempt.attemptNumber}
                              {attempt.manual ? " (resend)" : ""}
                            </span>
                            <span>{dateTime.format(new Date(attempt.at))} UTC</span>
                            <span data-testid="attempt-status">
                              {attempt.responseStatus !== null
                                ? `HTTP ${attempt.responseStatus}`
                                : "No answer"}
                            </span>
                            <span className="text-slate-500">{attempt.durationMs} ms</span>
                          </summary>
                          <div className="space-y-2 border-t border-slate-200 px-3 py-2">
                            {attempt.error && (
                              <p className="text-red-800">
                                <span className="font-medium">Error: </span>
                                {attempt.error}
                              </p>
                            )}
                            <Block title="Request headers">
                              {Object.entries(attempt.requestHeaders)
                                .map(([name, value]) => `${name}: ${value}`)
                                .join("\n")}
                            </Block>
                            <Block title="Request body">{attempt.requestBody}</Block>
                            <Block title="Response body (first 4 KB)">
                              {attempt.responseBody ?? "(none)"}
                            </Block>
                          </div>
                        </details>
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ul>
        )}
        {(page.nextCursor || query.cursor) && (
          <nav
            aria-label="Pages"
            className="flex gap-3 border-t border-slate-200 px-4 py-3 text-sm"
          >
            {query.cursor && (
              <Link
                href={`/settings/webhooks/${endpoint.id}`}
                className="text-indigo-700 hover:underline"
              >
                Newest
              </Link>
            )}
            {page.nextCursor && (
              <Link
                href={`/settings/webhooks/${endpoint.id}?cursor=${encodeURIComponent(page.nextCursor)}`}
                className="text-indigo-700 hover:underline"
              >
                Older
              </Link>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}

function Block({ title, children }: { title: string; children: string }) {
  return (
    <div>
      <p className="text-xs font-medium text-slate-600">{title}</p>
      <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs">
        {children}
      </pre>
    </div>
  );
}
