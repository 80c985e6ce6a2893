import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests drive a production build (`next build` + `next start`, through scripts/start.ts)
 * on its own fresh embedded database, in Chromium: PLAYWRIGHT_CHROMIUM_EXECUTABLE, else Debian's
 * /usr/bin/chromium, else Playwright's own browser.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;

const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ??
  (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "node_modules/.bin/tsx scripts/start.ts",
    url: `${BASE_URL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: process.env.E2E_SERVER_LOG ? "pipe" : "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      COUNTERSIGN_DATA_DIR: ".data/e2e-postgres",
      EMBEDDED_PG_PORT: process.env.E2E_EMBEDDED_PG_PORT ?? "54332",
      COUNTERSIGN_RESET: "1",
      COUNTERSIGN_SEED: "1",
      NEXTAUTH_SECRET: "e2e-secret-not-for-production",
      NEXTAUTH_URL: BASE_URL,
      SANDBOX_MODE: "true",
      LOG_LEVEL: "warn",
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
  },
});
