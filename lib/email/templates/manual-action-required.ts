import { html, oneLine } from "./html";
import {
  type Email,
  type EmailOperation,
  type Fact,
  formatUtcMinute,
  layout,
  OPERATION_NOUN,
  paragraph,
  plainText,
  quote,
  STAFF_FOOTER,
} from "./layout";

/** To the maker: the approved operation failed at the gateway; it can be retried until the deadline. */
export function manualActionRequiredEmail(input: {
  operation: EmailOperation;
  amount: string;
  orderNo: string;
  failureMessage: string;
  deadline: Date;
  link: string;
}): Email {
  const { operation, amount, orderNo, failureMessage, link } = input;
  const noun = OPERATION_NOUN[operation];
  const deadline = formatUtcMinute(input.deadline);
  const subject = oneLine(`Action needed: the ${noun} for order ${orderNo} failed at the gateway`);
  const first = `The approved ${noun} of ${amount} on order ${orderNo} did not go through. The gateway said: ${failureMessage}`;
  const second = `Retry it before ${deadline}; after that the request expires and no money is moved.`;
  const facts: Fact[] = [
    { label: "Order", value: orderNo },
    { label: "Amount", value: amount },
    { label: "Retry before", value: deadline },
  ];
  const action = { label: "Open the request", href: link };
  return {
    subject,
    text: plainText({ paragraphs: [first, second], facts, action, footer: STAFF_FOOTER }),
    html: layout({
      preview: first,
      heading: `The ${noun} needs your action`,
      blocks: [
        paragraph(
          html`The approved ${noun} of <strong>${amount}</strong> on order <strong>${orderNo}</strong> did not go through. The gateway said:`,
        ),
        quote(failureMessage),
        paragraph(
          html`Retry it before <strong>${deadline}</strong>; after that the request expires and no money is moved.`,
        ),
      ],
      facts,
      action,
      footer: STAFF_FOOTER,
    }),
  };
}
