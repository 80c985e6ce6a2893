/**
 * The emails the operations-approval flow sends. Pure: each function returns a subject, a plain-text
 * body and an HTML body. Every interpolated value reaches the HTML through `html`...`` below, which
 * escapes it, so a customer or merchant name can never inject markup into an email.
 */

export type Email = { subject: string; text: string; html: string };

export type EmailOperation = "refund" | "void";

// ---------------------------------------------------------------------------------------------------
// Escaping

/** Markup that is already safe: only `html`...`` and `raw()` make one. */
class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = SafeHtml | string | number | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** A template literal whose interpolations are escaped unless they are SafeHtml themselves. */
function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return new SafeHtml(
    strings.reduce(
      (out, part, index) => out + part + (index < values.length ? render(values[index]) : ""),
      "",
    ),
  );
}

/** Subjects are one line: a stray newline in a value must not break the header. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------------
// Layout

const COLORS = {
  text: "#0f172a",
  muted: "#475569",
  border: "#e2e8f0",
  page: "#f8fafc",
  accent: "#4f46e5",
};

type Fact = { label: string; value: string };

type Layout = {
  /** Shown by mail clients beside the subject. */
  preview: string;
  heading: string;
  /** Block elements, made with `paragraph()` or `quote()`. */
  blocks: SafeHtml[];
  facts: Fact[];
  action?: { label: string; href: string };
  footer: string;
};

/** Only web links become buttons; anything else is shown as text rather than trusted as a URL. */
function isWebLink(href: string): boolean {
  return /^https?:\/\/[^\s"'<>]+$/i.test(href);
}

function paragraph(content: SafeHtml): SafeHtml {
  return html`<p style="margin:0 0 12px">${content}</p>`;
}

function quote(text: string): SafeHtml {
  return html`<blockquote style="margin:0 0 12px;padding:8px 12px;border-left:3px solid ${COLORS.border};white-space:pre-wrap">${text}</blockquote>`;
}

function layout({ preview, heading, blocks, facts, action, footer }: Layout): string {
  const factRows = facts.map(
    (fact) => html`
                  <tr>
                    <td style="padding:4px 16px 4px 0;color:${COLORS.muted};white-space:nowrap;vertical-align:top">${fact.label}</td>
                    <td style="padding:4px 0;font-weight:600">${fact.value}</td>
                  </tr>`,
  );
  const button = !action
    ? ""
    : isWebLink(action.href)
      ? html`<p style="margin:24px 0 8px">
          <a href="${action.href}" style="display:inline-block;background:${COLORS.accent};color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">${action.label}</a>
        </p>
        <p style="margin:0;color:${COLORS.muted};font-size:12px">Or open this address: ${action.href}</p>`
      : html`<p style="margin:24px 0 0;color:${COLORS.muted}">${action.label}: ${action.href}</p>`;
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${heading}</title>
  </head>
  <body style="margin:0;padding:0;background:${COLORS.page};font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:${COLORS.text}">
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

function plainText({
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

// ---------------------------------------------------------------------------------------------------
// Formatting

const OPERATION_NOUN: Record<EmailOperation, string> = { refund: "refund", void: "void" };

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** "2026-11-23 10:00 UTC": unambiguous for readers in any time zone. */
export function formatUtcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const STAFF_FOOTER = "You receive this email because of your role in Countersign.";

// ---------------------------------------------------------------------------------------------------
// The emails

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
