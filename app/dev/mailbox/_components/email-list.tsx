import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { MailboxEmail } from "@/lib/queries/email/list-mailbox-emails";
import { formatMailboxTime, STATUS_TONE } from "./format";

export function EmailList({ emails, filteredTo }: { emails: MailboxEmail[]; filteredTo?: string }) {
  if (emails.length === 0)
    return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <EmptyState
          title={filteredTo ? `No emails to ${filteredTo}` : "No emails yet"}
          description="Emails appear here when a request is submitted, rejected, completed or needs manual action, and when a payment link is sent by email."
        />
      </div>
    );
  return (
    <ul className="space-y-2" aria-label="Emails">
      {emails.map((email) => (
        <li
          key={email.id}
          data-testid="mailbox-email"
          className="rounded-lg border border-slate-200 bg-white"
        >
          <details>
            <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
              <span className="min-w-0 flex-1 font-medium [overflow-wrap:anywhere]">
                {email.subject}
              </span>
              <Badge tone={STATUS_TONE[email.status]}>{email.status}</Badge>
              <span className="w-full text-xs text-slate-600 [overflow-wrap:anywhere]">
                To {email.to.join(", ")}
                {email.bcc.length > 0 && <> · Bcc {email.bcc.join(", ")}</>} ·{" "}
                {formatMailboxTime(email.createdAt)}
              </span>
            </summary>
            <div className="space-y-4 border-t border-slate-100 px-4 py-4">
              <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="text-slate-500">Kind</dt>
                <dd className="font-mono text-xs">{email.kind}</dd>
                <dt className="text-slate-500">To</dt>
                <dd className="[overflow-wrap:anywhere]">{email.to.join(", ")}</dd>
                <dt className="text-slate-500">Bcc</dt>
                <dd className="[overflow-wrap:anywhere]">
                  {email.bcc.length > 0 ? email.bcc.join(", ") : "—"}
                </dd>
                <dt className="text-slate-500">Created</dt>
                <dd>{formatMailboxTime(email.createdAt)}</dd>
                <dt className="text-slate-500">Sent</dt>
                <dd>{email.sentAt ? formatMailboxTime(email.sentAt) : "—"}</dd>
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
                    <dd className="font-mono text-xs [overflow-wrap:anywhere]">{email.entityId}</dd>
                  </>
                )}
              </dl>
              <section aria-label="Plain text">
                <h2 className="mb-1 text-sm font-medium text-slate-700">Plain text</h2>
                <pre className="overflow-x-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm [overflow-wrap:anywhere]">
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
  );
}
