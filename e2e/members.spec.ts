import { expect, test } from "./fixtures";

test.describe("Administration > Members", () => {
  test("an admin grants a permission with the keyboard; it stays after a reload", async ({
    adminPage: page,
    api,
  }) => {
    await page.goto("/payments");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Members" })
      .click();
    await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();

    // The admin's own row: what the role gives is ticked, disabled and marked.
    const adminRow = page.getByTestId("member-row").filter({ hasText: "admin@demo.test" });
    const adminReview = adminRow.getByRole("checkbox", {
      name: "Review limited processes (anti-fraud)",
    });
    await expect(adminReview).toBeChecked();
    await expect(adminReview).toBeDisabled();
    await expect(adminRow.getByText("from role").first()).toBeVisible();
    // The checker is marked as such.
    await expect(
      page
        .getByTestId("member-row")
        .filter({ hasText: "checker@demo.test" })
        .getByText("Checker", { exact: true }),
    ).toBeVisible();

    const viewerRow = page.getByTestId("member-row").filter({ hasText: "viewer@demo.test" });
    const run = viewerRow.getByRole("checkbox", { name: "Run processes" });
    const save = viewerRow.getByRole("button", { name: "Save permissions for Vera Viewer" });
    await expect(run).not.toBeChecked();
    await expect(run).toBeEnabled();
    await expect(save).toBeDisabled();

    await run.focus();
    await page.keyboard.press("Space");
    await expect(run).toBeChecked();
    await expect(viewerRow.getByText("Unsaved changes")).toBeVisible();
    await save.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText("Saved Vera Viewer's permissions.")).toBeVisible();
    await expect(save).toBeDisabled();

    await page.reload();
    await expect(
      page
        .getByTestId("member-row")
        .filter({ hasText: "viewer@demo.test" })
        .getByRole("checkbox", { name: "Run processes" }),
    ).toBeChecked();

    // The API reports the same grant.
    const members = await (await (await api("admin")).get("/api/v1/members")).json();
    const vera = members.data.find(
      (member: { user: { email: string } }) => member.user.email === "viewer@demo.test",
    );
    expect(vera.grants).toEqual(["processes.run"]);
    expect(vera.permissions).toContain("processes.run");

    // Withdrawn again: the demo viewer stays as seeded for the other specs.
    const again = page.getByTestId("member-row").filter({ hasText: "viewer@demo.test" });
    await again.getByRole("checkbox", { name: "Run processes" }).uncheck();
    await again.getByRole("button", { name: "Save permissions for Vera Viewer" }).click();
    await expect(page.getByText("Saved Vera Viewer's permissions.")).toBeVisible();
    await page.reload();
    await expect(
      page
        .getByTestId("member-row")
        .filter({ hasText: "viewer@demo.test" })
        .getByRole("checkbox", { name: "Run processes" }),
    ).not.toBeChecked();
  });

  test("on a phone the rows stack without sideways scrolling", async ({ adminPage: page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/admin/members");
    const save = page.getByRole("button", { name: "Save permissions for Vera Viewer" });
    await expect(save).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await save.boundingBox();
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);
  });

  test("a viewer without members.manage gets the forbidden page and no link", async ({
    viewerPage,
    api,
  }) => {
    await viewerPage.goto("/payments");
    await expect(
      viewerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }),
    ).toHaveCount(0);
    const response = await viewerPage.goto("/admin/members");
    expect(response?.status()).toBe(403);
    await expect(
      viewerPage.getByRole("heading", { name: "You do not have access to this page" }),
    ).toBeVisible();

    const viewer = await api("viewer");
    const list = await viewer.get("/api/v1/members");
    expect(list.status()).toBe(403);
    const put = await viewer.put(
      "/api/v1/members/00000000-0000-0000-0000-000000000000/permissions",
      {
        data: { grants: ["processes.run"] },
      },
    );
    expect(put.status()).toBe(403);
    expect((await put.json()).error.code).toBe("forbidden");
  });
});
