/**
 * Messages for e2e/messaging.spec.ts, queued through the outbox's own service (queueMessage in a
 * transaction, as a payment-link service will): an English SMS and an Arabic WhatsApp message for
 * Demo Store, and an SMS for Other Shop that Demo Store must never see. Prints the ids as JSON.
 *
 * Run by the spec as `node --conditions=react-server --import tsx e2e/messaging-data.ts <tag>`, with
 * DATABASE_URL pointing at the end-to-end database (see e2e/ledger-data.ts for why the condition).
 */
import { prisma } from "@/lib/db";
import { paymentLinkSms } from "@/lib/domain/messaging/payment-link";
import { toE164 } from "@/lib/domain/phones/phone";
import { queueMessage } from "@/lib/messaging/outbox";

const tag = process.argv[2] ?? String(Date.now());

async function merchantOf(email: string) {
  return prisma.merchant.findFirstOrThrow({
    where: { memberships: { some: { user: { email } } } },
    select: { id: true, name: true },
  });
}

function e164(input: string, country: string): string {
  const result = toE164(input, country);
  if (!result.ok) throw new Error(result.reason);
  return result.e164;
}

const demo = await merchantOf("admin@demo.test");
const other = await merchantOf("admin@other.test");
const url = `https://pay.example.test/checkout/${tag}-${"x".repeat(60)}`;

const ids = await prisma.$transaction(async (tx) => ({
  sms: await queueMessage(tx, {
    merchantId: demo.id,
    channel: "sms",
    to: e164("5000 1234", "KW"),
    text: paymentLinkSms({
      merchantName: demo.name,
      amount: "12.500",
      currency: "KWD",
      url,
      dueDate: new Date("2026-12-24T00:00:00Z"),
      language: "en",
    }),
    kind: "payment_link.created",
    entityId: tag,
  }),
  whatsapp: await queueMessage(tx, {
    merchantId: demo.id,
    channel: "whatsapp",
    to: e164("050 123 4567", "AE"),
    text: paymentLinkSms({
      merchantName: demo.name,
      amount: "7.25",
      currency: "USD",
      url,
      language: "ar",
    }),
    kind: "payment_link.created",
    entityId: tag,
  }),
  otherSms: await queueMessage(tx, {
    merchantId: other.id,
    channel: "sms",
    to: e164("+966 50 123 4567", "SA"),
    text: `Other Shop secret ${tag}`,
    kind: "payment_link.created",
    entityId: tag,
  }),
}));

await prisma.$disconnect();
console.log(JSON.stringify({ tag, url, ...ids }));
