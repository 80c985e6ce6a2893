import { html, oneLine } from "./html";
import {
  capitalize,
  type Email,
  type EmailOperation,
  type Fact,
  layout,
  OPERATION_NOUN,
  paragraph,
  plainText,
  quote,
  STAFF_FOOTER,
} from "./layout";

/** To the maker only: the checker rejected the request, and why. */
export function operationRejectedEmail(input: {
  operation: EmailOperation;
  amount: string;
  orderNo: string;
  reason: string;
  checkerName: string;
}): Email {
  const { operation, amount, orderNo, checkerName } = input;
  const reason = input.reason.trim();
  const noun = OPERATION_NOUN[operation];
  const subject = oneLine(`${capitalize(noun)} request for order ${orderNo} was rejected`);
  const first = `${checkerName} rejected your request to ${noun} ${amount} on order ${orderNo}. No money was moved.`;
  const facts: Fact[] = [
    { label: "Order", value: orderNo },
    { label: "Amount", value: amount },
    { label: "Rejected by", value: checkerName },
  ];
  return {
    subject,
    text: plainText({
      paragraphs: [first, reason ? `Reason given:\n${reason}` : "No reason was given."],
      facts,
      footer: STAFF_FOOTER,
    }),
    html: layout({
      preview: first,
      heading: `Your ${noun} request was rejected`,
      blocks: [
        paragraph(
          html`<strong>${checkerName}</strong> rejected your request to ${noun} <strong>${amount}</strong> on order <strong>${orderNo}</strong>. No money was moved.`,
        ),
        ...(reason
          ? [paragraph(html`Reason given:`), quote(reason)]
          : [paragraph(html`No reason was given.`)]),
      ],
      facts,
      footer: STAFF_FOOTER,
    }),
  };
}
