import { expect, test } from "./fixtures";

/**
 * Payment links in a real browser: create one sent by email and SMS, find it in the list, copy its
 * link, see the email and the SMS in the sandbox mailbox, cancel it; upload a CSV with a bad row and
 * see the per-row results; and the pages at a phone's width.
 */

test.describe
  .serial("Payment links", () => {
    test.describe.configure({ timeout: 120_000 });
    const tag = `${Date.now()}`.slice(-7);
    const email = `pl-${tag}@example.test`;
    // Kuwaiti mobile numbers start 50...; libphonenumber refuses numbers outside the real ranges.
    const digits = tag.slice(-6);
    const phone = `+96550${digits}`;
    let orderNo = "";
    let shortUrl = "";

    test("create a link sent by email and SMS; the list shows it; copy; mailbox; cancel", async ({
      makerPage: page,
    }) => {
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
      await page.goto("/payment-links/new");
      await page.getByLabel("Amount").fill("7.250");
      await page.getByLabel("Currency").selectOption("KWD");
      await expect(page.getByRole("checkbox", { name: /KNET \(knet\)/ })).toBeChecked();
      await page.getByLabel("Customer first name").fill("Sara");
      await page.getByLabel("Customer email").fill(email);
      // A malformed phone is refused beside its field before anything is sent.
      await page.getByLabel(/Customer phone/).fill("12345");
      await page.getByRole("checkbox", { name: "Email" }).check();
      await page.getByRole("checkbox", { name: "SMS" }).check();
      await page.getByRole("button", { name: "Create payment link" }).click();
      await expect(page.getByText(/Start the number with \+|too short|not valid/i)).toBeVisible();
      await expect(page.getByLabel(/Customer phone/)).toBeFocused();
      await page
        .getByLabel(/Customer phone/)
        .fill(`+965 50${digits.slice(0, 2)} ${digits.slice(2)}`);
      await page.getByRole("button", { name: "Create payment link" }).click();
      const dialog = page.getByRole("alertdialog", { name: "Create this payment link?" });
      await expect(dialog).toContainText("7.250 KWD");
      await expect(dialog).toContainText("Email, SMS");
      await dialog.getByRole("button", { name: "Create and send" }).click();
      const created = page.getByRole("heading", { name: /Payment link .+ created/ });
      await expect(created).toBeVisible({ timeout: 30_000 });
      await expect(page.getByText(/created and sent by Email, SMS/)).toBeVisible();
      orderNo = ((await created.textContent()) ?? "").replace(/^Payment link | created$/g, "");
      shortUrl = (await page.getByTestId("created-link").textContent()) ?? "";
      expect(shortUrl).toMatch(/\/c\/[2-9A-Za-z]{10}$/);
      const share = page.getByRole("link", { name: "Share on WhatsApp" });
      await expect(share).toHaveAttribute(
        "href",
        new RegExp(`^https://wa\\.me/96550${digits}\\?text=`),
      );

      // The list, filtered by the order number in the URL.
      await page.goto(`/payment-links?q=${encodeURIComponent(orderNo)}`);
      const row = page.getByRole("row").filter({ hasText: orderNo });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText("Created");
      await row.getByRole("button", { name: /^Copy:/ }).click();
      await expect(page.getByText("Link copied")).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shortUrl);

      // The email and the SMS, in the sandbox outbox.
      await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
      const mail = page.getByTestId("mailbox-email").filter({ hasText: "payment request" });
      await expect(mail).toHaveCount(1);
      await expect(mail).toContainText("7.250 KWD");
      await page.goto(`/dev/mailbox?channel=sms&to=${encodeURIComponent(phone)}`);
      const sms = page.getByTestId("mailbox-sms").filter({ hasText: shortUrl });
      await expect(sms).toHaveCount(1);

      // Cancel from the detail page, by keyboard through the confirmation.
      await page.goto(`/payment-links?q=${encodeURIComponent(orderNo)}`);
      await page.getByRole("link", { name: orderNo }).click();
      await expect(page.getByRole("heading", { name: orderNo })).toBeVisible();
      await expect(page.getByText("Payment link sent (Email, SMS)")).toBeVisible();
      await page.getByRole("button", { name: "Cancel", exact: true }).click();
      const confirm = page.getByRole("alertdialog", { name: `Cancel ${orderNo}?` });
      await expect(confirm.getByRole("button", { name: "Cancel the link" })).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(page.getByText(`Payment link ${orderNo} canceled`)).toBeVisible();
      await expect(page.getByText("Checkout session canceled")).toBeVisible();
      await expect(page.getByRole("button", { name: "Cancel", exact: true })).toHaveCount(0);
    });

    test("a viewer sees the links but cannot create, resend or cancel", async ({
      viewerPage: page,
    }) => {
      await page.goto(`/payment-links?q=${encodeURIComponent(orderNo)}`);
      await expect(page.getByRole("row").filter({ hasText: orderNo })).toHaveCount(1);
      await expect(page.getByRole("link", { name: "New payment link" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Resend" })).toHaveCount(0);
      const response = await page.goto("/payment-links/new");
      expect(response?.status()).toBe(403);
    });

    test("upload a CSV of three rows with one bad: per-row results", async ({
      makerPage: page,
    }) => {
      await page.goto("/payment-links/bulk");
      const csv = [
        "amount,currency,customer_name,email,phone,order_no",
        `1.000,KWD,Ali One,one-${tag}@example.test,,BULK-${tag}-1`,
        `1.0001,KWD,Bad Amount,,,BULK-${tag}-2`,
        `3.000,KWD,Ali Three,,${phone},BULK-${tag}-3`,
      ].join("\n");
      await page.getByLabel("CSV file").setInputFiles({
        name: "links.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv),
      });
      await expect(page.getByText("3 rows read.")).toBeVisible();
      await page.getByRole("button", { name: "Create the payment links" }).click();
      await expect(
        page.getByRole("heading", { name: "Results: 2 created, 1 refused" }),
      ).toBeVisible({
        timeout: 30_000,
      });
      await expect(page.getByText("3 of 3 rows processed")).toBeVisible();
      const rows = page.getByTestId("bulk-row");
      await expect(rows).toHaveCount(3);
      await expect(rows.nth(0)).toContainText(`Created BULK-${tag}-1`);
      await expect(rows.nth(1)).toContainText("Row 2");
      await expect(rows.nth(1)).toContainText("amount:");
      await expect(rows.nth(2)).toContainText(`Created BULK-${tag}-3`);
      await page.goto(`/payment-links?q=BULK-${tag}`);
      await expect(page.getByRole("row").filter({ hasText: `BULK-${tag}` })).toHaveCount(2);
    });

    test("a malformed CSV is refused as a whole, beside the file field", async ({
      makerPage: page,
    }) => {
      await page.goto("/payment-links/bulk");
      await page.getByLabel("CSV file").setInputFiles({
        name: "bad.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("colour,size\nred,XL\n"),
      });
      await expect(
        page.getByRole("alert").filter({ hasText: 'Unknown columns "colour", "size"' }),
      ).toBeVisible();
      await expect(page.getByRole("button", { name: "Create the payment links" })).toBeDisabled();
    });

    test("at a phone's width nothing overflows sideways", async ({ makerPage: page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const path of ["/payment-links", "/payment-links/new", "/payment-links/bulk"]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, path).toBeLessThanOrEqual(0);
      }
    });
  });
