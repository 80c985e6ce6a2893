import { describe, expect, it } from "vitest";
import { checkoutApiErrorEmail } from "./checkout-api-error";

const HOSTILE = `<script>alert("x")</script> & 'quoted'`;
const HOSTILE_ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;";

const base = {
  merchantName: "Souq Ltd",
  code: "validation_error",
  status: 400,
  message: "pg_codes: unknown gateway nope.",
  method: "POST",
  path: "/api/v1/checkout",
  requestId: "req-123",
  at: new Date("2026-12-02T10:15:30Z"),
  intervalMinutes: 10,
  link: "https://app.example.test/administration/checkout",
};

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

describe("checkoutApiErrorEmail", () => {
  it("names the merchant, the code, the status and the request, in both bodies", () => {
    const email = checkoutApiErrorEmail(base);
    expect(email.subject).toBe("Checkout API error for Souq Ltd: validation_error (400)");
    for (const body of [email.text, visibleText(email.html)]) {
      expect(body).toContain(
        "The Checkout API answered your server's POST /api/v1/checkout with 400 validation_error.",
      );
      expect(body).toContain("pg_codes: unknown gateway nope.");
      expect(body).toContain("req-123");
      expect(body).toContain("2026-12-02 10:15 UTC");
      expect(body).toContain("in the next 10 minutes are not emailed again");
    }
    expect(email.text).toContain(`Open the checkout settings: ${base.link}`);
  });

  it("escapes every interpolated value in the HTML, keeps the text literal and the subject on one line", () => {
    const email = checkoutApiErrorEmail({
      ...base,
      merchantName: `${HOSTILE}\nBcc: x@example.test`,
      message: HOSTILE,
      path: HOSTILE,
      requestId: HOSTILE,
    });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain(HOSTILE_ESCAPED);
    expect(email.text).toContain(HOSTILE);
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});
