import { expect, test } from "./fixtures";

test.describe("payments table", () => {
  test("filters, sorting and paging round-trip through the URL", async ({ adminPage: page }) => {
    await page.goto("/payments");
    const table = page.getByRole("table", { name: "Payments" });
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
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" }),
    ).toHaveAttribute("href", "/payments");
    await expect(page.getByLabel("Gateway")).toHaveValue("knet");
    await expect.poll(() => rows.allInnerTexts()).toEqual(firstPage);
    await page.goto("/payments");
    await page.goto(url);
    await expect(page.getByLabel("Gateway")).toHaveValue("knet");

    // Changing a filter clears the cursor.
    await page.goto("/payments");
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await page.getByLabel("Currency").selectOption("KWD");
    await expect(page).toHaveURL(/currency=KWD/);
    await expect(page).not.toHaveURL(/cursor=/);
  });

  test("pages through every payment without repeats", async ({ adminPage: page }) => {
    await page.goto("/payments?limit=100");
    const rows = page.getByRole("table", { name: "Payments" }).locator("tbody tr");
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
    await page.goto("/payments");
    await page.getByLabel("Search").fill("DS-100007");
    await page.getByLabel("Search").press("Enter");
    await expect(page).toHaveURL(/q=DS-100007/);
    const rows = page.getByRole("table", { name: "Payments" }).locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("DS-100007");

    await page.goto("/payments?q=no-such-order");
    await expect(page.getByText("No payments match these filters.")).toBeVisible();
  });

  test("the detail page shows the payment and its amounts", async ({ viewerPage: page }) => {
    await page.goto("/payments?q=DS-100007");
    await page.getByRole("link", { name: "DS-100007" }).click();
    await expect(page).toHaveURL(/\/payments\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: /DS-100007/ })).toBeVisible();
  });
});

test.describe("the old /transactions pages", () => {
  test("answer 308 to the same payments page, keeping the filters", async ({ request }) => {
    const list = await request.get("/transactions?state=paid&currency=KWD", { maxRedirects: 0 });
    expect(list.status()).toBe(308);
    expect(list.headers().location).toBe("/payments?state=paid&currency=KWD");

    const id = "00000000-0000-4000-8000-000000000001";
    const detail = await request.get(`/transactions/${id}`, { maxRedirects: 0 });
    expect(detail.status()).toBe(308);
    expect(detail.headers().location).toBe(`/payments/${id}`);
  });

  test("a bookmarked list and payment open under Payments", async ({ api, adminPage: page }) => {
    await page.goto("/transactions?state=paid");
    await expect(page).toHaveURL(/\/payments\?state=paid$/);
    await expect(page.getByRole("heading", { name: "Payments", level: 1 })).toBeVisible();
    await expect(page.getByLabel("State")).toHaveValue("paid");

    // The JSON API keeps its paths: existing integrations are not redirected.
    const admin = await api("admin");
    const response = await admin.get("/api/v1/transactions?limit=1", { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    const [payment] = (await response.json()).data;
    await page.goto(`/transactions/${payment.id}`);
    await expect(page).toHaveURL(new RegExp(`/payments/${payment.id}$`));
    await expect(page.getByRole("heading", { name: new RegExp(payment.orderNo) })).toBeVisible();
    await expect(page).toHaveTitle(/Payment/);
  });
});
