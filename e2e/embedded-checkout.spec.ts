import { createServer } from "node:http";
import type { Page } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { expect, test } from "./fixtures";

/*
 * The embeddable checkout (issue 8): the sandbox demo shop embeds the hosted page with
 * /sdk/v1/checkout.js; the script talks to its iframe by the protocol and trusts nobody else; a page
 * on an origin the key does not list gets no checkout. Merchant pages on other origins are served by
 * small HTTP servers on loopback started here (a real other origin; Chromium would refuse a
 * made-up public host loading the app on localhost): real cross-origin frames in a real browser.
 */

const APP_ORIGIN = new URL(BASE_URL).origin;

/** A merchant's site on its own origin (http://127.0.0.1:<port>), serving `html` at every path. */
async function merchantSite(html: (origin: string) => string) {
  let origin = "";
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html(origin));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Buys on the demo shop and returns the session its server created. */
async function buyOnDemoShop(page: Page): Promise<string> {
  await page.goto("/sandbox/shop");
  await expect(page.getByRole("heading", { name: "Demo Store shop" })).toBeVisible();
  await page.getByRole("button", { name: "Buy" }).click();
  await page.waitForURL(/\/sandbox\/shop\?session=/);
  const id = new URL(page.url()).searchParams.get("session");
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id as string;
}

/** A merchant page on another origin that embeds the checkout with the script. */
function merchantPage(sessionId: string, publicKey: string, beforePayment = "return true;") {
  return `<!doctype html><html><head><title>Merchant</title></head><body>
<div id="checkout"></div>
<script src="${BASE_URL}/sdk/v1/checkout.js"></script>
<script>
  window.events = [];
  window.checkout = Checkout.init({
    selector: "#checkout",
    sessionId: ${JSON.stringify(sessionId)},
    publicKey: ${JSON.stringify(publicKey)},
    formsOfPayment: ["card", "redirect"],
    beforePayment: function (method) { window.events.push(["before_payment", method]); ${beforePayment} },
    success: function (data) { window.events.push(["success", data.state, data.order_no]); },
    cancel: function (data) { window.events.push(["cancel", data.state]); },
    error: function (data) { window.events.push(["error", data.code]); },
  });
</script></body></html>`;
}

/**
 * Stands in for the hosted page inside the iframe (until helper E's page is on main): it speaks
 * the protocol to its parent, as the real page will.
 */
const FAKE_FRAME = `<!doctype html><html><body><p>Hosted page stand-in</p><script>
  var parentOrigin = new URLSearchParams(location.search).get("origin");
  function post(message) {
    message.source = "countersign-checkout"; message.version = 1;
    parent.postMessage(message, parentOrigin);
  }
  window.addEventListener("message", function (event) {
    if (event.origin !== parentOrigin || event.source !== parent) return;
    var data = event.data;
    if (data && data.type === "before_payment_result" && data.requestId === "r1") {
      if (data.proceed) post({ type: "success", data: { session_id: "s", order_no: "ORDER-1", state: "paid" } });
      else post({ type: "cancel", data: { session_id: "s", order_no: "ORDER-1", state: "canceled" } });
    }
  });
  post({ type: "ready", height: 480 });
  post({ type: "before_payment", requestId: "r1", method: "card" });
</script></body></html>`;

test.describe("the embedded checkout", () => {
  // Each test buys on the demo shop first, on a machine shared with other builds.
  test.slow();
  test("the demo shop embeds the hosted page for its session, framed for its own origin only", async ({
    page,
  }) => {
    const shop = await page.goto("/sandbox/shop");
    // The shop page itself is never framed; the hosted page's framing is the proxy's decision.
    expect(shop?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(shop?.headers()["x-frame-options"]).toBe("DENY");

    const framed = page.waitForResponse((response) =>
      /\/checkout\/[0-9a-f-]{36}\?embed=1/.test(response.url()),
    );
    const sessionId = await buyOnDemoShop(page);
    const iframe = page.locator(`iframe[data-countersign-checkout="${sessionId}"]`);
    await expect(iframe).toBeAttached();
    const src = new URL((await iframe.getAttribute("src")) as string);
    expect(src.origin).toBe(APP_ORIGIN);
    expect(src.pathname).toBe(`/checkout/${sessionId}`);
    expect(Object.fromEntries(src.searchParams)).toEqual({
      embed: "1",
      pk: "pk_demo_store",
      origin: APP_ORIGIN,
      methods: "card,saved_card,redirect,apple_pay",
      lang: "en",
    });
    const response = await framed;
    expect(response.status()).not.toBe(403);
    const csp = response.headers()["content-security-policy"];
    expect(csp).toContain(`frame-ancestors ${APP_ORIGIN};`);
    expect(response.headers()["x-frame-options"]).toBeUndefined();
  });

  test("the script answers before_payment and reports outcomes from its iframe, and ignores anyone else", async ({
    page,
    api,
  }) => {
    const sessionId = await buyOnDemoShop(page);
    let key = "";
    const shop = await merchantSite(() => merchantPage(sessionId, key));
    const SHOP_ORIGIN = shop.origin;
    const admin = await api("admin");
    const created = await admin.post("/api/v1/publishable-keys", {
      data: { name: "E2E shop", allowed_origins: [SHOP_ORIGIN] },
    });
    expect(created.status()).toBe(201);
    key = (await created.json()).data.key as string;
    const proxied: string[] = [];
    await page.route(`${BASE_URL}/checkout/**`, async (route) => {
      // The real server decides the framing; the stand-in then plays the hosted page.
      const real = await route.fetch();
      proxied.push(`${real.status()} ${real.headers()["content-security-policy"]}`);
      await route.fulfill({
        status: 200,
        contentType: "text/html",
        headers: { "content-security-policy": real.headers()["content-security-policy"] },
        body: FAKE_FRAME,
      });
    });
    await page.goto(`${SHOP_ORIGIN}/checkout-page`);
    const iframe = page.locator("iframe[data-countersign-checkout]");
    await expect(iframe).toHaveAttribute("title", "Checkout");
    expect(proxied[0]).not.toMatch(/^403 /);
    expect(proxied[0]).toContain(`frame-ancestors ${SHOP_ORIGIN};`);

    await expect
      .poll(() => page.evaluate(() => (window as unknown as { events: unknown[] }).events))
      .toEqual([
        ["before_payment", "card"],
        ["success", "paid", "ORDER-1"],
      ]);
    await expect(iframe).toHaveCSS("height", "480px");

    // A message from the merchant page's own window (not the iframe) is ignored, whatever it says.
    await page.evaluate(() => {
      window.postMessage(
        {
          source: "countersign-checkout",
          version: 1,
          type: "success",
          data: { session_id: "s", order_no: "FORGED", state: "paid" },
        },
        "*",
      );
      window.postMessage(
        { source: "countersign-checkout", version: 1, type: "resize", height: 5 },
        "*",
      );
    });
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => (window as unknown as { events: unknown[] }).events),
    ).toHaveLength(2);
    await expect(iframe).toHaveCSS("height", "480px");
    await shop.close();
  });

  test("a beforePayment that says no stops the payment", async ({ page, api }) => {
    const sessionId = await buyOnDemoShop(page);
    let key = "";
    const shop = await merchantSite(() =>
      merchantPage(sessionId, key, "return Promise.resolve(false);"),
    );
    const SHOP_ORIGIN = shop.origin;
    const admin = await api("admin");
    key = (
      await (
        await admin.post("/api/v1/publishable-keys", {
          data: { name: "E2E shop 2", allowed_origins: [SHOP_ORIGIN] },
        })
      ).json()
    ).data.key as string;
    await page.route(`${BASE_URL}/checkout/**`, (route) =>
      route.fulfill({ contentType: "text/html", body: FAKE_FRAME }),
    );
    await page.goto(`${SHOP_ORIGIN}/checkout-page`);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { events: unknown[] }).events))
      .toEqual([
        ["before_payment", "card"],
        ["cancel", "canceled"],
      ]);
  });

  test("an iframe on an origin the key does not list does not load", async ({ page }) => {
    const sessionId = await buyOnDemoShop(page);
    // The script on another origin with the demo key (which lists only the app's own origin): the
    // embed request names that origin and gets the 403 page.
    const evil = await merchantSite(() => merchantPage(sessionId, "pk_demo_store"));
    const refused = page.waitForResponse((response) => response.url().includes("/checkout/"));
    await page.goto(`${evil.origin}/shop`);
    const answer = await refused;
    expect(answer.status()).toBe(403);
    expect(new URL(answer.url()).searchParams.get("origin")).toBe(evil.origin);
    await evil.close();

    // A page that lies about its origin gets a policy naming the real shop, and the browser
    // refuses to draw it inside the liar's page.
    const lying = `${BASE_URL}/checkout/${sessionId}?${new URLSearchParams({
      embed: "1",
      pk: "pk_demo_store",
      origin: APP_ORIGIN,
      methods: "card",
      lang: "en",
    })}`;
    const liar = await merchantSite(() => `<!doctype html><iframe id="f" src="${lying}"></iframe>`);
    const answered = page.waitForResponse((response) => response.url() === lying);
    await page.goto(`${liar.origin}/liar`);
    const response = await answered;
    expect(response.headers()["content-security-policy"]).toContain(
      `frame-ancestors ${APP_ORIGIN};`,
    );
    const frame = page.frames().find((f) => f !== page.mainFrame());
    await expect.poll(() => frame?.url() ?? "").not.toContain("/checkout/");
    await liar.close();
  });

  test("pays through the hosted page embedded on the demo shop", async ({ page }) => {
    const sessionId = await buyOnDemoShop(page);
    const frame = page.frameLocator(`iframe[data-countersign-checkout="${sessionId}"]`);
    const expiry = `12/${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, "0")}`;
    await frame.getByLabel("Card number").fill("4242 4242 4242 4242");
    await frame.getByLabel("Expiry (MM/YY)").fill(expiry);
    await frame.getByLabel("Security code (CVC)").fill("123");
    await frame.getByLabel("Name on card").fill("Embedded Customer");
    await frame.getByRole("button", { name: /^Pay / }).click();
    // The hosted page posts success to the shop's verified origin; the script calls success().
    await expect(page.getByTestId("shop-outcome")).toHaveText(/Thank you! Order .+ is paid\./, {
      timeout: 30_000,
    });
  });
});

test.describe("Settings > Checkout", () => {
  // Several server actions in a row, on a machine shared with other builds.
  test.slow();
  test("an admin creates a key, edits its origins and revokes it", async ({ adminPage: page }) => {
    await page.goto("/settings/checkout");
    await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
    // The seeded demo key is listed.
    await expect(page.getByText("pk_demo_store")).toBeVisible();

    const name = `Shop ${Date.now()}`;
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Allowed origins, one per line").fill("https://shop.example/path");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "path, query or fragment" }),
    ).toBeVisible();

    await page
      .getByLabel("Allowed origins, one per line")
      .fill("https://Shop.Example\nhttp://localhost:4000");
    await page.getByRole("button", { name: "Create key" }).click();
    const row = page.getByTestId("publishable-key").filter({ hasText: name });
    await expect(row.getByRole("list", { name: `Allowed origins of ${name}` })).toHaveText(
      /https:\/\/shop\.example\s*http:\/\/localhost:4000/,
    );
    await expect(row.locator("code")).toHaveText(/^pk_[0-9A-Za-z]{32}$/);

    await row.getByRole("button", { name: `Edit origins of ${name}` }).click();
    await row.getByLabel(`Allowed origins of ${name}, one per line`).fill("https://new.example");
    await row.getByRole("button", { name: "Save origins" }).click();
    await expect(row.getByRole("list", { name: `Allowed origins of ${name}` })).toHaveText(
      "https://new.example",
    );

    await row.getByRole("button", { name: `Revoke key ${name}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
    await expect(row.getByText("Revoked", { exact: true })).toBeVisible();
  });

  test("fits a phone", async ({ adminPage }) => {
    await adminPage.setViewportSize({ width: 390, height: 844 });
    await adminPage.goto("/settings/checkout");
    await expect(adminPage.getByText("pk_demo_store")).toBeVisible();
    const overflow = await adminPage.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("is not offered to a viewer", async ({ viewerPage }) => {
    await viewerPage.goto("/settings/checkout");
    await expect(viewerPage.getByRole("link", { name: "Payments" })).toBeVisible();
    await expect(viewerPage.getByRole("link", { name: "Checkout", exact: true })).toHaveCount(0);
    await expect(viewerPage.getByText("pk_demo_store")).toHaveCount(0);
  });
});
