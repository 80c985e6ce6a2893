import { expect, test } from "./fixtures";

test.describe("merchants are isolated", () => {
  test("Other Shop's admin gets 404 for a Demo Store transaction, in the page and in the API", async ({
    api,
    otherAdminPage,
    adminPage,
  }) => {
    const demoAdmin = await api("admin");
    const list = await demoAdmin.get("/api/v1/transactions?limit=1");
    expect(list.status()).toBe(200);
    const [transaction] = (await list.json()).data;
    expect(transaction.id).toBeTruthy();

    // The owner sees it.
    const own = await adminPage.goto(`/payments/${transaction.id}`);
    expect(own?.status()).toBe(200);
    await expect(
      adminPage.getByRole("heading", { name: new RegExp(transaction.orderNo) }),
    ).toBeVisible();

    // Another merchant gets "not found", never "forbidden": the id's existence is not revealed.
    const page = await otherAdminPage.goto(`/payments/${transaction.id}`);
    expect(page?.status()).toBe(404);
    await expect(otherAdminPage.getByRole("heading", { name: "Not found" })).toBeVisible();

    const otherAdmin = await api("otherAdmin");
    const response = await otherAdmin.get(`/api/v1/transactions/${transaction.id}`);
    expect(response.status()).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");

    const otherList = await otherAdmin.get("/api/v1/transactions?limit=100");
    const ids = (await otherList.json()).data.map((row: { id: string }) => row.id);
    expect(ids).not.toContain(transaction.id);
  });
});
