import type { APIRequestContext, Page } from "@playwright/test";
import pg from "pg";
import { expect, test } from "./fixtures";
import { ROLES } from "./roles";

/** A fresh payment made through the sandbox API, so each test owns its payment. */
async function newPayment(
  api: APIRequestContext,
  data: {
    amount: string;
    currency?: string;
    gateway?: string;
    state?: "paid" | "authorized";
    customerEmail?: string;
  },
) {
  const response = await api.post("/api/v1/sandbox/transactions", {
    data: {
      currency: "KWD",
      gateway: "knet",
      state: "paid",
      customerEmail: "buyer@customers.test",
      ...data,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).data as { id: string; orderNo: string };
}

async function requestRefund(page: Page, paymentId: string, amount?: string) {
  await page.goto(`/payments/${paymentId}`);
  await page.getByRole("button", { name: "Refund", exact: true }).click();
  if (amount) await page.getByRole("textbox", { name: "Amount" }).fill(amount);
  // A review step first; only its Submit sends the request.
  await page.getByRole("button", { name: "Review refund" }).click();
  await page.getByRole("button", { name: "Submit refund request" }).click();
}

/** Approve, then confirm in the dialog that names what moves. */
async function approve(page: Page, orderNo: string) {
  await ticketRow(page, orderNo).getByRole("button", { name: "Approve", exact: true }).click();
  await page
    .getByRole("alertdialog")
    .getByRole("button", { name: /^Approve (refund|void)$/ })
    .click();
}

function pendingBanner(page: Page) {
  return page.getByTestId("open-request-banner").filter({ hasText: "is pending approval" });
}

function ticketRow(page: Page, orderNo: string) {
  return page
    .getByRole("table", { name: "Operation requests" })
    .locator("tbody tr", { hasText: orderNo });
}

async function openTickets(page: Page, query = "") {
  await page.goto(`/tickets/operation-requests${query}`);
  await expect(page.locator("[data-live-status]")).toHaveAttribute("data-live-status", "live");
}

/** Emails as the local mailbox holds them (no RESEND_API_KEY in the tests). */
async function mailbox(api: APIRequestContext, to: string) {
  const response = await api.get(`/api/dev/mailbox?to=${encodeURIComponent(to)}`);
  expect(response.status()).toBe(200);
  return (await response.json()).data as {
    to: string[];
    bcc: string[];
    subject: string;
    text: string;
    kind: string;
  }[];
}

test.describe("operation requests", () => {
  test("a maker's refund appears live for the checker, who approves it; emails follow", async ({
    makerPage,
    checkerPage,
    api,
  }) => {
    const maker = await api("maker");
    const payment = await newPayment(maker, { amount: "40.000" });

    await openTickets(checkerPage);
    await expect(ticketRow(checkerPage, payment.orderNo)).toHaveCount(0);

    await requestRefund(makerPage, payment.id, "15.250");
    await expect(pendingBanner(makerPage)).toBeVisible();

    // The checker's open table shows it without a reload.
    const row = ticketRow(checkerPage, payment.orderNo);
    await expect(row).toBeVisible();
    await expect(row).toContainText("15.250");
    await expect(checkerPage.getByTestId("pending-badge")).toBeVisible();

    await approve(checkerPage, payment.orderNo);
    await expect(row).toContainText(/done/i);

    const checker = await api("checker");
    await expect
      .poll(async () =>
        (await mailbox(checker, "buyer@customers.test")).some(
          (m) => m.kind === "operation_request.done" && m.text.includes(payment.orderNo),
        ),
      )
      .toBe(true);
    const done = (await mailbox(checker, "buyer@customers.test")).find((m) =>
      m.text.includes(payment.orderNo),
    )!;
    expect(done.bcc).toEqual([ROLES.maker]); // Demo Store's "Online" unit has Bcc initiator on
    await expect
      .poll(async () =>
        (await mailbox(checker, ROLES.checker)).some(
          (m) => m.kind === "operation_request.pending" && m.text.includes(payment.orderNo),
        ),
      )
      .toBe(true);

    // The payment reflects it.
    await makerPage.goto(`/payments/${payment.id}`);
    await expect(makerPage.getByText(/partially refunded/i).first()).toBeVisible();
  });

  test("a rejection and its reason reach the maker", async ({ makerPage, checkerPage, api }) => {
    const payment = await newPayment(await api("maker"), { amount: "12.000" });
    await requestRefund(makerPage, payment.id);
    await openTickets(checkerPage);
    const row = ticketRow(checkerPage, payment.orderNo);
    await row.getByRole("button", { name: "Reject", exact: true }).click();
    const dialog = checkerPage.getByRole("dialog");
    await dialog.getByRole("textbox").fill("Customer was already refunded in store");
    await dialog.getByRole("button", { name: /reject/i }).click();
    await expect(row).toContainText(/rejected/i);

    const checker = await api("checker");
    await expect
      .poll(
        async () =>
          (await mailbox(checker, ROLES.maker)).find(
            (m) => m.kind === "operation_request.rejected" && m.text.includes(payment.orderNo),
          )?.text ?? "",
      )
      .toContain("Customer was already refunded in store");
    expect(
      (await mailbox(checker, "buyer@customers.test")).some((m) =>
        m.text.includes(payment.orderNo),
      ),
    ).toBe(false);
  });

  test("a maker cancels; the checker cannot", async ({
    makerPage,
    maker2Page,
    checkerPage,
    api,
  }) => {
    const payment = await newPayment(await api("maker"), { amount: "9.000" });
    await requestRefund(makerPage, payment.id);

    await openTickets(checkerPage);
    await expect(
      ticketRow(checkerPage, payment.orderNo).getByRole("button", {
        name: "Cancel request",
        exact: true,
      }),
    ).toHaveCount(0);
    const list = await (await api("checker")).get(
      `/api/v1/operation-requests?state=pending&limit=100`,
    );
    const request = (await list.json()).data.find(
      (r: { orderNo: string }) => r.orderNo === payment.orderNo,
    );
    const refused = await (await api("checker")).post(
      `/api/v1/operation-requests/${request.id}/cancel`,
    );
    expect(refused.status()).toBe(403);

    await openTickets(maker2Page);
    const row = ticketRow(maker2Page, payment.orderNo);
    await row.getByRole("button", { name: "Cancel request", exact: true }).click();
    await maker2Page
      .getByRole("alertdialog")
      .getByRole("button", { name: "Cancel request", exact: true })
      .click();
    await expect(row).toContainText(/canceled/i);
    // The checker's table follows.
    await expect(ticketRow(checkerPage, payment.orderNo)).toContainText(/canceled/i);
  });

  test("without the plugin, refunds are direct", async ({ otherAdminPage, api }) => {
    const payment = await newPayment(await api("otherAdmin"), { amount: "5.000" });
    await requestRefund(otherAdminPage, payment.id);
    await expect(
      otherAdminPage.getByRole("status").filter({ hasText: /refund done/i }),
    ).toBeVisible();
    await otherAdminPage.goto(`/tickets/operation-requests`);
    await expect(ticketRow(otherAdminPage, payment.orderNo)).toContainText(/done/i);
  });

  test("an admin disables the plugin in its settings: a maker's refund is then direct", async ({
    adminPage,
    makerPage,
    api,
  }) => {
    await adminPage.goto("/admin/plugins/operations-approval");
    await adminPage.getByRole("button", { name: "Disable the plugin" }).click();
    await adminPage
      .getByRole("alertdialog")
      .getByRole("button", { name: "Disable approval" })
      .click();
    await expect(adminPage.getByRole("button", { name: "Enable the plugin" })).toBeVisible();
    try {
      const payment = await newPayment(await api("maker"), { amount: "6.000" });
      await requestRefund(makerPage, payment.id);
      await expect(makerPage.getByRole("status").filter({ hasText: /refund done/i })).toBeVisible();
    } finally {
      await adminPage.getByRole("button", { name: "Enable the plugin" }).click();
      await expect(adminPage.getByRole("button", { name: "Disable the plugin" })).toBeVisible();
    }
    // Back on: requests wait for the checker again.
    const payment = await newPayment(await api("maker"), { amount: "6.000" });
    await requestRefund(makerPage, payment.id);
    await expect(pendingBanner(makerPage)).toBeVisible();
  });

  test("a gateway failure needs manual action; a retry then makes it done", async ({
    adminPage,
    makerPage,
    checkerPage,
    api,
  }) => {
    // Administration > Gateways: the sandbox declines the next call on knet.
    await adminPage.goto("/admin/gateways");
    const knet = adminPage.getByRole("region", { name: /knet/i });
    await knet.getByLabel(/fail the next/i).fill("1");
    await knet.getByRole("button", { name: /save/i }).click();
    await expect(knet.getByRole("status")).toHaveText(/Saved/);

    const payment = await newPayment(await api("maker"), { amount: "20.000" });
    await requestRefund(makerPage, payment.id);
    await openTickets(checkerPage);
    const row = ticketRow(checkerPage, payment.orderNo);
    await approve(checkerPage, payment.orderNo);
    await expect(row).toContainText(/manual action/i);

    const checker = await api("checker");
    await expect
      .poll(async () =>
        (await mailbox(checker, ROLES.maker)).some(
          (m) =>
            m.kind === "operation_request.manual_action_required" &&
            m.text.includes(payment.orderNo),
        ),
      )
      .toBe(true);

    await openTickets(makerPage);
    await ticketRow(makerPage, payment.orderNo)
      .getByRole("button", { name: "Retry", exact: true })
      .click();
    await expect(ticketRow(makerPage, payment.orderNo)).toContainText(/done/i);
    await expect(row).toContainText(/done/i);
  });

  test("an overdue request is expired by the job, live, and then refuses actions", async ({
    makerPage,
    checkerPage,
    api,
  }) => {
    const payment = await newPayment(await api("maker"), { amount: "7.000" });
    await requestRefund(makerPage, payment.id);
    await expect(pendingBanner(makerPage)).toBeVisible();

    await openTickets(checkerPage);
    const row = ticketRow(checkerPage, payment.orderNo);
    await expect(row.getByRole("button", { name: "Approve", exact: true })).toBeVisible();

    // Move its deadline into the past, as if the pending expiry had run out. The expiry job (every
    // 5 s in each app process) expires it, and the checker's open table follows without a reload.
    const client = new pg.Client({
      connectionString:
        process.env.E2E_DATABASE_URL ??
        `postgresql://postgres:postgres@127.0.0.1:${process.env.E2E_EMBEDDED_PG_PORT ?? "54332"}/countersign`,
    });
    await client.connect();
    try {
      await client.query(
        `UPDATE operation_request r SET deadline_at = now() - interval '1 minute'
         FROM payment_transaction p WHERE p.id = r.transaction_id AND p.order_no = $1 AND r.state = 'pending'`,
        [payment.orderNo],
      );
    } finally {
      await client.end();
    }
    await expect(row).toContainText(/expired/i, { timeout: 15_000 });
    await expect(row.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);

    // Acting on it anyway is refused. (Acting before the job runs expires it too: see the integration tests.)
    const checker = await api("checker");
    const expired = (
      await (await checker.get("/api/v1/operation-requests?state=expired&limit=100")).json()
    ).data.find((r: { orderNo: string }) => r.orderNo === payment.orderNo);
    const refused = await checker.post(`/api/v1/operation-requests/${expired.id}/approve`);
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error).toEqual({
      code: "request_expired",
      message: "This request has expired.",
    });
    await makerPage.reload();
    await expect(pendingBanner(makerPage)).toHaveCount(0);
  });

  test("the ticket filters live in the URL", async ({ checkerPage: page, api }) => {
    // The checker's own refund is direct: a done KWD refund to find.
    const checker = await api("checker");
    const payment = await newPayment(checker, { amount: "3.000" });
    const direct = await checker.post("/api/v1/operations", {
      data: { transactionId: payment.id, operation: "refund" },
    });
    expect(direct.status()).toBe(201);
    expect((await direct.json()).data.state).toBe("done");

    await page.goto("/tickets/operation-requests");
    await page.getByLabel("State", { exact: true }).selectOption("done");
    await expect(page).toHaveURL(/state=done/);
    await page.getByLabel("Operation", { exact: true }).selectOption("refund");
    await expect(page).toHaveURL(/operation=refund/);
    await page.getByLabel("Currency", { exact: true }).selectOption("KWD");
    await expect(page).toHaveURL(/currency=KWD/);
    const rows = page.getByRole("table", { name: "Operation requests" }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts()) {
      expect(text).toMatch(/done/i);
      expect(text).toContain("KWD");
    }
    await page.reload();
    await expect(page.getByLabel("State", { exact: true })).toHaveValue("done");
  });

  test("the checker keeps the whitelist but cannot change the checker", async ({
    checkerPage: page,
    viewerPage,
  }) => {
    await page.goto("/tickets/operation-requests");
    await page.getByRole("link", { name: "Manage the whitelist" }).click();
    await expect(page).toHaveURL(/\/admin\/plugins\/operations-approval/);
    await expect(page.getByRole("checkbox", { name: "Refund for Maya Maker" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save whitelist" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save checker" })).toHaveCount(0);

    await viewerPage.goto("/tickets/operation-requests");
    await expect(viewerPage.getByRole("link", { name: "Manage the whitelist" })).toHaveCount(0);
    expect((await viewerPage.goto("/admin/plugins/operations-approval"))?.status()).toBe(403);
  });

  test("another merchant sees none of it", async ({ otherAdminPage, api }) => {
    const demo = await api("admin");
    const list = await demo.get("/api/v1/operation-requests?limit=5");
    const [request] = (await list.json()).data;
    expect(request).toBeTruthy();
    const other = await api("otherAdmin");
    expect((await other.get(`/api/v1/operation-requests/${request.id}`)).status()).toBe(404);
    // Approving needs operation_requests.approve, which no one at Other Shop holds: refused before
    // any request is looked up (403 for every id). Cancel is open to refund holders and looks the
    // request up within the caller's merchant only: 404.
    expect((await other.post(`/api/v1/operation-requests/${request.id}/approve`)).status()).toBe(
      403,
    );
    expect((await other.post(`/api/v1/operation-requests/${request.id}/cancel`)).status()).toBe(
      404,
    );
    const otherList = await (await other.get("/api/v1/operation-requests?limit=100")).json();
    expect(otherList.data.map((r: { id: string }) => r.id)).not.toContain(request.id);
    await otherAdminPage.goto(`/tickets/operation-requests/${request.id}`);
    await expect(otherAdminPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  });
});
