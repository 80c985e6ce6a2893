import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { requirePrincipal } from "@/lib/auth/session";
import { isMailboxEnabled } from "@/lib/email/outbox";
import { isMessageOutboxShown } from "@/lib/messaging/outbox";
import { listMailboxEmails, MailboxFilterSchema } from "@/lib/queries/email/list-mailbox-emails";
import {
  listOutboxMessages,
  MessageFilterSchema,
} from "@/lib/queries/messaging/list-outbox-messages";
import { EmailList } from "./_components/email-list";
import { MessageList } from "./_components/message-list";

export const metadata: Metadata = { title: "Mailbox (development)" };

type Channel = "email" | "sms" | "whatsapp";

const TABS: { channel: Channel; label: string; why: string; kept: string }[] = [
  {
    channel: "email",
    label: "Emails",
    why: "No email service is configured (RESEND_API_KEY is not set)",
    kept: "emails",
  },
  {
    channel: "sms",
    label: "SMS",
    why: "No SMS provider is configured (SMS_PROVIDER_URL is not set)",
    kept: "SMS messages",
  },
  {
    channel: "whatsapp",
    label: "WhatsApp",
    why: "The WhatsApp Cloud API is not configured (WHATSAPP_API_URL is not set)",
    kept: "WhatsApp messages",
  },
];

/**
 * Everything the app would have sent to someone, kept here because nothing really sends it: emails
 * (no RESEND_API_KEY), SMS (no SMS provider) and WhatsApp messages (no Cloud API). Each channel
 * shows only while it is kept, and never in a real production deployment; with every channel
 * configured the page does not exist.
 */
export default async function MailboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Decided per request from the environment, never frozen into a build.
  await connection();
  const shown = TABS.filter(({ channel }) =>
    channel === "email" ? isMailboxEnabled() : isMessageOutboxShown(channel),
  );
  if (shown.length === 0) notFound();
  const principal = await requirePrincipal();
  const params = await searchParams;
  const requested = typeof params.channel === "string" ? params.channel : undefined;
  const active = shown.find((tab) => tab.channel === requested) ?? shown[0];
  const rawTo = typeof params.to === "string" ? params.to : undefined;
  const hrefFor = (channel: Channel) =>
    channel === shown[0].channel ? "/dev/mailbox" : `/dev/mailbox?channel=${channel}`;

  let list: ReactNode;
  let filterLabel: string;
  let filterValue: string | undefined;
  if (active.channel === "email") {
    const parsed = MailboxFilterSchema.safeParse({ to: rawTo });
    const filter = parsed.success ? parsed.data : {};
    filterLabel = "Recipient (To or Bcc)";
    filterValue = filter.to || undefined;
    const emails = await listMailboxEmails(principal.merchantId, filter);
    list = <EmailList emails={emails} filteredTo={filterValue} />;
  } else {
    const parsed = MessageFilterSchema.safeParse({ to: rawTo });
    const filter = parsed.success ? parsed.data : {};
    filterLabel = "Phone number (any part of it)";
    filterValue = filter.to || undefined;
    const messages = await listOutboxMessages(principal.merchantId, active.channel, filter);
    list = <MessageList channel={active.channel} messages={messages} filteredTo={filterValue} />;
  }

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
          {active.why}, so the {active.kept} for {principal.merchantName} are kept here instead of
          being sent. Newest first; the latest 100.
        </p>
      </header>

      {shown.length > 1 && (
        <nav aria-label="Channels" className="flex flex-wrap gap-1 border-b border-slate-200">
          {shown.map((tab) => {
            const current = tab.channel === active.channel;
            return (
              <Link
                key={tab.channel}
                href={hrefFor(tab.channel)}
                aria-current={current ? "page" : undefined}
                className={`-mb-px rounded-t-md border px-3 py-2 text-sm font-medium ${
                  current
                    ? "border-slate-200 border-b-white bg-white text-slate-900"
                    : "border-transparent text-slate-600 hover:text-slate-900"
                }`}
              >
                {tab.label}
              </Link>
            );
          })}
        </nav>
      )}

      <search aria-label="Filter the mailbox">
        <form method="get" className="flex flex-wrap items-end gap-2">
          {active.channel !== shown[0].channel && (
            <input type="hidden" name="channel" value={active.channel} />
          )}
          <label className="min-w-0 flex-1 basis-64 text-sm">
            <span className="mb-1 block font-medium text-slate-700">{filterLabel}</span>
            <Input
              type="search"
              name="to"
              defaultValue={filterValue ?? ""}
              placeholder={active.channel === "email" ? "name@example.com" : "+965 5000 1234"}
              autoComplete="off"
            />
          </label>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {filterValue && (
            <Link
              href={hrefFor(active.channel)}
              className="px-2 py-2 text-sm text-indigo-700 underline"
            >
              Show all
            </Link>
          )}
        </form>
      </search>

      {list}
    </main>
  );
}
