import { expect } from "@playwright/test";
import { test } from "./fixtures";

test.describe("Administration > Limits", () => {
  test("an admin sets a limit, sees it listed, and removes it after confirming", async ({
    adminPage: page,
  }) => {
    await page.goto("/admin/limits");
    await expect(page.getByRole("heading", { name: "Limits", level: 1 })).toBeVisible();
    const form = page.getByRole("region", { name: "Set limits" });
    await form.getByLabel("Type").selectOption({ label: "Invoice" });
    await form.getByLabel("Currency").selectOption("EUR");
    await form.getByLabel("Most per process").fill("75.50");
    await form.getByLabel("Processes per customer per day").fill("3");
    await form.getByRole("button", { name: "Save limits" }).click();
    await expect(page.getByText("Limits saved")).toBeVisible();
    const row = page.getByRole("row", { name: /Invoice EUR 75\.50/ });
    await expect(row).toBeVisible();

    await row.getByRole("button", { name: "Remove the limits on Invoice in EUR" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("run without review");
    await dialog.getByRole("button", { name: "Remove limits" }).click();
    await expect(page.getByText("Limits on Invoice in EUR removed")).toBeVisible();
    await expect(page.getByRole("row", { name: /Invoice EUR/ })).toHaveCount(0);
  });

  test("a bad amount is refused with the reason and nothing is saved", async ({
    adminPage: page,
  }) => {
    await page.goto("/admin/limits");
    const form = page.getByRole("region", { name: "Set limits" });
    await form.getByLabel("Type").selectOption({ label: "Transfer" });
    await form.getByLabel("Currency").selectOption("USD");
    await form.getByLabel("Most per process").fill("1.001");
    await form.getByRole("button", { name: "Save limits" }).click();
    await expect(form.getByRole("alert")).toContainText("precision");
    await expect(page.getByRole("row", { name: /Transfer USD/ })).toHaveCount(0);
  });

  test("a viewer has no Limits link and is refused at its address", async ({
    viewerPage: page,
  }) => {
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Limits" })).toHaveCount(0);
    const response = await page.goto("/admin/limits");
    expect(response?.status()).toBe(403);
  });
});
