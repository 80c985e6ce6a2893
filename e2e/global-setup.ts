import { chromium, type FullConfig } from "@playwright/test";
import { DEMO_PASSWORD, ROLES, type RoleName, storageStatePath } from "./roles";

/** Signs each role in once through the real form and keeps its cookies for the role fixtures. */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const { baseURL, launchOptions } = config.projects[0].use;
  const browser = await chromium.launch(launchOptions);
  try {
    for (const role of Object.keys(ROLES) as RoleName[]) {
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel("Email").fill(ROLES[role]);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL("**/payments**");
      await context.storageState({ path: storageStatePath(role) });
      await context.close();
    }
  } finally {
    await browser.close();
  }
}
