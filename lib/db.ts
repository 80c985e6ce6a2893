import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { config } from "@/lib/config";
import { createPool } from "./pg-pool";

/**
 * The one Prisma client, on the pg driver adapter (no native engine). Cached on globalThis so that
 * development hot reloads and test files reuse one pool instead of opening new ones.
 */
function createClient(): PrismaClient {
  const url = config().databaseUrl;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. `npm start` sets it for the embedded database; see the README.",
    );
  }
  const pool = createPool(url, config().databasePoolSize);
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

const cache = globalThis as unknown as { countersignPrisma?: PrismaClient };

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  // Created on first use, so importing this module (say, during `next build`) needs no database.
  get(_target, property) {
    cache.countersignPrisma ??= createClient();
    const value = Reflect.get(cache.countersignPrisma, property);
    return typeof value === "function" ? value.bind(cache.countersignPrisma) : value;
  },
});

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
