import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { SafeLine } from "@/lib/validation/strings";

/** The local mailbox's one filter: a recipient, matched in To or Bcc, case-insensitively. */
export const MailboxFilterSchema = z.strictObject({
  /** Empty means no filter. */
  to: SafeLine.trim().toLowerCase().max(320).optional(),
});

export type MailboxFilter = z.output<typeof MailboxFilterSchema>;

const LIMIT = 100;

/** The merchant's newest outbox emails (addresses are stored lower-case by queueEmail). */
export function listMailboxEmails(merchantId: string, filter: MailboxFilter = {}) {
  return prisma.emailOutbox.findMany({
    where: {
      merchantId,
      ...(filter.to ? { OR: [{ to: { has: filter.to } }, { bcc: { has: filter.to } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIMIT,
  });
}

export type MailboxEmail = Awaited<ReturnType<typeof listMailboxEmails>>[number];

/** The API's shape of one email; the route checks its output against this schema. */
export const MailboxEmailJsonSchema = z.object({
  id: z.string(),
  kind: z.string(),
  to: z.array(z.string()),
  bcc: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  status: z.enum(["pending", "sent", "failed"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  providerId: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});

export function toMailboxEmailJson(email: MailboxEmail): z.input<typeof MailboxEmailJsonSchema> {
  return {
    id: email.id,
    kind: email.kind,
    to: email.to,
    bcc: email.bcc,
    subject: email.subject,
    text: email.text,
    html: email.html,
    status: email.status,
    attempts: email.attempts,
    lastError: email.lastError,
    providerId: email.providerId,
    entityId: email.entityId,
    createdAt: email.createdAt.toISOString(),
    sentAt: email.sentAt?.toISOString() ?? null,
  };
}
