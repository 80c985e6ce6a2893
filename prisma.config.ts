import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { createPool } from "./lib/pg-pool";

const databaseUrl = process.env.DATABASE_URL;
// The schema's env("DATABASE_URL") must resolve even for commands that never connect (generate,
// validate); without it the CLI falls back to downloading a native engine, which fails offline.
process.env.DATABASE_URL ??= "postgresql://unset@127.0.0.1:1/unset";

/**
 * Prisma 6.19 without native engines: the CLI's schema engine runs as JavaScript through the pg
 * driver adapter, so `prisma migrate deploy` needs no download.
 */
export default defineConfig({
  // One file per domain in prisma/schema/ (multi-file schemas are GA since Prisma 6.7).
  schema: path.join("prisma", "schema"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    if (!databaseUrl)
      throw new Error(
        "DATABASE_URL is not set (the scripts in scripts/ set it for the embedded database)",
      );
    const pool = createPool(databaseUrl, 2);
    const factory = new PrismaPg(pool);
    const connect = factory.connect.bind(factory);
    // The adapter's executeScript splits migration files on ";", which breaks function bodies.
    // PostgreSQL runs a whole multi-statement script in one simple query, atomically.
    factory.connect = async () => {
      const adapter = await connect();
      adapter.executeScript = async (script: string) => {
        await pool.query(script);
      };
      return adapter;
    };
    return factory;
  },
});
