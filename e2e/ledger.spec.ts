import { execFileSync } from "node:child_process";
import { expect, test } from "./fixtures";
import { storageStatePath } from "./roles";

/**
 * The ledger pages: Transactions (client processes), a process's detail with its transfers and its
 * second session, Tickets > Limited processes, System accounts and Clients, each behind its
 * permission. The data is made through the ledger's services (e2e/ledger-data.ts) on the same
 * database the server uses.
 */

type LedgerData = {
  tag: string;
  payer: { id: string; name: string };
  payerCoin: string;
  topUpId: string;
  withdrawalId: string;
  limitedId: string;
};

const DATABASE_URL =
  process.env.E2E_DATABASE_URL ??
  `postgresql://postgres:postgres@127.0.0.1:${process.env.E2E_EMBEDDED_PG_PORT ?? "54332"}/countersign`;

function makeLedgerData(tag: string): LedgerData {
  const output = execFileSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "e2e/ledger-data.ts", tag],
    {
      encoding: "utf8",
      env: {
        ...process.env,
        DATABASE_URL,
        NEXTAUTH_SECRET: "e2e-secret-not-for-production",
        COUNTERSIGN_WORKERS: "off",
        LOG_LEVEL: "warn",
      },
    },
  );
  return JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as LedgerData;
}

test.describe
  .serial("ledger pages", () => {
    let data: LedgerData;

    test.beforeAll(() => {
      data = makeLedgerData(`run-${Date.now()}`);
    });

    test("an owner filters Transactions by type, opens a process and sees its transfers", async ({
      adminPage: page,
    }) => {
      await page.goto("/transactions");
      await page
        .getByRole("navigation", { name: "Main" })
        .locator('a[href="/ledger/transactions"]')
        .click();
      await expect(page.getByRole("heading", { name: "Transactions", level: 1 })).toBeVisible();
      await expect(page.getByRole("table", { name: "Client transactions" })).toBeVisible();

      const filters = page.getByRole("search", { name: "Filter transactions" });
      await filters.getByText("All types").click();
      await filters.getByRole("checkbox", { name: "Topup via bank" }).check();
      await filters.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/[?&]type=bank_topup(&|$)/);

      const table = page.getByRole("table", { name: "Client transactions" });
      const links = table.getByRole("link", { name: /^Topup via bank/ });
      await expect(links.first()).toBeVisible();
      // Every row is a top-up: the filter reached the query.
      await expect(table.getByRole("link", { name: /^Withdrawal via bank/ })).toHaveCount(0);
      await expect(page.getByTestId("list-total")).toContainText(/^\d+ process(es)?$/);

      await table.locator(`a[href="/ledger/transactions/${data.topUpId}"]`).click();
      await expect(page.getByRole("heading", { name: "Topup via bank", level: 1 })).toBeVisible();
      await expect(page.locator('[data-status="processed"]')).toBeVisible();
      const transfers = page.getByRole("table", { name: "The atomic transfers of this process" });
      await expect(transfers.getByRole("row")).toHaveCount(2);
      const first = transfers.locator('tr[data-transfer-seq="1"]');
      await expect(first).toContainText("Posted");
      await expect(first).toContainText("100.000 KWD");
      await expect(first).toContainText("Bank KWD");
      await expect(first.getByRole("link", { name: /E2E coin/ })).toHaveAttribute(
        "href",
        `/clients/${data.payer.id}`,
      );
      await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
      await expect(
        page.getByRole("region", { name: "History" }).getByRole("listitem").first(),
      ).toBeVisible();
    });

    test("an owner approves a pending withdrawal through the confirm dialog", async ({
      adminPage: page,
    }) => {
      await page.goto(`/ledger/transactions/${data.withdrawalId}`);
      await expect(
        page.getByRole("heading", { name: "Withdrawal via bank", level: 1 }),
      ).toBeVisible();
      await expect(page.locator('[data-status="pending"]')).toBeVisible();
      const transfers = page.getByRole("table", { name: "The atomic transfers of this process" });
      await expect(transfers.locator('tr[data-transfer-seq="1"]')).toContainText("Hold");

      await page.getByRole("button", { name: "Approve", exact: true }).click();
      const dialog = page.getByRole("alertdialog");
      await expect(dialog).toContainText("This captures 3.000 KWD from E2E coin");
      await expect(dialog).toContainText("to Bank KWD");
      // Going back changes nothing.
      await dialog.getByRole("button", { name: "Go back" }).click();
      await expect(dialog).toHaveCount(0);
      await expect(page.locator('[data-status="pending"]')).toBeVisible();

      await page.getByRole("button", { name: "Approve", exact: true }).click();
      await page
        .getByRole("alertdialog")
        .getByRole("button", { name: "Capture 3.000 KWD" })
        .click();
      await expect(page.getByText("Approved: the process is processed.")).toBeVisible();
      await expect(page.locator('[data-status="processed"]')).toBeVisible();
      const capture = transfers.locator('tr[data-transfer-seq="2"]');
      await expect(capture).toContainText("Capture of a hold");
      await expect(capture).toContainText("Hold #1");
      await expect(capture).toContainText("3.000 KWD");
      await expect(page.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);

      // The customer's coin shows the capture: 100.000 topped up, 3.000 withdrawn, nothing held.
      await page.goto(`/clients/${data.payer.id}`);
      const coin = page.locator(`tr[data-account-id="${data.payerCoin}"]`);
      await expect(coin).toContainText("97.000 KWD");
      await expect(coin).toContainText("0.000 KWD");
      const last = page.getByRole("table", { name: `Last transactions of ${data.payer.name}` });
      await expect(last.getByRole("link", { name: /^Withdrawal via bank/ })).toBeVisible();

      // A new withdrawal from the profile, confirmed in a dialog, opens pending with its hold.
      const form = page.getByRole("region", { name: "New process" });
      await form.getByLabel("Process").selectOption({ label: "Withdrawal via bank" });
      await form.getByLabel("From account").selectOption({ label: `E2E coin ${data.tag}` });
      await form.getByLabel("Amount (KWD)").fill("2.000");
      await form.getByRole("button", { name: "Review withdrawal via bank" }).click();
      const confirm = page.getByRole("alertdialog");
      await expect(confirm).toContainText(`This holds 2.000 KWD on E2E coin ${data.tag}`);
      await confirm.getByRole("button", { name: "Run withdrawal via bank" }).click();
      await expect(
        page.getByText("Withdrawal via bank created: the process is pending."),
      ).toBeVisible();
      await expect(
        page.getByRole("heading", { name: "Withdrawal via bank", level: 1 }),
      ).toBeVisible();
      await expect(page.locator('[data-status="pending"]')).toBeVisible();
      await expect(
        page
          .getByRole("table", { name: "The atomic transfers of this process" })
          .locator('tr[data-transfer-seq="1"]'),
      ).toContainText("2.000 KWD");
    });

    test("a reviewer rejects a limited process with a reason", async ({ adminPage: page }) => {
      await page.goto("/ledger/transactions");
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByTestId("limited-badge")).toBeVisible();
      await nav.getByRole("link", { name: /Limited processes/ }).click();
      await expect(
        page.getByRole("heading", { name: "Limited processes", level: 1 }),
      ).toBeVisible();

      const row = page
        .getByRole("table", { name: "Limited processes" })
        .locator(`tr[data-row-id="${data.limitedId}"]`);
      await expect(row).toContainText("7.500 KWD");
      await expect(row).toContainText("Over the most one process may move");
      await row.getByRole("button", { name: "Reject" }).click();
      // The reason is required: an empty one is not sent.
      await row.getByRole("button", { name: "Reject process" }).click();
      await expect(row.getByRole("textbox", { name: "Reason for the rejection" })).toBeFocused();
      await row
        .getByRole("textbox", { name: "Reason for the rejection" })
        .fill("Unusual amount for this customer");
      await row.getByRole("button", { name: "Reject process" }).click();
      await expect(page.getByText("Rejected: the process is rejected.")).toBeVisible();
      // The tickets show what waits: the rejected process leaves the list.
      await expect(
        page
          .getByRole("table", { name: "Limited processes" })
          .locator(`tr[data-row-id="${data.limitedId}"]`),
      ).toHaveCount(0);

      await page.goto(`/ledger/transactions/${data.limitedId}`);
      await expect(page.locator('[data-status="rejected"]')).toBeVisible();
      await expect(page.getByText("Unusual amount for this customer")).toBeVisible();
      await expect(page.getByText("Limited process rejected")).toBeVisible();
      await expect(page.getByText("Nothing has moved yet.")).toBeVisible();
    });

    test("System accounts list the bank account and its system transactions", async ({
      adminPage: page,
    }) => {
      await page.goto("/system-accounts");
      const bank = page.getByRole("row", { name: /Bank KWD/ });
      await bank.getByRole("link", { name: "View transactions of Bank KWD" }).click();
      await expect(page.getByRole("heading", { name: "Bank KWD", level: 1 })).toBeVisible();
      await expect(
        page.locator(`a[href="/ledger/transactions/${data.withdrawalId}"]`).first(),
      ).toBeVisible();
      await expect(
        page.locator(`a[href="/ledger/transactions/${data.topUpId}"]`).first(),
      ).toBeVisible();
    });

    test("a viewer without the ledger permissions sees no ledger menus and gets 403 at their addresses", async ({
      viewerPage: page,
    }) => {
      await page.goto("/transactions");
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav).toBeVisible();
      for (const href of [
        "/ledger/transactions",
        "/system-accounts",
        "/tickets/limited-processes",
      ]) {
        await expect(nav.locator(`a[href="${href}"]`)).toHaveCount(0);
      }
      for (const path of [
        "/ledger/transactions",
        `/ledger/transactions/${data.topUpId}`,
        "/system-accounts",
        "/tickets/limited-processes",
      ]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(
          page.getByRole("heading", { name: "You do not have access to this page" }),
        ).toBeVisible();
      }
      // The client profile names the customer but shows neither coins nor Last transactions.
      await page.goto(`/clients/${data.payer.id}`);
      await expect(page.getByRole("heading", { name: data.payer.name, level: 1 })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Accounts" })).toHaveCount(0);
      await expect(page.getByRole("heading", { name: "Last transactions" })).toHaveCount(0);
    });

    test("phone: Transactions as cards and a process detail without sideways scrolling", async ({
      browser,
    }) => {
      const context = await browser.newContext({
        storageState: storageStatePath("admin"),
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      try {
        await page.goto("/ledger/transactions");
        const cards = page.getByRole("list", { name: "Client transactions" });
        await expect(cards).toBeVisible();
        await expect(page.getByRole("table", { name: "Client transactions" })).toBeHidden();
        await expect(cards.locator(`li[data-row-id="${data.withdrawalId}"]`)).toContainText(
          "3.000 KWD",
        );
        const overflow = () =>
          page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
        expect(await overflow()).toBeLessThanOrEqual(0);
        await cards.locator(`a[href="/ledger/transactions/${data.withdrawalId}"]`).click();
        await expect(
          page.getByRole("heading", { name: "Withdrawal via bank", level: 1 }),
        ).toBeVisible();
        expect(await overflow()).toBeLessThanOrEqual(0);
      } finally {
        await context.close();
      }
    });
  });
