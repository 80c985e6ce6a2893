import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { expect, test } from "./fixtures";

/**
 * The sandbox issuer's 3-D Secure page (issue 8) in a real browser: a challenge charge is made
 * through the sandbox gateway's own HTTP API (tokenize, then charge, as the checkout will), the
 * customer types the one-time code, and the gateway records the outcome and sends the browser back
 * to the charge's return URL.
 */

const DATABASE_URL =
  process.env.E2E_DATABASE_URL ??
  `postgresql://postgres:postgres@127.0.0.1:${process.env.E2E_EMBEDDED_PG_PORT ?? "54332"}/countersign`;

async function demoMerchantId(): Promise<string> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT m.id FROM merchant m JOIN membership ms ON ms.merchant_id = m.id
         JOIN app_user u ON u.id = ms.user_id WHERE u.email = 'admin@demo.test' LIMIT 1`,
    );
    return rows[0].id;
  } finally {
    await client.end();
  }
}

type Action = { outcome: "action_required"; url: string; reference: string };

async function pendingCharge(
  request: APIRequestContext,
  baseURL: string,
  merchantId: string,
  source: "challenge" | "redirect",
): Promise<Action> {
  let body: Record<string, unknown> = { kind: "redirect" };
  if (source === "challenge") {
    const tokenized = await request.post("/api/sandbox-gateway/tokenize", {
      data: {
        number: "4000 0000 0000 3220",
        expMonth: 12,
        expYear: new Date().getUTCFullYear() + 2,
        cvc: "123",
        holder: "E2E Customer",
      },
    });
    expect(tokenized.status()).toBe(201);
    body = { kind: "card_token", token: (await tokenized.json()).token };
  }
  const charged = await request.post("/api/sandbox-gateway/knet/charge", {
    data: {
      merchantId,
      paymentId: randomUUID(),
      attemptId: randomUUID(),
      amount: "12.500",
      currency: "KWD",
      capture: true,
      source: body,
      returnUrl: `${baseURL}/sandbox-gateway/return`,
    },
  });
  expect(charged.status()).toBe(200);
  const result = (await charged.json()) as Action;
  expect(result.outcome).toBe("action_required");
  return result;
}

async function chargeOutcome(request: APIRequestContext, merchantId: string, reference: string) {
  const response = await request.get(
    `/api/sandbox-gateway/knet/charges/${reference}?merchantId=${merchantId}`,
  );
  expect(response.status()).toBe(200);
  return response.json();
}

test.describe("sandbox 3-D Secure (ACS) page", () => {
  test("000000 fails the check and the failure is recorded; 123456 passes", async ({
    page,
    request,
    baseURL,
  }) => {
    const merchantId = await demoMerchantId();
    const failing = await pendingCharge(request, baseURL ?? "", merchantId, "challenge");
    expect(failing.url).toBe(`${baseURL}/sandbox-gateway/acs/${failing.reference}`);

    await page.goto(failing.url);
    await expect(page.getByRole("heading", { name: "Your bank's 3-D Secure check" })).toBeVisible();
    await expect(page.getByTestId("charge-amount")).toHaveText("12.500 KWD");
    await expect(page.getByText("Visa ending 3220")).toBeVisible();
    await page.getByLabel("One-time code").fill("000000");
    await page.getByRole("button", { name: "Submit" }).click();
    await expect(page).toHaveURL(
      `${baseURL}/sandbox-gateway/return?reference=${failing.reference}`,
    );
    await expect(page.getByTestId("charge-status")).toHaveText("failed");
    expect(await chargeOutcome(request, merchantId, failing.reference)).toMatchObject({
      outcome: "declined",
      code: "3ds_failed",
      threeDs: "challenge",
    });
    // Back on the ACS page, the check cannot be taken again.
    await page.goto(failing.url);
    await expect(page.getByRole("status")).toContainText("already finished");
    await expect(page.getByLabel("One-time code")).toHaveCount(0);

    const passing = await pendingCharge(request, baseURL ?? "", merchantId, "challenge");
    await page.goto(passing.url);
    // Keyboard only: the code field has focus; a malformed code is an error beside the field.
    await expect(page.getByLabel("One-time code")).toBeFocused();
    await page.keyboard.type("12");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("alert")).toHaveText("The code is 6 digits.");
    await expect(page.getByLabel("One-time code")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("One-time code").fill("123456");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(
      `${baseURL}/sandbox-gateway/return?reference=${passing.reference}`,
    );
    await expect(page.getByTestId("charge-status")).toHaveText("succeeded");
    expect(await chargeOutcome(request, merchantId, passing.reference)).toMatchObject({
      outcome: "succeeded",
      threeDs: "challenge",
      captured: true,
    });
  });

  test("the gateway's own payment page pays, and fits a phone", async ({
    page,
    request,
    baseURL,
  }) => {
    const merchantId = await demoMerchantId();
    const pending = await pendingCharge(request, baseURL ?? "", merchantId, "redirect");
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(pending.url);
    await expect(page.getByRole("heading", { name: "Pay with KNET" })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "Pay 12.500 KWD" }).click();
    await expect(page).toHaveURL(
      `${baseURL}/sandbox-gateway/return?reference=${pending.reference}`,
    );
    await expect(page.getByTestId("charge-status")).toHaveText("succeeded");
    expect(await chargeOutcome(request, merchantId, pending.reference)).toMatchObject({
      outcome: "succeeded",
      threeDs: "none",
    });
  });

  test("an unknown or malformed reference is a 404 page", async ({ page }) => {
    for (const path of [
      "/sandbox-gateway/acs/SBXC-0000000000000000",
      "/sandbox-gateway/pay/nope",
    ]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
    }
  });
});
