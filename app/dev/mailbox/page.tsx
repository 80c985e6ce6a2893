import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { requirePrincipal } from "@/lib/auth/session";
import { isMailboxEnabled } from "@/lib/email/outbox";
import {
  listMailboxEmails,
  type MailboxEmail,
  MailboxFilterSchema,
} from "@/lib/queries/email/list-mailbox-emails";

export const metadata: Metadata = { title: "Mailbox (development)" };

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

const STATUS_TONE: Record<MailboxEmail["status"], BadgeTone> = {
  pending: "amber",
  sent: "green",
  failed: "red",
};

export default async function MailboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Decided per request from the environment, never frozen into a build.
  await connection();
  if (!isMailboxEnabled()) notFound();
  const principal = await requirePrincipal();
  const { to } = await searchParams;
  const parsed = MailboxFilterSchema.safeParse({ to: typeof to === "string" ? to : undefined });
  const filter = parsed.success ? parsed.data : {};
  const emails = await listMailboxEmails(principal.merchantId, filter);

  return (
    <main id="main" className="mx-auto max-w-5xl space-y-4 p-4 md:p-8">
      <header className="space-y-1">
        <p className="text-sm">
          <Link href="/payments" className="text-indigo-700 underline">
            Back to Countersign
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Mailbox</h1>
        <p className="text-sm text-slate-600">
          No email service is configured (RESEND_API_KEY is not set), so the emails for{" "}
          {principal.merchantName} are kept here instead of being sent. Newest first; the latest
          100.
        </p>
      </header>

      <search aria-label="Filter the mailbox">
        <form method="get" className="flex flex-wrap items-end gap-2">
          <label className="min-w-64 flex-1 text-sm">
            <span className="mb-1 block font-medium text-slate-700">Recipient (To or Bcc)</span>
            <Input
              type="search"
              name="to"
              defaultValue={filter.to ?? ""}
              placeholder="name@example.com"
              autoComplete="off"
            />
          </label>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {filter.to && (
            <Link href="/dev/mailbox" className="px-2 py-2 text-sm text-indigo-700 underline">
              Show all
            </Link>
          )}
        </form>
      </search>

      {emails.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState
            title={filter.to ? `No emails to ${filter.to}` : "No emails yet"}
            description="Emails appear here when a request is submitted, rejected, completed or needs manual action."
          />
        </div>
      ) : (
        <ul className="space-y-2" aria-label="Emails">
          {emails.map((email) => (
            <li
              key={email.id}
              data-testid="mailbox-email"
              className="rounded-lg border border-slate-200 bg-white"
            >
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
                  <span className="min-w-0 flex-1 font-medium">{email.subject}</span>
                  <Badge tone={STATUS_TONE[email.status]}>{email.status}</Badge>
                  <span className="w-full text-xs text-slate-600">
                    To {email.to.join(", ")}
                    {email.bcc.length > 0 && <> · Bcc {email.bcc.join(", ")}</>} ·{" "}
                    {dateTime.format(email.createdAt)} UTC
                  </span>
                </summary>
                <div className="space-y-4 border-t border-slate-100 px-4 py-4">
                  <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                    <dt className="text-slate-500">Kind</dt>
                    <dd className="font-mono text-xs">{email.kind}</dd>
                    <dt className="text-slate-500">To</dt>
                    <dd>{email.to.join(", ")}</dd>
                    <dt className="text-slate-500">Bcc</dt>
                    <dd>{email.bcc.length > 0 ? email.bcc.join(", ") : "—"}</dd>
                    <dt className="text-slate-500">Created</dt>
                    <dd>{dateTime.format(email.createdAt)} UTC</dd>
                    <dt className="text-slate-500">Sent</dt>
                    <dd>{email.sentAt ? `${dateTime.format(email.sentAt)} UTC` : "—"}</dd>
                    <dt className="text-slate-500">Attempts</dt>
                    <dd>{email.attempts}</dd>
                    {email.lastError && (
                      <>
                        <dt className="text-slate-500">Last error</dt>
                        <dd className="break-words text-red-700">{email.lastError}</dd>
                      </>
                    )}
                    {email.entityId && (
                      <>
                        <dt className="text-slate-500">About</dt>
                        <dd className="font-mono text-xs">{email.entityId}</dd>
                      </>
                    )}
                  </dl>
                  <section aria-label="Plain text">
                    <h2 className="mb-1 text-sm font-medium text-slate-700">Plain text</h2>
                    <pre className="overflow-x-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm">
                      {email.text}
                    </pre>
                  </section>
                  <section aria-label="HTML">
                    <h2 className="mb-1 text-sm font-medium text-slate-700">HTML</h2>
                    {/* An empty sandbox: the email's markup can neither run scripts nor reach this page. */}
                    <iframe
                      sandbox=""
                      srcDoc={email.html}
                      title={`HTML of “${email.subject}”`}
                      className="h-[28rem] w-full rounded-md border border-slate-200 bg-white"
                    />
                  </section>
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
