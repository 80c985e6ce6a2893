import { expect, test } from "./fixtures";

/*
 * Hostile input against the real server (issue 6, section 2): a list page given values PostgreSQL
 * or JavaScript cannot represent renders with the "could not be used" notice instead of a server
 * error.
 */

const crafted = (json: object) => Buffer.from(JSON.stringify(json), "utf8").toString("base64url");

test.describe("list pages drop what they cannot use and say so", () => {
  for (const { url, heading, named } of [
    {
      url: "/payments?from=0000-01-01",
      heading: "Payments",
      named: /From date ignored/,
    },
    {
      url: "/tickets/operation-requests?pg=a%00b",
      heading: "Operation requests",
      named: /Gateway \(PG\) ignored: .*control characters/,
    },
    {
      url: `/payments?cursor=${crafted({ s: "created_at", d: "desc", v: "0000-01-01T00:00:00.000Z", id: "00000000-0000-0000-0000-000000000000" })}`,
      heading: "Payments",
      named: /page link is no longer valid/,
    },
    {
      url: `/tickets/operation-requests?cursor=${crafted({ s: "created", v: "+275760-09-13T00:00:00.000Z", id: "00000000-0000-0000-0000-000000000000" })}`,
      heading: "Operation requests",
      named: /page link is no longer valid/,
    },
  ]) {
    test(url, async ({ adminPage: page }) => {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
      const notice = page.getByRole("status").filter({ hasText: "could not be used" });
      await expect(notice).toBeVisible();
      await expect(notice).toContainText(named);
    });
  }
});

test.describe("paths the router cannot decode", () => {
  for (const path of [
    "/api/v1/transactions/%E0%A4%A",
    "/api/v1/%ZZ",
    "/transactions/%E0%A4%A",
    "/payments/%E0%A4%A",
  ]) {
    test(`GET ${path} answers 400 in the error shape before routing`, async ({ api }) => {
      const client = await api("admin");
      const response = await client.get(path);
      expect(response.status()).toBe(400);
      const body = await response.json();
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error.code).toBe("validation_error");
      expect(body.error.message).toMatch(/malformed percent-encoded/);
    });
  }

  test("a well-formed path still reaches its route", async ({ api }) => {
    const client = await api("admin");
    const response = await client.get("/api/v1/transactions/%E0%A4%A4");
    expect(response.status()).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });

  test("an unknown /api/v1 path and an unserved method answer JSON", async ({ api }) => {
    const client = await api("admin");
    const unknown = await client.get("/api/v1/no-such-thing");
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");
    const wrongMethod = await client.delete("/api/v1/transactions");
    expect(wrongMethod.status()).toBe(405);
    expect(wrongMethod.headers().allow).toBe("GET, HEAD, OPTIONS");
    expect((await wrongMethod.json()).error.code).toBe("method_not_allowed");
  });
});

test("?__proto__=x is an unknown parameter like any other, through the real server", async ({
  api,
}) => {
  const client = await api("admin");
  for (const query of ["__proto__=x", "colour=red"]) {
    const response = await client.get(`/api/v1/transactions?${query}`);
    expect(response.status()).toBe(400);
    expect((await response.json()).error.message).toContain(`'${query.split("=")[0]}'`);
  }
});

test.describe("list totals, ticket search and sort", () => {
  for (const [path, noun] of [
    ["/payments", "payments"],
    ["/tickets/operation-requests", "requests"],
  ]) {
    test(`${path} says how many rows match`, async ({ adminPage: page }) => {
      await page.goto(path);
      await expect(page.getByTestId("list-total")).toHaveText(
        new RegExp(`^\\d{1,3}(,\\d{3})*\\+? ${noun.slice(0, -1)}s?$`),
      );
    });
  }

  test("the ticket filters search and sort through the URL", async ({ checkerPage: page }) => {
    await page.goto("/tickets/operation-requests");
    await page.getByLabel("Sort").selectOption("deadline");
    await expect(page).toHaveURL(/sort=deadline/);
    await page.getByLabel("Search").fill("no-such-order-or-maker");
    await page.getByLabel("Search").press("Enter");
    await expect(page).toHaveURL(/q=no-such-order-or-maker/);
    await expect(page.getByTestId("list-total")).toHaveText("0 requests");
  });

  test("sorting tickets by amount without a currency is named in the notice", async ({
    checkerPage: page,
  }) => {
    await page.goto("/tickets/operation-requests?sort=amount");
    const notice = page.getByRole("status").filter({ hasText: "could not be used" });
    await expect(notice).toContainText(/Sort ignored: .*currency/);
    await page.goto("/tickets/operation-requests?sort=amount&currency=KWD");
    await expect(page.getByRole("status").filter({ hasText: "could not be used" })).toHaveCount(0);
  });
});
