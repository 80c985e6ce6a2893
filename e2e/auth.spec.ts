import { expect, type Page, test } from "@playwright/test";
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
    test(`${role} signs in and lands on payments`, async ({ page }) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill(ROLES[role]);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/payments/);
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
    await page.goto("/payments");
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

async function signIn(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("after sign-in and sign-out", () => {
  test("a visitor comes back to the page they asked for, with its query", async ({ page }) => {
    await page.goto("/tickets/operation-requests?state=pending");
    await expect(page).toHaveURL(
      /\/login\?callbackUrl=%2Ftickets%2Foperation-requests%3Fstate%3Dpending$/,
    );
    await signIn(page, ROLES.admin);
    await expect(page).toHaveURL(/\/tickets\/operation-requests\?state=pending$/);
    await expect(page.getByTestId("current-role")).toHaveText("admin");
  });

  for (const callbackUrl of ["/%5Cevil.example", "/%09/evil.example"]) {
    test(`callbackUrl=${callbackUrl} lands on the home page of this app`, async ({
      page,
      baseURL,
    }) => {
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(`/login?callbackUrl=${callbackUrl}`);
      await signIn(page, ROLES.viewer);
      await expect(page).toHaveURL(`${baseURL}/payments`);
      await expect(page.getByTestId("current-role")).toHaveText("viewer");
      expect(
        requests.filter((url) => url.includes("evil.example") && !url.includes("callbackUrl")),
      ).toEqual([]);
    });
  }

  test("signing out stays on the host name in use", async ({ browser, baseURL }) => {
    // Two sign-in round trips and a sign-out in one test: more room than the default on a busy machine.
    test.slow();
    // NEXTAUTH_URL names localhost; the same server is reached here as 127.0.0.1.
    const otherHost = (baseURL ?? "").replace("localhost", "127.0.0.1");
    expect(otherHost).toContain("127.0.0.1");
    const context = await browser.newContext({ baseURL: otherHost });
    const page = await context.newPage();
    await page.goto("/payments");
    await expect(page).toHaveURL(`${otherHost}/login?callbackUrl=%2Fpayments`);
    await signIn(page, ROLES.maker2);
    await expect(page).toHaveURL(`${otherHost}/payments`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(`${otherHost}/login`);
    // The session is gone: the dashboard asks to sign in again.
    await page.goto("/payments");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await context.close();
  });

  test("next-auth's route answers hostile input with the JSON error shape", async ({ request }) => {
    const get = await request.get("/api/auth/callback/credentials");
    expect(get.status()).toBe(405);
    expect(get.headers().allow).toBe("POST, OPTIONS");
    expect((await get.json()).error.code).toBe("method_not_allowed");
    const malformed = await request.post("/api/auth/session", {
      headers: { "content-type": "application/json" },
      // A Buffer is sent as is; a string would be serialized as a JSON string.
      data: Buffer.from('{"csrfToken":'),
    });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error.code).toBe("invalid_json");
  });

  test("a new X-Forwarded-For on every try does not escape the sign-in lock", async ({
    request,
  }) => {
    // An address nobody signs in as, so the lock touches no other test.
    const email = `nobody-${Date.now()}@demo.test`;
    const errors: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
      const response = await request.post("/api/auth/callback/credentials", {
        headers: { "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}` },
        form: { email, password: "wrong", csrfToken, json: "true" },
      });
      errors.push(new URL((await response.json()).url).searchParams.get("error") ?? "");
    }
    expect(errors.slice(0, 4)).toEqual(Array(4).fill("CredentialsSignin"));
    for (const error of errors.slice(4)) expect(error).toMatch(/^Too many failed sign-ins/);
  });
});
