import { html, oneLine } from "./html";
import {
  type Email,
  type Fact,
  formatUtcMinute,
  layout,
  paragraph,
  plainText,
  quote,
} from "./layout";

const FOOTER =
  "You receive this email because your address is on the merchant's notify-on-error list, or because you are an owner or admin and the list is empty. At most one email per error code every 10 minutes.";

/** To the merchant's notify-on-error list: the Checkout API answered their server with an error. */
export function checkoutApiErrorEmail(input: {
  merchantName: string;
  code: string;
  status: number;
  message: string;
  method: string;
  path: string;
  requestId: string;
  at: Date;
  intervalMinutes: number;
  link: string;
}): Email {
  const { merchantName, code, status, message, method, path, requestId, intervalMinutes, link } =
    input;
  const at = formatUtcMinute(input.at);
  const subject = oneLine(`Checkout API error for ${merchantName}: ${code} (${status})`);
  const first = `The Checkout API answered your server's ${method} ${path} with ${status} ${code}. Requests that fail the same way in the next ${intervalMinutes} minutes are not emailed again.`;
  const facts: Fact[] = [
    { label: "Error code", value: code },
    { label: "HTTP status", value: String(status) },
    { label: "Request", value: `${method} ${path}` },
    { label: "Request id", value: requestId },
    { label: "When", value: at },
  ];
  const action = { label: "Open the checkout settings", href: link };
  return {
    subject,
    text: plainText({ paragraphs: [first, `Message: ${message}`], facts, action, footer: FOOTER }),
    html: layout({
      preview: first,
      heading: "The Checkout API answered your server with an error",
      blocks: [
        paragraph(
          html`The Checkout API answered your server's <strong>${method} ${path}</strong> with <strong>${String(status)} ${code}</strong>. Requests that fail the same way in the next ${String(intervalMinutes)} minutes are not emailed again.`,
        ),
        quote(message),
      ],
      facts,
      action,
      footer: FOOTER,
    }),
  };
}
