import { formatMoney, type Money, moneyFromDecimal } from "@/lib/domain/money/money";

/**
 * The short text that carries a payment link by SMS and WhatsApp, in the customer's language.
 *
 * The link is never shortened or cut: the text is built around it. It stays under
 * MAX_PAYMENT_LINK_TEXT characters (two GSM parts in English, five UCS-2 parts in Arabic) by
 * shortening the merchant's name first and leaving the due date out last.
 */

export type MessageLanguage = "en" | "ar";

export const MESSAGE_LANGUAGES = ["en", "ar"] as const satisfies readonly MessageLanguage[];

/** The text's ceiling in characters; a link longer than leaves room for is refused. */
export const MAX_PAYMENT_LINK_TEXT = 320;
/** A merchant's name is cut to this many characters (ending in three dots) in any text. */
export const MAX_MERCHANT_NAME_IN_TEXT = 40;
const MIN_MERCHANT_NAME_IN_TEXT = 12;

export type PaymentLinkMessageInput = {
  merchantName: string;
  /** A decimal with the currency's precision ("12.500"), or a database decimal. */
  amount: string | { toFixed(): string };
  currency: string;
  url: string;
  /** The last day to pay; shown as YYYY-MM-DD (UTC). */
  dueDate?: Date | null;
  language: MessageLanguage;
};

/** "12.500 KWD" in both languages: Latin digits and the ISO code are what Gulf banks' texts use. */
function amountText(amount: PaymentLinkMessageInput["amount"], currency: string): string {
  const money: Money = moneyFromDecimal(
    typeof amount === "string" ? amount : amount.toFixed(),
    currency,
  );
  return formatMoney(money);
}

function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** U+0000-U+001F, U+007F and the Unicode line and paragraph separators. */
function breaksLines(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
}

/** One line, no control characters: a name is data, it may not add lines or hide text. */
export function singleLine(value: string): string {
  return [...value]
    .map((character) => (breaksLines(character) ? " " : character))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/** Cut with three dots, not "…": one character outside GSM 03.38 would make the text UCS-2. */
function shorten(value: string, max: number): string {
  const characters = [...value];
  if (characters.length <= max) return value;
  return `${characters
    .slice(0, max - 3)
    .join("")
    .trimEnd()}...`;
}

// Arabic text around a Latin name or link: each Latin run is isolated (U+2068 FSI ... U+2069 PDI)
// so the phone lays out the sentence right to left and the name and amount stay whole.
const isolate = (value: string) => `\u2068${value}\u2069`;
const RLM = "\u200f";

function compose(
  language: MessageLanguage,
  parts: { merchant: string; amount: string; due: string | null; url: string },
): string {
  const { merchant, amount, due, url } = parts;
  if (language === "ar") {
    const dueText = due ? ` يرجى الدفع قبل ${isolate(due)}.` : "";
    // A right-to-left mark first: phones (and browsers' dir="auto") take a text's direction from its
    // first strong character without skipping isolates, and the name may be Latin.
    return `${RLM}${isolate(merchant)}: طلب دفع بمبلغ ${isolate(amount)}.${dueText}\nادفع عبر الرابط:\n${url}`;
  }
  const dueText = due ? ` Please pay by ${due}.` : "";
  return `${merchant}: payment request for ${amount}.${dueText}\nPay here:\n${url}`;
}

/**
 * The payment-link text for SMS (and the WhatsApp text): who asks, how much, until when, and the
 * link on a line of its own so phones make it tappable. Throws when the URL is not a web address or
 * is too long to fit (a programming error: links are ours and short).
 */
export function paymentLinkSms(input: PaymentLinkMessageInput): string {
  const url = input.url.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(url))
    throw new Error(`paymentLinkSms: ${JSON.stringify(input.url)} is not a web address.`);
  const amount = amountText(input.amount, input.currency);
  const name = singleLine(input.merchantName) || "Payment";
  const due = input.dueDate ? dayOf(input.dueDate) : null;

  // Longest first: the whole name (up to its cap) with the due date, then shorter names, then
  // without the due date. Each try is cheap; there are at most a few dozen.
  const dues = due ? [due, null] : [null];
  for (const dueTry of dues) {
    for (let max = MAX_MERCHANT_NAME_IN_TEXT; max >= MIN_MERCHANT_NAME_IN_TEXT; max -= 4) {
      const text = compose(input.language, {
        merchant: shorten(name, max),
        amount,
        due: dueTry,
        url,
      });
      if (text.length <= MAX_PAYMENT_LINK_TEXT) return text;
    }
  }
  throw new Error(
    `paymentLinkSms: the link (${url.length} characters) leaves no room for the text.`,
  );
}
