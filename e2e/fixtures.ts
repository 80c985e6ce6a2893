import { type APIRequestContext, test as base, type Page } from "@playwright/test";
import { API_KEYS, type RoleName, storageStatePath } from "./roles";

type RolePages = Record<`${RoleName}Page`, Page>;
type Fixtures = RolePages & { api: (role: RoleName) => Promise<APIRequestContext> };

function rolePage(role: RoleName) {
  return async (
    { browser }: { browser: import("@playwright/test").Browser },
    use: (page: Page) => Promise<void>,
  ) => {
    const context = await browser.newContext({ storageState: storageStatePath(role) });
    const page = await context.newPage();
    await use(page);
    await context.close();
  };
}

/** One signed-in page per role, and API clients authenticated with each role's demo key. */
export const test = base.extend<Fixtures>({
  adminPage: rolePage("admin"),
  checkerPage: rolePage("checker"),
  makerPage: rolePage("maker"),
  maker2Page: rolePage("maker2"),
  viewerPage: rolePage("viewer"),
  otherAdminPage: rolePage("otherAdmin"),
  api: async ({ playwright, baseURL }, use) => {
    const contexts: APIRequestContext[] = [];
    await use(async (role) => {
      const context = await playwright.request.newContext({
        baseURL,
        extraHTTPHeaders: { authorization: `Bearer ${API_KEYS[role]}` },
      });
      contexts.push(context);
      return context;
    });
    await Promise.all(contexts.map((context) => context.dispose()));
  },
});

export { expect } from "@playwright/test";
