import { execFileSync } from "node:child_process";
import { expect, test } from "./fixtures";
import { storageStatePath } from "./roles";

/**
 * The sandbox outbox of SMS and WhatsApp at /dev/mailbox, beside the emails: the messages are
 * queued through queueMessage (e2e/messaging-data.ts) on the server's own database, and the page
 * shows each with its channel, number, text, status and time; WhatsApp ones with their wa.me link.
 */

type MessagingData = { tag: string; url: string; sms: string; whatsapp: string; otherSms: string };

const DATABASE_URL =
  process.env.E2E_DATABASE_URL ??
  `postgresql://postgres:postgres@127.0.0.1:${process.env.E2E_EMBEDDED_PG_PORT ?? "54332"}/countersign`;

function queueMessages(tag: string): MessagingData {
  const output = execFileSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "e2e/messaging-data.ts", tag],
    {
      encoding: "utf8",
      env: {
        ...process.env,
        DATABASE_URL,
        NEXTAUTH_SECRET: "e2e-secret-not-for-production",
        COUNTERSIGN_WORKERS: "off",
        LOG_LEVEL: "warn",
      },
    },
  );
  return JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as MessagingData;
}

test.describe
  .serial("SMS and WhatsApp in the sandbox mailbox", () => {
    // Generous: the page is server-rendered per request and the machine is shared.
    test.describe.configure({ timeout: 90_000 });
    let data: MessagingData;

    test.beforeAll(() => {
      data = queueMessages(`msg-${Date.now()}`);
    });

    test("the SMS tab shows the merchant's SMS with number, text and status, and nobody else's", async ({
      adminPage: page,
    }) => {
      await page.goto("/dev/mailbox");
      const channels = page.getByRole("navigation", { name: "Channels" });
      await expect(channels.getByRole("link", { name: "Emails" })).toHaveAttribute(
        "aria-current",
        "page",
      );
      // Keyboard: the tabs are links in the tab order.
      await channels.getByRole("link", { name: "SMS" }).focus();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/dev\/mailbox\?channel=sms$/);
      await expect(channels.getByRole("link", { name: "SMS" })).toHaveAttribute(
        "aria-current",
        "page",
      );

      const list = page.getByRole("list", { name: "SMS messages" });
      const item = list.getByTestId("mailbox-sms").filter({ hasText: data.url });
      await expect(item).toHaveCount(1);
      await expect(item.getByTestId("message-to")).toHaveText("+96550001234");
      // The text exactly, line breaks included (toHaveText would fold them into spaces).
      expect(await item.getByTestId("message-text").textContent()).toBe(
        `Demo Store: payment request for 12.500 KWD. Please pay by 2026-12-24.\nPay here:\n${data.url}`,
      );
      expect(
        await item
          .getByTestId("message-text")
          .evaluate((element) => getComputedStyle(element).direction),
      ).toBe("ltr");
      await expect(item).toContainText("payment_link.created");
      await expect(item).toContainText(/UTC/);
      // The server's sweeper keeps it as sent to the "mailbox" within a few seconds.
      await expect(item.getByText("sent", { exact: true })).toBeVisible({ timeout: 20_000 });
      await expect(page.getByText(`Other Shop secret ${data.tag}`)).toHaveCount(0);
    });

    test("the WhatsApp tab shows the Arabic text right to left with its wa.me link", async ({
      adminPage: page,
    }) => {
      await page.goto("/dev/mailbox?channel=whatsapp");
      const item = page
        .getByRole("list", { name: "WhatsApp messages" })
        .getByTestId("mailbox-whatsapp")
        .filter({ hasText: data.url });
      await expect(item).toHaveCount(1);
      await expect(item.getByTestId("message-to")).toHaveText("+971501234567");
      await expect(item.getByTestId("message-text")).toContainText("طلب دفع بمبلغ");
      await expect(item.getByTestId("message-text")).toContainText("7.25 USD");
      expect(
        await item
          .getByTestId("message-text")
          .evaluate((element) => getComputedStyle(element).direction),
      ).toBe("rtl");
      const link = item.getByRole("link", { name: "Open in WhatsApp (wa.me)" });
      const href = await link.getAttribute("href");
      expect(href).toMatch(/^https:\/\/wa\.me\/971501234567\?text=/);
      const text = new URL(href ?? "").searchParams.get("text");
      expect(text).toContain(data.url);
      expect(text).toContain("طلب دفع");
      await expect(link).toHaveAttribute("rel", "noopener noreferrer");
    });

    test("a filter by part of the number, in any notation, keeps the matching SMS only", async ({
      adminPage: page,
    }) => {
      await page.goto("/dev/mailbox?channel=sms");
      await page.getByLabel("Phone number (any part of it)").fill("+965 5000-12");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(page).toHaveURL(/channel=sms&to=/);
      await expect(page.getByTestId("mailbox-sms").filter({ hasText: data.url })).toHaveCount(1);
      await page.getByLabel("Phone number (any part of it)").fill("+1 999 888");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(page.getByText("No SMS messages to numbers with 1999888")).toBeVisible();
      await page.getByRole("link", { name: "Show all" }).click();
      await expect(page).toHaveURL(/\/dev\/mailbox\?channel=sms$/);
    });

    test("Other Shop sees its own SMS and not Demo Store's", async ({ otherAdminPage: page }) => {
      await page.goto("/dev/mailbox?channel=sms");
      await expect(page.getByText(`Other Shop secret ${data.tag}`)).toBeVisible();
      await expect(page.getByTestId("mailbox-sms").filter({ hasText: data.url })).toHaveCount(0);
    });

    test("phone: the SMS and WhatsApp tabs fit 390 px without sideways scrolling", async ({
      browser,
    }) => {
      const context = await browser.newContext({
        storageState: storageStatePath("admin"),
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      try {
        const overflow = () =>
          page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
        for (const channel of ["sms", "whatsapp"]) {
          await page.goto(`/dev/mailbox?channel=${channel}`);
          await expect(
            page.getByTestId(`mailbox-${channel}`).filter({ hasText: data.url }),
          ).toBeVisible();
          expect(await overflow()).toBeLessThanOrEqual(0);
        }
      } finally {
        await context.close();
      }
    });
  });
