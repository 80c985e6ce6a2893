import { html, oneLine } from "./html";
import {
  type Email,
  type Fact,
  formatUtcMinute,
  layout,
  paragraph,
  plainText,
  STAFF_FOOTER,
} from "./layout";

const WHY = {
  gone: "it answered 410 Gone, which says the URL no longer takes webhooks",
  failing: "every delivery to it has failed for about a day",
} as const;

/** To the merchant's admins: we stopped sending webhooks to one of their endpoints. */
export function webhookEndpointDisabledEmail(input: {
  url: string;
  reason: keyof typeof WHY;
  lastError: string | null;
  disabledAt: Date;
  link: string;
}): Email {
  const { url, reason, lastError, disabledAt, link } = input;
  const subject = oneLine(`Webhook endpoint disabled: ${url}`);
  const first = `We stopped sending webhooks to ${url} because ${WHY[reason]}. Events are no longer delivered there until you enable the endpoint again.`;
  const facts: Fact[] = [
    { label: "Endpoint", value: url },
    { label: "Disabled at", value: formatUtcMinute(disabledAt) },
    ...(lastError ? [{ label: "Last answer", value: lastError }] : []),
  ];
  const action = { label: "Open the webhook settings", href: link };
  return {
    subject,
    text: plainText({ paragraphs: [first], facts, action, footer: STAFF_FOOTER }),
    html: layout({
      preview: first,
      heading: "A webhook endpoint was disabled",
      blocks: [
        paragraph(
          html`We stopped sending webhooks to <strong>${url}</strong> because ${WHY[reason]}. Events are no longer delivered there until you enable the endpoint again.`,
        ),
      ],
      facts,
      action,
      footer: STAFF_FOOTER,
    }),
  };
}
