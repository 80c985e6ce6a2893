import { expect, test } from "./fixtures";

test.describe("transactions table", () => {
  test("filters, sorting and paging round-trip through the URL", async ({ adminPage: page }) => {
    await page.goto("/transactions");
    const table = page.getByRole("table", { name: "Transactions" });
    const rows = table.locator("tbody tr");
    await expect(rows).toHaveCount(25);

    // A filter goes into the URL and the rows follow it.
    await page.getByLabel("State").selectOption("paid");
    await expect(page).toHaveURL(/state=paid/);
    await expect(rows.first()).toContainText("Paid");
    for (const text of await rows.allInnerTexts()) expect(text).toContain("Paid");

    await page.getByLabel("Gateway").selectOption("knet");
    await expect(page).toHaveURL(/gateway=knet/);
    await expect(page).toHaveURL(/state=paid/);
    for (const text of await rows.allInnerTexts()) expect(text).toContain("KWD");

    // Paging carries a cursor and keeps the filters; Previous returns to the first page.
    const firstPage = await rows.allInnerTexts();
    const next = page.getByRole("button", { name: "Next page" });
    if (await next.isEnabled()) {
      await next.click();
      await expect(page).toHaveURL(/cursor=/);
      await expect(page).toHaveURL(/gateway=knet/);
      await expect.poll(() => rows.allInnerTexts()).not.toEqual(firstPage);
      await page.getByRole("button", { name: "Previous page" }).click();
      await expect(page).not.toHaveURL(/cursor=/);
      await expect.poll(() => rows.allInnerTexts()).toEqual(firstPage);
    }

    // The URL alone rebuilds the view: reload and a fresh visit show the same filters.
    const url = page.url();
    await page.reload();
    await expect(page.getByLabel("State")).toHaveValue("paid");
    await expect(page.getByLabel("Gateway")).toHaveValue("knet");
    await expect.poll(() => rows.allInnerTexts()).toEqual(firstPage);
    await page.goto("/transactions");
    await page.goto(url);
    await expect(page.getByLabel("Gateway")).toHaveValue("knet");

    // Changing a filter clears the cursor.
    await page.goto("/transactions");
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await page.getByLabel("Currency").selectOption("KWD");
    await expect(page).toHaveURL(/currency=KWD/);
    await expect(page).not.toHaveURL(/cursor=/);
  });

  test("pages through every payment without repeats", async ({ adminPage: page }) => {
    await page.goto("/transactions?limit=100");
    const rows = page.getByRole("table", { name: "Transactions" }).locator("tbody tr");
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await expect(rows.first()).toBeVisible();
      for (const link of await rows.locator("a").allInnerTexts()) seen.add(link);
      const next = page.getByRole("button", { name: "Next page" });
      if (!(await next.isEnabled())) break;
      const before = page.url();
      await next.click();
      await expect(page).not.toHaveURL(before);
    }
    // 200 seeded payments, plus whatever other specs created in the sandbox.
    expect(seen.size).toBeGreaterThanOrEqual(200);
  });

  test("search by order number and the empty state", async ({ viewerPage: page }) => {
    await page.goto("/transactions");
    await page.getByLabel("Search").fill("DS-100007");
    await page.getByLabel("Search").press("Enter");
    await expect(page).toHaveURL(/q=DS-100007/);
    const rows = page.getByRole("table", { name: "Transactions" }).locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("DS-100007");

    await page.goto("/transactions?q=no-such-order");
    await expect(page.getByText("No transactions match these filters.")).toBeVisible();
  });

  test("the detail page shows the payment and its amounts", async ({ viewerPage: page }) => {
    await page.goto("/transactions?q=DS-100007");
    await page.getByRole("link", { name: "DS-100007" }).click();
    await expect(page).toHaveURL(/\/transactions\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: /DS-100007/ })).toBeVisible();
  });
});
