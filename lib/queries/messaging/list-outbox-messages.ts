import "server-only";
import type { MessageChannel } from "@prisma/client";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { whatsappLink } from "@/lib/domain/messaging/whatsapp-link";
import { SafeLine } from "@/lib/validation/strings";

/**
 * The sandbox outbox of SMS and WhatsApp messages, shown beside the emails at /dev/mailbox. One
 * filter: part of the recipient's number, in any notation ("+965 5000", "5000-12"); only its digits
 * count, so it matches E.164 as stored.
 */
export const MessageFilterSchema = z.strictObject({
  to: SafeLine.trim()
    .max(40)
    .transform((value) => value.replace(/\D/g, ""))
    .optional(),
});

export type MessageFilter = z.output<typeof MessageFilterSchema>;

const LIMIT = 100;

/** The merchant's newest messages on one channel, newest first. */
export async function listOutboxMessages(
  merchantId: string,
  channel: MessageChannel,
  filter: MessageFilter = {},
) {
  const rows = await prisma.messageOutbox.findMany({
    where: {
      merchantId,
      channel,
      ...(filter.to ? { toE164: { contains: filter.to } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIMIT,
  });
  return rows.map((row) => ({
    ...row,
    /** For WhatsApp: the click-to-chat link a person can open to send the same text by hand. */
    waLink: row.channel === "whatsapp" ? whatsappLink(row.toE164, row.text) : null,
  }));
}

export type OutboxMessageRow = Awaited<ReturnType<typeof listOutboxMessages>>[number];
