/** The one layout every email shares: heading, blocks, a facts table, an action and a footer. */
import { html, type SafeHtml } from "./html";

export type Email = { subject: string; text: string; html: string };

export type EmailOperation = "refund" | "void";

export const COLORS = {
  text: "#0f172a",
  muted: "#475569",
  border: "#e2e8f0",
  page: "#f8fafc",
  accent: "#4f46e5",
};

export type Fact = { label: string; value: string };

export type Layout = {
  /** Shown by mail clients beside the subject. */
  preview: string;
  heading: string;
  /** Block elements, made with `paragraph()` or `quote()`. */
  blocks: SafeHtml[];
  facts: Fact[];
  action?: { label: string; href: string };
  footer: string;
  /** The email's language; Arabic is laid out right to left. English when absent. */
  language?: EmailLanguage;
};

export type EmailLanguage = "en" | "ar";

/** The words the layout itself writes, per language. */
const LAYOUT_WORDS: Record<EmailLanguage, { openAddress: string }> = {
  en: { openAddress: "Or open this address:" },
  ar: { openAddress: "أو افتح هذا العنوان:" },
};

/** Only web links become buttons; anything else is shown as text rather than trusted as a URL. */
export function isWebLink(href: string): boolean {
  return /^https?:\/\/[^\s"'<>]+$/i.test(href);
}

export function paragraph(content: SafeHtml): SafeHtml {
  return html`<p style="margin:0 0 12px">${content}</p>`;
}

export function quote(text: string): SafeHtml {
  return html`<blockquote style="margin:0 0 12px;padding:8px 12px;border-left:3px solid ${COLORS.border};white-space:pre-wrap">${text}</blockquote>`;
}

export function layout({
  preview,
  heading,
  blocks,
  facts,
  action,
  footer,
  language = "en",
}: Layout): string {
  const rtl = language === "ar";
  const words = LAYOUT_WORDS[language];
  // The gap sits between label and value: on the label's right in English, its left in Arabic.
  const labelPadding = rtl ? "4px 0 4px 16px" : "4px 16px 4px 0";
  const factRows = facts.map(
    (fact) => html`
                  <tr>
                    <td style="padding:${labelPadding};color:${COLORS.muted};white-space:nowrap;vertical-align:top">${fact.label}</td>
                    <td style="padding:4px 0;font-weight:600">${fact.value}</td>
                  </tr>`,
  );
  const button = !action
    ? ""
    : isWebLink(action.href)
      ? html`<p style="margin:24px 0 8px">
          <a href="${action.href}" style="display:inline-block;background:${COLORS.accent};color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">${action.label}</a>
        </p>
        <p style="margin:0;color:${COLORS.muted};font-size:12px">${words.openAddress} <span dir="ltr">${action.href}</span></p>`
      : html`<p style="margin:24px 0 0;color:${COLORS.muted}">${action.label}: ${action.href}</p>`;
  return html`<!doctype html>
<html lang="${language}" dir="${rtl ? "rtl" : "ltr"}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${heading}</title>
  </head>
  <body dir="${rtl ? "rtl" : "ltr"}" style="margin:0;padding:0;direction:${rtl ? "rtl" : "ltr"};text-align:${rtl ? "right" : "left"};background:${COLORS.page};font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:${COLORS.text}">
    <div style="display:none;max-height:0;overflow:hidden">${preview}</div>
    <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${COLORS.page};padding:24px 12px">
      <tr>
        <td align="center">
          <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border:1px solid ${COLORS.border};border-radius:8px">
            <tr>
              <td style="padding:28px 28px 24px">
                <h1 style="margin:0 0 16px;font-size:20px;line-height:1.3">${heading}</h1>
                ${blocks}
                <table role="presentation" cellpadding="0" cellspacing="0" style="margin:16px 0 0;border-top:1px solid ${COLORS.border};padding-top:12px">${factRows}
                </table>
                ${button}
              </td>
            </tr>
          </table>
          <p style="margin:16px 0 0;color:${COLORS.muted};font-size:12px">${footer}</p>
        </td>
      </tr>
    </table>
  </body>
</html>
`.value;
}

export function plainText({
  greeting,
  paragraphs,
  facts,
  action,
  footer,
}: {
  greeting?: string;
  paragraphs: string[];
  facts: Fact[];
  action?: { label: string; href: string };
  footer: string;
}): string {
  const width = Math.max(...facts.map((fact) => fact.label.length));
  return [
    ...(greeting ? [greeting, ""] : []),
    ...paragraphs.flatMap((text) => [text, ""]),
    ...facts.map((fact) => `${`${fact.label}:`.padEnd(width + 2)}${fact.value}`),
    ...(action ? ["", `${action.label}: ${action.href}`] : []),
    "",
    "--",
    footer,
    "",
  ].join("\n");
}

// Formatting

export const OPERATION_NOUN: Record<EmailOperation, string> = { refund: "refund", void: "void" };

export function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** "2026-11-23 10:00 UTC": unambiguous for readers in any time zone. */
export function formatUtcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export const STAFF_FOOTER = "You receive this email because of your role in Countersign.";
