/**
 * Integration tests run on a real PostgreSQL: DATABASE_URL (TEST_DATABASE_URL wins) when set,
 * else an embedded server with its own data folder, emptied at every run. Migrations are applied
 * with `prisma migrate deploy`, exactly as in production.
 */
import { migrate, provideDatabase, type ProvidedDatabase } from "../../scripts/db/database";

let database: ProvidedDatabase | undefined;

export async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  database = await provideDatabase({
    dataDir: ".data/test-postgres",
    port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54331),
    reset: true,
    log: (message) => console.log(`[test database] ${message}`),
  });
  await migrate(database.url);
  // Test workers are forked after this and inherit the environment.
  process.env.DATABASE_URL = database.url;
  process.env.SANDBOX_MODE = "true";
}

export async function teardown(): Promise<void> {
  await database?.stop();
}
