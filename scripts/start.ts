/**
 * `npm start`: database (embedded unless DATABASE_URL), migrations, demo data into an empty embedded
 * database, a production build, and `next start`. Stops everything cleanly on SIGINT/SIGTERM.
 *
 * Also used by the end-to-end tests with COUNTERSIGN_DATA_DIR, EMBEDDED_PG_PORT, PORT and
 * COUNTERSIGN_RESET=1 (a fresh database each run).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { migrate, provideDatabase, ROOT, run } from "./db/database";

const log = (message: string) =>
  console.log(
    JSON.stringify({ level: "info", time: new Date().toISOString(), msg: `start: ${message}` }),
  );

const dataDir = process.env.COUNTERSIGN_DATA_DIR ?? ".data/postgres";
const port = Number(process.env.PORT ?? 3000);
const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54320);
const reset = process.env.COUNTERSIGN_RESET === "1";

let server: ChildProcess | undefined;
let stopDatabase: () => Promise<void> = async () => {};
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log("stopping");
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server?.once("exit", resolve));
    }
    await stopDatabase();
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

/** The embedded demo keeps a generated secret in .data so sessions survive restarts. */
async function nextAuthSecret(embedded: boolean): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (!embedded) {
    throw new Error(
      "NEXTAUTH_SECRET is required when DATABASE_URL is set (generate one with: openssl rand -base64 32)",
    );
  }
  const file = path.join(ROOT, ".data", "nextauth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  log(`generated NEXTAUTH_SECRET in ${path.relative(ROOT, file)}`);
  return secret;
}

async function hasNoMerchants(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query("SELECT count(*)::int AS n FROM merchant");
    return result.rows[0].n === 0;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const database = await provideDatabase({ dataDir, port: pgPort, reset, log });
  stopDatabase = database.stop;
  log(database.embedded ? `embedded PostgreSQL on port ${pgPort}` : "using DATABASE_URL");

  log("applying migrations");
  await migrate(database.url);

  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: await nextAuthSecret(database.embedded),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    SANDBOX_MODE: process.env.SANDBOX_MODE ?? (database.embedded ? "true" : "false"),
    // The sandbox gateway is served by this app; its adapter calls it over loopback.
    SANDBOX_GATEWAY_URL: process.env.SANDBOX_GATEWAY_URL ?? `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };

  const forceSeed = process.env.COUNTERSIGN_SEED === "1";
  if (forceSeed || (database.embedded && (await hasNoMerchants(database.url)))) {
    log(
      forceSeed
        ? "COUNTERSIGN_SEED=1: loading the demo data"
        : "empty embedded database: loading the demo data",
    );
    await run("tsx", ["--conditions=react-server", "prisma/seed.ts"], env, { quiet: false });
  }

  if (process.env.SKIP_BUILD === "1" && existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    log("SKIP_BUILD=1: serving the existing build");
  } else {
    // The embeddable checkout script is built first, so public/sdk is never older than sdk/.
    await run("tsx", ["scripts/build-sdk.ts"], env, { quiet: false });
    log("building (next build)");
    await run("next", ["build"], env, { quiet: false });
  }

  log(`serving http://localhost:${port}`);
  server = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-p", String(port)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: "inherit",
  });
  server.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
