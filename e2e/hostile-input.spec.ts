import { expect, test } from "./fixtures";

/*
 * Hostile input against the real server (issue 6, section 2): a list page given values PostgreSQL
 * or JavaScript cannot represent renders with the "could not be used" notice instead of a server
 * error.
 */

const crafted = (json: object) => Buffer.from(JSON.stringify(json), "utf8").toString("base64url");

test.describe("list pages drop what they cannot use and say so", () => {
  for (const { url, heading, named } of [
    {
      url: "/transactions?from=0000-01-01",
      heading: "Transactions",
      named: /From date ignored/,
    },
    {
      url: "/tickets/operation-requests?pg=a%00b",
      heading: "Operation requests",
      named: /Gateway \(PG\) ignored: .*control characters/,
    },
    {
      url: `/transactions?cursor=${crafted({ s: "created_at", d: "desc", v: "0000-01-01T00:00:00.000Z", id: "00000000-0000-0000-0000-000000000000" })}`,
      heading: "Transactions",
      named: /page link is no longer valid/,
    },
    {
      url: `/tickets/operation-requests?cursor=${crafted({ s: "created", v: "+275760-09-13T00:00:00.000Z", id: "00000000-0000-0000-0000-000000000000" })}`,
      heading: "Operation requests",
      named: /page link is no longer valid/,
    },
  ]) {
    test(url, async ({ adminPage: page }) => {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
      const notice = page.getByRole("status").filter({ hasText: "could not be used" });
      await expect(notice).toBeVisible();
      await expect(notice).toContainText(named);
    });
  }
});
