import { describe, expect, it } from "vitest";
import { escapeHtml } from "./html";
import { formatUtcMinute } from "./layout";
import { manualActionRequiredEmail } from "./manual-action-required";
import { newPendingRequestEmail } from "./new-pending-request";
import { operationDoneEmail } from "./operation-done";
import { operationRejectedEmail } from "./operation-rejected";
import { paymentLinkEmail } from "./payment-link";

const HOSTILE = `<script>alert("x")</script> & 'quoted'`;
const HOSTILE_ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;";

/** What a reader sees in the HTML once tags are gone and entities decoded (enough for these emails). */
function visibleText(html: string): string {
  return html
    .replace(/<(style|title)[^>]*>[\s\S]*?<\/\1>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe("escapeHtml", () => {
  it("escapes the five characters that matter in text and attributes", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;",
    );
  });

  it("leaves ordinary text alone", () => {
    expect(escapeHtml("Order A-1 · 12.500 KWD")).toBe("Order A-1 · 12.500 KWD");
  });
});

describe("formatUtcMinute", () => {
  it("shows the deadline in UTC to the minute, whatever the server's zone", () => {
    expect(formatUtcMinute(new Date("2026-11-23T10:00:59.999Z"))).toBe("2026-11-23 10:00 UTC");
    expect(formatUtcMinute(new Date("2026-11-23T23:30:00+03:00"))).toBe("2026-11-23 20:30 UTC");
  });
});

describe("operationDoneEmail", () => {
  const base = {
    amount: "12.500 KWD",
    orderNo: "A-1001",
    merchantName: "Souq Ltd",
    customerName: "Fatima",
  };

  it("tells the customer their refund was processed", () => {
    const email = operationDoneEmail({ ...base, operation: "refund" });
    expect(email.subject).toBe("Souq Ltd: your refund of 12.500 KWD for order A-1001");
    for (const body of [email.text, visibleText(email.html)]) {
      expect(body).toContain("Hello Fatima,");
      expect(body).toContain("Souq Ltd has refunded 12.500 KWD for your order A-1001.");
    }
  });

  it("tells the customer their payment was voided", () => {
    const email = operationDoneEmail({ ...base, operation: "void" });
    expect(email.subject).toBe("Souq Ltd: your payment for order A-1001 was cancelled");
    expect(email.text).toContain(
      "Souq Ltd has cancelled (voided) your payment of 12.500 KWD for order A-1001",
    );
    expect(visibleText(email.html)).toContain(
      "Souq Ltd has cancelled (voided) your payment of 12.500 KWD for order A-1001",
    );
    expect(email.text).not.toMatch(/refund/i);
  });

  it("greets a customer without a name politely", () => {
    for (const customerName of [null, "  "]) {
      const email = operationDoneEmail({ ...base, operation: "refund", customerName });
      expect(email.text.startsWith("Hello,\n")).toBe(true);
      expect(visibleText(email.html)).toContain("Hello,");
    }
  });

  it("escapes every interpolated value in the HTML but keeps the plain text literal", () => {
    const email = operationDoneEmail({
      operation: "refund",
      amount: HOSTILE,
      orderNo: HOSTILE,
      merchantName: HOSTILE,
      customerName: HOSTILE,
    });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain(HOSTILE_ESCAPED);
    expect(email.text).toContain(HOSTILE);
  });
});

describe("operationRejectedEmail", () => {
  const input = {
    operation: "refund" as const,
    amount: "5.000 KWD",
    orderNo: "A-7",
    reason: "Customer already got store credit.",
    checkerName: "Omar",
  };

  it("tells the maker who rejected what, and why", () => {
    const email = operationRejectedEmail(input);
    expect(email.subject).toBe("Refund request for order A-7 was rejected");
    for (const body of [email.text, visibleText(email.html)]) {
      expect(body).toContain("Omar rejected your request to refund 5.000 KWD on order A-7.");
      expect(body).toContain("Customer already got store credit.");
    }
  });

  it("says so when no reason was given", () => {
    const email = operationRejectedEmail({ ...input, reason: "  " });
    expect(email.text).toContain("No reason was given.");
    expect(visibleText(email.html)).toContain("No reason was given.");
    expect(email.text).not.toContain("Reason given:");
  });

  it("names a void as a void", () => {
    expect(operationRejectedEmail({ ...input, operation: "void" }).subject).toBe(
      "Void request for order A-7 was rejected",
    );
  });

  it("keeps a multi-line reason intact in the body and out of the subject", () => {
    const email = operationRejectedEmail({
      ...input,
      orderNo: "A-7\r\nBcc: x@evil.test",
      reason: "Line one\nLine two",
    });
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.text).toContain("Line one\nLine two");
    expect(email.html).toContain("Line one\nLine two");
  });

  it("escapes the reason and the checker's name", () => {
    const email = operationRejectedEmail({ ...input, reason: HOSTILE, checkerName: HOSTILE });
    expect(email.html).not.toContain("<script>");
    expect(email.html.split(HOSTILE_ESCAPED).length - 1).toBeGreaterThanOrEqual(2);
  });
});

describe("manualActionRequiredEmail", () => {
  const input = {
    operation: "void" as const,
    amount: "20.00 USD",
    orderNo: "W-55",
    failureMessage: "Issuer unavailable (91)",
    deadline: new Date("2026-11-23T10:00:00Z"),
    link: "https://countersign.example/operation-requests/123",
  };

  it("tells the maker what failed, the deadline in UTC and where to retry", () => {
    const email = manualActionRequiredEmail(input);
    expect(email.subject).toBe("Action needed: the void for order W-55 failed at the gateway");
    for (const body of [email.text, visibleText(email.html)]) {
      expect(body).toContain("Issuer unavailable (91)");
      expect(body).toContain("Retry it before 2026-11-23 10:00 UTC");
      expect(body).toContain("20.00 USD");
      expect(body).toContain(input.link);
    }
    expect(email.html).toContain(`href="${input.link}"`);
  });

  it("escapes the gateway's message and the link", () => {
    const email = manualActionRequiredEmail({
      ...input,
      failureMessage: HOSTILE,
      link: "https://x.example/?a=1&b=2",
    });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain(HOSTILE_ESCAPED);
    expect(email.html).toContain('href="https://x.example/?a=1&amp;b=2"');
  });

  it("never turns a non-web link into a clickable one", () => {
    const email = manualActionRequiredEmail({ ...input, link: "javascript:alert(1)" });
    expect(email.html).not.toContain("href=");
    expect(email.text).toContain("javascript:alert(1)");
  });
});

describe("newPendingRequestEmail", () => {
  const input = {
    operation: "refund" as const,
    amount: "1,250.000 KWD",
    orderNo: "A-9",
    makerName: "Sara",
    link: "http://localhost:3000/operation-requests/9",
  };

  it("asks the checker to review, with a link", () => {
    const email = newPendingRequestEmail(input);
    expect(email.subject).toBe("Refund of 1,250.000 KWD for order A-9 awaits your approval");
    for (const body of [email.text, visibleText(email.html)]) {
      expect(body).toContain("Sara asks to refund 1,250.000 KWD on order A-9.");
      expect(body).toContain(input.link);
    }
    expect(email.html).toContain(`href="${input.link}"`);
  });

  it("escapes the maker's name and the order number", () => {
    const email = newPendingRequestEmail({ ...input, makerName: HOSTILE, orderNo: HOSTILE });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain(HOSTILE_ESCAPED);
  });

  it("cannot break out of the href attribute", () => {
    const email = newPendingRequestEmail({
      ...input,
      link: 'https://x.example/" onmouseover="alert(1)',
    });
    expect(email.html).not.toContain('" onmouseover="');
  });
});

describe("paymentLinkEmail", () => {
  const base = {
    merchantName: "Souq Ltd",
    customerName: "Fatima",
    amount: "12.500",
    currency: "KWD",
    url: "https://pay.example.test/checkout/3f2b6c1e",
    dueDate: new Date("2026-12-24T00:00:00Z"),
    expiresAt: new Date("2026-12-31T20:00:00Z"),
    language: "en" as const,
  };

  it("asks the customer in English to pay, with the due date, expiry and a button to the page", () => {
    const email = paymentLinkEmail(base);
    expect(email.subject).toBe("Souq Ltd: payment request for 12.500 KWD");
    for (const body of [email.text, visibleText(email.html)]) {
      expect(body).toContain("Hello Fatima,");
      expect(body).toContain("Souq Ltd asks you to pay 12.500 KWD. Please pay by 2026-12-24.");
      expect(body).toContain("The link works until 2026-12-31 20:00 UTC.");
    }
    expect(email.text).toContain("Pay 12.500 KWD: https://pay.example.test/checkout/3f2b6c1e");
    expect(email.text).toMatch(/Due date: +2026-12-24/);
    expect(email.html).toContain('<a href="https://pay.example.test/checkout/3f2b6c1e"');
    expect(email.html).toContain('<html lang="en" dir="ltr">');
    expect(email.html).not.toContain('dir="rtl"');
  });

  it("leaves the due date out when there is none, and greets a customer without a name", () => {
    const email = paymentLinkEmail({ ...base, dueDate: null, customerName: "  " });
    expect(email.text.startsWith("Hello,\n")).toBe(true);
    expect(email.text).not.toContain("Please pay by");
    expect(email.text).not.toContain("Due date");
    expect(visibleText(email.html)).not.toContain("Due date");
  });

  it("writes the amount with the currency's decimals, never as a float", () => {
    expect(paymentLinkEmail({ ...base, amount: "1500", currency: "USD" }).subject).toContain(
      "1,500.00 USD",
    );
    expect(
      paymentLinkEmail({ ...base, amount: { toFixed: () => "7" }, currency: "JPY" }).text,
    ).toContain("7 JPY");
    expect(() => paymentLinkEmail({ ...base, amount: "1.2345" })).toThrow();
  });

  it("lays the Arabic email out right to left, with Latin values isolated", () => {
    const email = paymentLinkEmail({ ...base, language: "ar", customerName: "فاطمة" });
    expect(email.html).toContain('<html lang="ar" dir="rtl">');
    expect(email.html).toContain(
      '<body dir="rtl" style="margin:0;padding:0;direction:rtl;text-align:right;',
    );
    expect(email.subject).toBe("\u2068Souq Ltd\u2069: طلب دفع بمبلغ \u206812.500 KWD\u2069");
    for (const body of [email.text, visibleText(email.html)]) {
      expect(body).toContain("مرحباً \u2068فاطمة\u2069،");
      expect(body).toContain(
        "يطلب منك \u2068Souq Ltd\u2069 دفع مبلغ \u206812.500 KWD\u2069. يرجى الدفع قبل \u20682026-12-24\u2069.",
      );
      expect(body).toContain("تاريخ الاستحقاق");
    }
    expect(visibleText(email.html)).toContain("أو افتح هذا العنوان:");
    expect(email.html).toContain(
      '<span dir="ltr">https://pay.example.test/checkout/3f2b6c1e</span>',
    );
    expect(email.text).not.toMatch(/Hello|Pay |Due date/);
  });

  it("escapes every value in the HTML, flattens names to one line, and keeps the plain text literal", () => {
    const email = paymentLinkEmail({
      ...base,
      merchantName: `${HOSTILE}\r\nBcc: x@evil.test`,
      customerName: HOSTILE,
    });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain(HOSTILE_ESCAPED);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toContain("Bcc: x@evil.test: payment request");
    expect(email.text).toContain(HOSTILE);
  });

  it("refuses a link that is not a web address", () => {
    for (const url of ["javascript:alert(1)", "pay.example.test/x", 'https://x.test/"onclick=1'])
      expect(() => paymentLinkEmail({ ...base, url })).toThrow(/not a web address/);
  });
});
