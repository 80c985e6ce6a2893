import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/*
 * The ticket tab and the payment page as a checker and a maker use them (issue 6, section 4), at
 * the two sizes the walk-through used: 1440x900 and a 390x844 phone.
 */

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function newPayment(api: APIRequestContext, amount: string) {
  const response = await api.post("/api/v1/sandbox/transactions", {
    data: {
      amount,
      currency: "KWD",
      gateway: "knet",
      state: "paid",
      customerEmail: "ux-buyer@customers.test",
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).data as { id: string; orderNo: string };
}

/** A maker's refund through the API: pending, since Demo Store's approvals plugin is on. */
async function requestRefund(api: APIRequestContext, transactionId: string, amount: string) {
  const response = await api.post("/api/v1/operations", {
    data: { transactionId, operation: "refund", amount },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).data as { id: string; state: string };
}

async function openTickets(page: Page, query = "") {
  await page.goto(`/tickets/operation-requests${query}`);
  await expect(page.locator("[data-live-status]")).toHaveAttribute("data-live-status", "live");
}

function ticketRow(page: Page, orderNo: string) {
  return page
    .getByRole("table", { name: "Operation requests" })
    .locator("tbody tr", { hasText: orderNo });
}

function toast(page: Page) {
  return page.locator("[data-sonner-toast]");
}

async function hasSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth > root.clientWidth;
  });
}

test.describe("the ticket table", () => {
  for (const width of [1280, 1440]) {
    test(`fits ${width} px wide without sideways scrolling, the rest one click away`, async ({
      checkerPage: page,
      api,
    }) => {
      // One long row of every kind the table shows: an open one with its actions.
      const maker = await api("maker");
      const payment = await newPayment(maker, "1234567.000");
      await requestRefund(maker, payment.id, "1234567.000");

      await page.setViewportSize({ width, height: 900 });
      await openTickets(page);
      const table = page.getByRole("table", { name: "Operation requests" });
      await expect(table).toBeVisible();
      await expect(table.getByRole("columnheader")).toHaveText([
        "Order",
        "Amount",
        "Maker",
        "State",
        "Age or deadline",
        "Actions",
      ]);
      const row = ticketRow(page, payment.orderNo);
      await expect(row.getByRole("button", { name: "Approve", exact: true })).toBeInViewport();
      expect(await hasSidewaysScroll(page)).toBe(false);

      // Relative age, with the exact time as its tooltip.
      const age = row.locator("time");
      await expect(age).toHaveText(/just now|\dm ago/);
      await expect(age).toHaveAttribute("title", /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);

      // Decided by, decided at and deadline live on the detail page.
      await row.getByRole("link", { name: /Details/ }).click();
      await expect(page.getByText("Decided by", { exact: true })).toBeVisible();
      await expect(page.getByText("Decided at", { exact: true })).toBeVisible();
      await expect(page.getByText("Deadline", { exact: true })).toBeVisible();
    });
  }

  test("on a phone, each request is a card with its amount and order beside Approve", async ({
    checkerPage: page,
    api,
  }) => {
    const maker = await api("maker");
    const payment = await newPayment(maker, "30.000");
    await requestRefund(maker, payment.id, "7.250");

    await page.setViewportSize(PHONE);
    await openTickets(page);
    await expect(page.getByRole("table", { name: "Operation requests" })).toBeHidden();
    const card = page
      .getByRole("list", { name: "Operation requests" })
      .getByRole("listitem")
      .filter({ hasText: payment.orderNo });
    const approve = card.getByRole("button", { name: "Approve", exact: true });
    await expect(approve).toBeVisible();
    await expect(card.getByText("7.250 KWD")).toBeVisible();
    await expect(card.getByRole("link", { name: payment.orderNo, exact: true })).toBeVisible();
    expect(await hasSidewaysScroll(page)).toBe(false);

    // The amount is on screen together with the button, not scrolled away from it.
    await approve.scrollIntoViewIfNeeded();
    await expect(card.getByText("7.250 KWD")).toBeInViewport();
  });

  test("Approve asks first, by keyboard too; the outcome is a toast and the row stays, marked", async ({
    checkerPage: page,
    api,
  }) => {
    const maker = await api("maker");
    const payment = await newPayment(maker, "50.000");
    await requestRefund(maker, payment.id, "12.500");

    await page.setViewportSize(DESKTOP);
    await openTickets(page, "?state=pending");
    const row = ticketRow(page, payment.orderNo);
    const approve = row.getByRole("button", { name: "Approve", exact: true });

    // Keyboard: focus the button, Enter opens the confirmation, which names what moves.
    await approve.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Approve the refund of 12.500 KWD?");
    for (const fact of [
      "Refund",
      "12.500 KWD",
      payment.orderNo,
      "ux-buyer@customers.test",
      "Maya Maker",
    ])
      await expect(dialog).toContainText(fact);
    const confirm = dialog.getByRole("button", { name: "Approve refund" });
    await expect(confirm).toBeFocused();
    // Focus stays inside while the dialog is open.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
    }

    // Escape cancels: nothing happened.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(row).toContainText("Pending");
    await expect(approve).toBeFocused();

    // Enter on the confirm button approves.
    await page.keyboard.press("Enter");
    await expect(confirm).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(
      toast(page).filter({ hasText: "Refund approved and done: 12.500 KWD." }),
    ).toBeVisible();

    // The row no longer matches "pending", yet it stays where it was, marked, without buttons,
    // through the live refreshes that the approval itself caused.
    await expect(row).toContainText(/Approved just now/);
    await expect(row).toContainText("Done");
    await expect(row.getByRole("button")).toHaveCount(0);
    await page.waitForLoadState("networkidle");
    await expect(row).toContainText(/Approved just now/);

    // A reload is the user refreshing the view: the decided row is gone from the pending list.
    await page.reload();
    await expect(page.getByRole("table", { name: "Operation requests" })).toBeVisible();
    await expect(ticketRow(page, payment.orderNo)).toHaveCount(0);
  });

  test("a gateway decline is told with its deadline; the payment page offers Retry", async ({
    checkerPage,
    makerPage,
    api,
  }) => {
    const maker = await api("maker");
    // 666.xxx is the sandbox's magic amount for a decline.
    const payment = await newPayment(maker, "700.000");
    await requestRefund(maker, payment.id, "666.000");

    await openTickets(checkerPage);
    await ticketRow(checkerPage, payment.orderNo)
      .getByRole("button", { name: "Approve", exact: true })
      .click();
    await checkerPage
      .getByRole("alertdialog")
      .getByRole("button", { name: "Approve refund" })
      .click();
    await expect(
      toast(checkerPage).filter({
        hasText:
          "Refund of 666.000 KWD approved, but it was declined by the gateway: manual action required, expires in 48 hours.",
      }),
    ).toBeVisible();
    await expect(ticketRow(checkerPage, payment.orderNo)).toContainText(/Manual action required/);

    await makerPage.goto(`/payments/${payment.id}`);
    const banner = makerPage.getByTestId("open-request-banner");
    await expect(banner).toContainText(
      /A refund of 666\.000 KWD requested by Maya Maker at \d{4}-\d\d-\d\d \d\d:\d\d UTC was declined by the gateway: manual action required, expires in 4[78] hours\./,
    );
    await banner.getByRole("button", { name: "Retry", exact: true }).click();
    // Still the magic amount: declined again, told as a retry.
    await expect(
      toast(makerPage).filter({
        hasText: "Refund of 666.000 KWD retried, but it was declined by the gateway",
      }),
    ).toBeVisible();
  });
});

test.describe("the payment page", () => {
  test("lists every request made on the payment and words the open one", async ({
    makerPage: page,
    api,
  }) => {
    const maker = await api("maker");
    const checker = await api("checker");
    const payment = await newPayment(maker, "20.000");

    const rejected = await requestRefund(maker, payment.id, "1.000");
    const reject = await checker.post(`/api/v1/operation-requests/${rejected.id}/reject`, {
      data: { reason: "Customer kept the goods" },
    });
    expect(reject.status(), await reject.text()).toBe(200);
    const canceled = await requestRefund(maker, payment.id, "2.000");
    expect((await maker.post(`/api/v1/operation-requests/${canceled.id}/cancel`)).status()).toBe(
      200,
    );

    await page.setViewportSize(DESKTOP);
    await page.goto(`/payments/${payment.id}`);

    // The review step: nothing is sent until Submit; Back returns to the form as it was.
    await page.getByRole("button", { name: "Refund", exact: true }).click();
    await page.getByRole("textbox", { name: "Amount" }).fill("1.2345");
    await page.getByRole("button", { name: "Review refund" }).click();
    await expect(page.getByText("KWD amounts have at most 3 decimal places.")).toBeVisible();
    await expect(page.getByTestId("operation-review")).toHaveCount(0);
    await page.getByRole("textbox", { name: "Amount" }).fill("3.5");
    await page.getByRole("button", { name: "Review refund" }).click();
    const review = page.getByTestId("operation-review");
    await expect(review).toContainText(
      `You are about to request a refund of 3.500 KWD on order ${payment.orderNo} for`,
    );
    await expect(review).toContainText("ux-buyer@customers.test");
    await page.getByRole("button", { name: "Back" }).click();
    await expect(page.getByRole("textbox", { name: "Amount" })).toHaveValue("3.5");
    await page.getByRole("button", { name: "Review refund" }).click();
    await page.getByRole("button", { name: "Submit refund request" }).click();
    await expect(
      toast(page).filter({
        hasText: "Refund of 3.500 KWD requested: waiting for the checker's approval.",
      }),
    ).toBeVisible();

    await expect(page.getByTestId("open-request-banner")).toContainText(
      /^A refund of 3\.500 KWD requested by Maya Maker at \d{4}-\d\d-\d\d \d\d:\d\d UTC is pending approval\./,
    );
    const history = page.getByRole("region", { name: "Requests on this payment" });
    const items = history.getByRole("listitem");
    await expect(items).toHaveCount(3);
    await expect(items.nth(0)).toContainText("Refund of 3.500 KWD");
    await expect(items.nth(0)).toContainText("Pending");
    await expect(items.nth(1)).toContainText("Refund of 2.000 KWD");
    await expect(items.nth(1)).toContainText("Canceled");
    await expect(items.nth(2)).toContainText("Refund of 1.000 KWD");
    await expect(items.nth(2)).toContainText("Rejected by Chris Checker: Customer kept the goods");

    // Cancel request asks first; "Keep it" keeps it.
    const banner = page.getByTestId("open-request-banner");
    await banner.getByRole("button", { name: "Cancel request" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Keep it" }).click();
    await expect(banner).toContainText("is pending approval");

    // The same page on a phone: nothing sideways, the banner and its buttons in reach.
    await page.setViewportSize(PHONE);
    await expect(banner.getByRole("button", { name: "Cancel request" })).toBeVisible();
    expect(await hasSidewaysScroll(page)).toBe(false);
  });
});

test.describe("operations approval settings", () => {
  test("Disable the plugin asks first", async ({ adminPage: page }) => {
    await page.goto("/admin/plugins/operations-approval");
    await page.getByRole("button", { name: "Disable the plugin" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("Disable operations approval?");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await page.reload();
    await expect(page.getByRole("button", { name: "Disable the plugin" })).toBeVisible();
  });

  test("the whitelist lists only refund/void roles and saves once, warning about unsaved changes", async ({
    adminPage: page,
  }) => {
    await page.goto("/admin/plugins/operations-approval");
    const whitelist = page.getByRole("region", { name: "Whitelist" });
    await expect(whitelist.getByText("Maya Maker")).toBeVisible();
    await expect(whitelist.getByText("Vera Viewer")).toHaveCount(0);
    const save = whitelist.getByRole("button", { name: "Save whitelist" });
    await expect(save).toBeDisabled();
    // One Save for the list: no per-row buttons.
    await expect(whitelist.getByRole("button", { name: /Save/ })).toHaveCount(1);

    const box = whitelist.getByRole("checkbox", { name: "Void for Marco Maker" });
    await box.check();
    await expect(whitelist.getByTestId("whitelist-unsaved")).toHaveText(
      "Unsaved changes for 1 member.",
    );

    // Leaving asks first.
    const asked = new Promise<string>((resolve) =>
      page.once("dialog", async (dialog) => {
        resolve(dialog.type());
        await dialog.dismiss();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe("beforeunload");
    expect(page.isClosed()).toBe(false);

    try {
      await save.click();
      await expect(
        toast(page).filter({ hasText: "Whitelist saved: 1 member changed." }),
      ).toBeVisible();
      await expect(whitelist.getByTestId("whitelist-unsaved")).toHaveText("No unsaved changes.");
      await page.reload();
      await expect(box).toBeChecked();
    } finally {
      // Leave Marco's requests waiting for the checker, as the other tests expect.
      await box.uncheck();
      await save.click();
      await expect(whitelist.getByTestId("whitelist-unsaved")).toHaveText("No unsaved changes.");
    }
  });
});
