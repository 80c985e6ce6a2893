import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * Settings > Webhooks in a real browser against the production build, with a real receiver on
 * loopback (allowed: the e2e server runs in sandbox mode): an admin adds an endpoint, an event is
 * delivered by the app's own background jobs, the log shows it, and Resend sends it again.
 */

type Hit = { id: string; timestamp: string; signature: string; body: string };

let server: Server;
let url: string;
const hits: Hit[] = [];

test.beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    hits.push({
      id: String(req.headers["webhook-id"]),
      timestamp: String(req.headers["webhook-timestamp"]),
      signature: String(req.headers["webhook-signature"]),
      body: Buffer.concat(chunks).toString("utf8"),
    });
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("thanks");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/e2e-hooks`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Something that writes a webhook event: a maker asks for a refund of a fresh sandbox payment. */
async function causeEvent(api: (role: "admin" | "maker") => Promise<APIRequestContext>) {
  const admin = await api("admin");
  const payment = await admin.post("/api/v1/sandbox/transactions", {
    data: { currency: "KWD", gateway: "knet", state: "paid", amount: "3.000" },
  });
  expect(payment.status(), await payment.text()).toBe(201);
  const { id } = (await payment.json()).data;
  const maker = await api("maker");
  const request = await maker.post("/api/v1/operations", {
    data: { transactionId: id, operation: "refund", amount: "1.000" },
  });
  expect(request.status(), await request.text()).toBeLessThan(300);
}

function verified(secret: string, hit: Hit): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key)
    .update(`${hit.id}.${hit.timestamp}.${hit.body}`)
    .digest();
  return hit.signature.split(" ").some((entry) => {
    const given = Buffer.from(entry.replace(/^v1,/, ""), "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test("an admin adds an endpoint, sees a signed delivery in the log, and resends it", async ({
  adminPage: page,
  api,
}) => {
  test.setTimeout(90_000);
  await page.goto("/settings/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await page.getByRole("textbox", { name: "URL" }).fill(url);
  await page.getByRole("textbox", { name: /Description/ }).fill("E2E receiver");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("Endpoint added")).toBeVisible();
  const link = page.getByRole("link", { name: url });
  await expect(link).toBeVisible();

  // The secret is not in the page until revealed.
  await expect(page.getByTestId("webhook-secret")).not.toContainText("whsec_A");
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_[A-Za-z0-9+/]+=*$/);
  const secret = (await page.getByTestId("webhook-secret").textContent()) ?? "";

  await causeEvent(api);
  // The app's background jobs deliver it (a kick after commit, or the tick within seconds).
  await expect.poll(() => hits.length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(verified(secret, hits[0])).toBe(true);
  expect(JSON.parse(hits[0].body).type).toMatch(/^operation_request\./);

  await link.click();
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  const delivery = page.getByTestId("webhook-delivery").filter({ hasText: hits[0].id });
  await expect(delivery).toBeVisible();
  await expect(delivery.getByTestId("attempt-status").first()).toHaveText("HTTP 200");
  await delivery.getByText("Attempt 1").click();
  await expect(delivery.getByText("webhook-signature: v1,")).toBeVisible();
  await expect(delivery.getByText("thanks")).toBeVisible();

  const before = hits.filter((hit) => hit.id === hits[0].id).length;
  await delivery.getByRole("button", { name: `Resend ${hits[0].id}` }).click();
  await expect(page.getByText("Resent: the endpoint answered 200")).toBeVisible();
  await expect(delivery.getByText("Attempt 2 (resend)")).toBeVisible();
  expect(hits.filter((hit) => hit.id === hits[0].id).length).toBe(before + 1);

  await page.setViewportSize({ width: 390, height: 800 });
  await noSidewaysScroll(page);
  await page.goto("/settings/webhooks");
  await noSidewaysScroll(page);

  // Clean up, through the confirmation.
  await page.getByRole("button", { name: `Delete ${url}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page.getByText("Endpoint deleted")).toBeVisible();
  await expect(page.getByRole("link", { name: url })).toHaveCount(0);
});

test("members without webhooks.manage get 403 and no nav entry", async ({ makerPage: page }) => {
  const response = await page.goto("/settings/webhooks");
  expect(response?.status()).toBe(403);
  await page.goto("/payments");
  await expect(page.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
});
