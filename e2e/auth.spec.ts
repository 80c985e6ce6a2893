import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, ROLES, type RoleName } from "./roles";

const EXPECTED_ROLE: Record<RoleName, string> = {
  admin: "admin",
  checker: "maker",
  maker: "maker",
  maker2: "maker",
  viewer: "viewer",
  otherAdmin: "admin",
};

test.describe("sign-in", () => {
  for (const role of Object.keys(ROLES) as RoleName[]) {
    test(`${role} signs in and lands on transactions`, async ({ page }) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill(ROLES[role]);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/transactions/);
      await expect(page.getByTestId("current-role")).toHaveText(EXPECTED_ROLE[role]);
      await expect(page.getByTestId("merchant-name")).toHaveText(
        role === "otherAdmin" ? "Other Shop" : "Demo Store",
      );
    });
  }

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(ROLES.maker2);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Wrong email or password." }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("pages need a session: a visitor is sent to sign in", async ({ page }) => {
    await page.goto("/transactions");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to Countersign" })).toBeVisible();
  });

  test("the API needs a key or a session", async ({ request }) => {
    const response = await request.get("/api/v1/transactions");
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
    const badKey = await request.get("/api/v1/transactions", {
      headers: { authorization: "Bearer sk_live_nope" },
    });
    expect(badKey.status()).toBe(401);
  });
});
