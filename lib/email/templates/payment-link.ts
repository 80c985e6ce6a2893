import { singleLine } from "@/lib/domain/messaging/payment-link";
import { formatMoney, moneyFromDecimal } from "@/lib/domain/money/money";
import { html, oneLine, type SafeHtml } from "./html";
import {
  type Email,
  type EmailLanguage,
  type Fact,
  formatUtcMinute,
  isWebLink,
  layout,
  paragraph,
  plainText,
} from "./layout";

export type PaymentLinkEmailInput = {
  merchantName: string;
  customerName?: string | null;
  /** A decimal with the currency's precision ("12.500"), or a database decimal. */
  amount: string | { toFixed(): string };
  currency: string;
  /** The hosted payment page (the session's checkout URL). */
  url: string;
  /** The last day to pay, shown as YYYY-MM-DD (UTC). */
  dueDate?: Date | null;
  /** When the link stops working (the session's expiry). */
  expiresAt: Date;
  language: EmailLanguage;
};

// In Arabic, a Latin name, amount or date is isolated (U+2068 FSI ... U+2069 PDI) so it keeps its
// own order inside the right-to-left sentence, in the plain text as in the HTML.
const isolate = (value: string) => `\u2068${value}\u2069`;

type Words = {
  subject: (merchant: string, amount: string) => string;
  heading: string;
  greeting: (name: string | null) => string;
  asks: (merchant: string, amount: string) => string;
  asksHtml: (merchant: string, amount: string) => SafeHtml;
  dueBy: (due: string) => string;
  validUntil: (expires: string) => string;
  labels: { merchant: string; amount: string; due: string; expires: string };
  pay: (amount: string) => string;
  footer: (merchant: string) => string;
};

const WORDS: Record<EmailLanguage, Words> = {
  en: {
    subject: (merchant, amount) => `${merchant}: payment request for ${amount}`,
    heading: "Payment request",
    greeting: (name) => (name ? `Hello ${name},` : "Hello,"),
    asks: (merchant, amount) => `${merchant} asks you to pay ${amount}.`,
    asksHtml: (merchant, amount) =>
      html`<strong>${merchant}</strong> asks you to pay <strong>${amount}</strong>.`,
    dueBy: (due) => `Please pay by ${due}.`,
    validUntil: (expires) =>
      `The link works until ${expires}. Pay on the secure page it opens; nobody will ask for your card details by email or message.`,
    labels: {
      merchant: "Merchant",
      amount: "Amount",
      due: "Due date",
      expires: "Link valid until",
    },
    pay: (amount) => `Pay ${amount}`,
    footer: (merchant) => `You receive this email because ${merchant} sent you a payment request.`,
  },
  ar: {
    subject: (merchant, amount) => `${merchant}: طلب دفع بمبلغ ${amount}`,
    heading: "طلب دفع",
    greeting: (name) => (name ? `مرحباً ${name}،` : "مرحباً،"),
    asks: (merchant, amount) => `يطلب منك ${merchant} دفع مبلغ ${amount}.`,
    asksHtml: (merchant, amount) =>
      html`يطلب منك <strong>${merchant}</strong> دفع مبلغ <strong>${amount}</strong>.`,
    dueBy: (due) => `يرجى الدفع قبل ${due}.`,
    validUntil: (expires) =>
      `يعمل الرابط حتى ${expires}. ادفع في الصفحة الآمنة التي يفتحها؛ لن يطلب منك أحد بيانات بطاقتك عبر البريد أو الرسائل.`,
    labels: {
      merchant: "التاجر",
      amount: "المبلغ",
      due: "تاريخ الاستحقاق",
      expires: "الرابط صالح حتى",
    },
    pay: (amount) => `ادفع ${amount}`,
    footer: (merchant) => `تصلك هذه الرسالة لأن ${merchant} أرسل إليك طلب دفع.`,
  },
};

/**
 * To the customer: a payment link (a checkout session of type payment_request), in English or in
 * Arabic laid out right to left. Throws on a link that is not a web address or an amount the
 * currency cannot hold: both come from our own session, so either is a programming error.
 */
export function paymentLinkEmail(input: PaymentLinkEmailInput): Email {
  if (!isWebLink(input.url))
    throw new Error(`paymentLinkEmail: ${JSON.stringify(input.url)} is not a web address.`);
  const words = WORDS[input.language];
  const rtl = input.language === "ar";
  const wrap = (value: string) => (rtl ? isolate(value) : value);

  // Names are data: one line, no control characters (a newline must not reach the subject).
  const merchantName = singleLine(input.merchantName) || "Countersign";
  const customerName = input.customerName ? singleLine(input.customerName) || null : null;
  const amountText = formatMoney(
    moneyFromDecimal(
      typeof input.amount === "string" ? input.amount : input.amount.toFixed(),
      input.currency,
    ),
  );
  const merchant = wrap(merchantName);
  const amount = wrap(amountText);
  const due = input.dueDate ? wrap(input.dueDate.toISOString().slice(0, 10)) : null;
  const expires = wrap(formatUtcMinute(input.expiresAt));

  const greeting = words.greeting(customerName ? wrap(customerName) : null);
  const first = [words.asks(merchant, amount), ...(due ? [words.dueBy(due)] : [])].join(" ");
  const second = words.validUntil(expires);
  const facts: Fact[] = [
    { label: words.labels.merchant, value: merchant },
    { label: words.labels.amount, value: amount },
    ...(due ? [{ label: words.labels.due, value: due }] : []),
    { label: words.labels.expires, value: expires },
  ];
  const action = { label: words.pay(amount), href: input.url };
  const footer = words.footer(merchant);

  return {
    subject: oneLine(words.subject(merchant, amount)),
    text: plainText({ greeting, paragraphs: [first, second], facts, action, footer }),
    html: layout({
      preview: first,
      heading: words.heading,
      blocks: [
        paragraph(html`${greeting}`),
        paragraph(
          html`${words.asksHtml(merchant, amount)}${due ? html` ${words.dueBy(due)}` : ""}`,
        ),
        paragraph(html`${second}`),
      ],
      facts,
      action,
      footer,
      language: input.language,
    }),
  };
}
