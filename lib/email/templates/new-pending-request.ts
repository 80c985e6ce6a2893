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
  STAFF_FOOTER,
} from "./layout";

/** To the checker: a maker submitted a request that waits for their decision. */
export function newPendingRequestEmail(input: {
  operation: EmailOperation;
  amount: string;
  orderNo: string;
  makerName: string;
  link: string;
}): Email {
  const { operation, amount, orderNo, makerName, link } = input;
  const noun = OPERATION_NOUN[operation];
  const subject = oneLine(
    `${capitalize(noun)} of ${amount} for order ${orderNo} awaits your approval`,
  );
  const first = `${makerName} asks to ${noun} ${amount} on order ${orderNo}. Nothing happens until you approve or reject it.`;
  const facts: Fact[] = [
    { label: "Order", value: orderNo },
    { label: "Amount", value: amount },
    { label: "Requested by", value: makerName },
  ];
  const action = { label: "Review the request", href: link };
  return {
    subject,
    text: plainText({ paragraphs: [first], facts, action, footer: STAFF_FOOTER }),
    html: layout({
      preview: first,
      heading: `A ${noun} request awaits your approval`,
      blocks: [
        paragraph(
          html`<strong>${makerName}</strong> asks to ${noun} <strong>${amount}</strong> on order <strong>${orderNo}</strong>. Nothing happens until you approve or reject it.`,
        ),
      ],
      facts,
      action,
      footer: STAFF_FOOTER,
    }),
  };
}
