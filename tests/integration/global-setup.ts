/**
 * Integration tests run on a real PostgreSQL: TEST_DATABASE_URL (or DATABASE_URL) when set, else an
 * embedded server of their own: a fresh data folder and a free port per run, so parallel runs on
 * one machine never share (or wipe) each other's database. Migrations are applied with
 * `prisma migrate deploy`, exactly as in production.
 */
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { migrate, type ProvidedDatabase, provideDatabase, ROOT } from "../../scripts/db/database";

let database: ProvidedDatabase | undefined;
const dataDir = path.join(".data", "test-postgres", String(process.pid));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  database = await provideDatabase({
    dataDir,
    port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? (await freePort())),
    reset: true,
    log: (message) => console.log(`[test database] ${message}`),
  });
  await migrate(database.url);
  // Test workers are forked after this and inherit the environment.
  process.env.DATABASE_URL = database.url;
  process.env.SANDBOX_MODE = "true";
  process.env.COUNTERSIGN_WORKERS = "off";
}

export async function teardown(): Promise<void> {
  await database?.stop();
  if (database?.embedded) await rm(path.join(ROOT, dataDir), { recursive: true, force: true });
}
