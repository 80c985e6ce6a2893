import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { OutboxMessageRow } from "@/lib/queries/messaging/list-outbox-messages";
import { formatMailboxTime, STATUS_TONE } from "./format";

const CHANNEL_NAME = { sms: "SMS", whatsapp: "WhatsApp" } as const;

/** The SMS or WhatsApp messages kept in the outbox: each with its number, text, status and time. */
export function MessageList({
  channel,
  messages,
  filteredTo,
}: {
  channel: "sms" | "whatsapp";
  messages: OutboxMessageRow[];
  filteredTo?: string;
}) {
  const name = CHANNEL_NAME[channel];
  if (messages.length === 0)
    return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <EmptyState
          title={
            filteredTo
              ? `No ${name} messages to numbers with ${filteredTo}`
              : `No ${name} messages yet`
          }
          description={`${name} messages appear here when a payment link is sent by ${name}.`}
        />
      </div>
    );
  return (
    <ul className="space-y-2" aria-label={`${name} messages`}>
      {messages.map((message) => (
        <li
          key={message.id}
          data-testid={`mailbox-${channel}`}
          className="space-y-3 rounded-lg border border-slate-200 bg-white px-4 py-3"
        >
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Badge tone={channel === "sms" ? "blue" : "violet"}>{name}</Badge>
            <span className="min-w-0 flex-1 font-mono text-sm font-medium" data-testid="message-to">
              {message.toE164}
            </span>
            <Badge tone={STATUS_TONE[message.status]}>{message.status}</Badge>
            <span className="w-full text-xs text-slate-600">
              {formatMailboxTime(message.createdAt)} · {message.kind}
              {message.attempts > 1 && <> · {message.attempts} attempts</>}
            </span>
          </div>
          {/* dir="auto": an Arabic text is laid out right to left, an English one left to right. */}
          <p
            dir="auto"
            data-testid="message-text"
            className="whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm [overflow-wrap:anywhere]"
          >
            {message.text}
          </p>
          {message.lastError && (
            <p className="text-sm text-red-700 [overflow-wrap:anywhere]">
              Last error: {message.lastError}
            </p>
          )}
          {message.waLink && (
            <p className="text-sm">
              <a
                href={message.waLink}
                target="_blank"
                rel="noopener noreferrer"
                className="text-indigo-700 underline [overflow-wrap:anywhere]"
              >
                Open in WhatsApp (wa.me)
              </a>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
