import { expect, test } from "./fixtures";

test.describe("authorization is enforced on the server", () => {
  test("a viewer does not see the audit log link and gets 403 at its address", async ({
    viewerPage,
  }) => {
    await viewerPage.goto("/payments");
    await expect(
      viewerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }),
    ).toHaveCount(0);
    const response = await viewerPage.goto("/admin/audit");
    expect(response?.status()).toBe(403);
    await expect(
      viewerPage.getByRole("heading", { name: "You do not have access to this page" }),
    ).toBeVisible();
  });

  test("an admin reaches the audit log", async ({ adminPage }) => {
    await adminPage.goto("/payments");
    await adminPage
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Audit log" })
      .click();
    await expect(adminPage.getByRole("heading", { name: "Audit log" })).toBeVisible();
  });

  test("a viewer cannot create sandbox payments through the API", async ({ api }) => {
    const viewer = await api("viewer");
    const response = await viewer.post("/api/v1/sandbox/transactions", {
      data: { amount: "1.000", currency: "KWD", gateway: "knet", state: "paid" },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  });

  test("API keys: created once, shown once, and revoked keys stop working", async ({
    viewerPage,
    request,
  }) => {
    await viewerPage.goto("/settings/api-keys");
    await viewerPage.getByLabel("Name").fill("e2e key");
    await viewerPage.getByRole("button", { name: "Create key" }).click();
    const key = (await viewerPage.getByTestId("new-api-key").textContent())?.trim() ?? "";
    expect(key).toMatch(/^sk_live_/);
    const ok = await request.get("/api/v1/transactions?limit=1", {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(ok.status()).toBe(200);

    await viewerPage.reload();
    await expect(viewerPage.getByText(key)).toHaveCount(0);
    viewerPage.once("dialog", (dialog) => dialog.accept());
    await viewerPage.getByRole("button", { name: "Revoke key e2e key" }).click();
    await expect(viewerPage.getByText(/^Revoked/)).toBeVisible();
    const revoked = await request.get("/api/v1/transactions?limit=1", {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(revoked.status()).toBe(401);
  });
});
