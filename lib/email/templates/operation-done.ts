import { html, oneLine } from "./html";
import { type Email, type EmailOperation, type Fact, layout, paragraph, plainText } from "./layout";

/** To the customer: the refund or void went through at the gateway. */
export function operationDoneEmail(input: {
  operation: EmailOperation;
  amount: string;
  orderNo: string;
  merchantName: string;
  customerName: string | null;
}): Email {
  const { operation, amount, orderNo, merchantName } = input;
  const customerName = input.customerName?.trim() || null;
  const greeting = customerName ? `Hello ${customerName},` : "Hello,";
  const facts: Fact[] = [
    { label: "Order", value: orderNo },
    { label: operation === "refund" ? "Refunded" : "Released", value: amount },
    { label: "Merchant", value: merchantName },
  ];
  const footer = `This email was sent on behalf of ${merchantName}.`;
  if (operation === "refund") {
    const subject = oneLine(`${merchantName}: your refund of ${amount} for order ${orderNo}`);
    const first = `${merchantName} has refunded ${amount} for your order ${orderNo}.`;
    const second =
      "Depending on your bank, the money can take a few business days to appear on your statement.";
    return {
      subject,
      text: plainText({ greeting, paragraphs: [first, second], facts, footer }),
      html: layout({
        preview: first,
        heading: "Your refund has been processed",
        blocks: [
          paragraph(html`${greeting}`),
          paragraph(
            html`<strong>${merchantName}</strong> has refunded <strong>${amount}</strong> for your order <strong>${orderNo}</strong>.`,
          ),
          paragraph(html`${second}`),
        ],
        facts,
        footer,
      }),
    };
  }
  const subject = oneLine(`${merchantName}: your payment for order ${orderNo} was cancelled`);
  const first = `${merchantName} has cancelled (voided) your payment of ${amount} for order ${orderNo}, so you will not be charged for it.`;
  const second =
    "If your bank shows the amount as held, the hold is released; how soon it disappears depends on your bank.";
  return {
    subject,
    text: plainText({ greeting, paragraphs: [first, second], facts, footer }),
    html: layout({
      preview: first,
      heading: "Your payment has been cancelled",
      blocks: [
        paragraph(html`${greeting}`),
        paragraph(
          html`<strong>${merchantName}</strong> has cancelled (voided) your payment of <strong>${amount}</strong> for order <strong>${orderNo}</strong>, so you will not be charged for it.`,
        ),
        paragraph(html`${second}`),
      ],
      facts,
      footer,
    }),
  };
}
