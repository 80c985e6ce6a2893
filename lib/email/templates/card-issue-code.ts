import { html } from "./html";
import { type Email, type Fact, formatUtcMinute, layout, paragraph, plainText } from "./layout";

const CUSTOMER_FOOTER = "You receive this email because a card was requested on your account.";

/** To the customer: the one-time code that confirms a card issue. */
export function cardIssueCodeEmail(input: {
  merchantName: string;
  code: string;
  expiresAt: Date;
}): Email {
  const { merchantName, code } = input;
  const expires = formatUtcMinute(input.expiresAt);
  const subject = `Your code to confirm the card from ${merchantName}`;
  const first = `Use this code to confirm the card you asked ${merchantName} for: ${code}`;
  const second = `It works until ${expires} and for 5 tries. If you did not ask for a card, ignore this email.`;
  const facts: Fact[] = [
    { label: "Code", value: code },
    { label: "Valid until", value: expires },
  ];
  return {
    subject,
    text: plainText({ paragraphs: [first, second], facts, footer: CUSTOMER_FOOTER }),
    html: layout({
      preview: first,
      heading: "Confirm your card",
      blocks: [
        paragraph(html`Use this code to confirm the card you asked ${merchantName} for:`),
        paragraph(html`<strong style="font-size:24px;letter-spacing:4px">${code}</strong>`),
        paragraph(
          html`It works until <strong>${expires}</strong> and for 5 tries. If you did not ask for a card, ignore this email.`,
        ),
      ],
      facts,
      footer: CUSTOMER_FOOTER,
    }),
  };
}
