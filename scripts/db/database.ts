/**
 * Where the app's database comes from: DATABASE_URL when set, otherwise an embedded PostgreSQL.
 * Shared by `npm start`, the seed, the benchmarks and the test set-ups.
 */
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";

export type ProvidedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

type Options = {
  /** Data folder for the embedded server, relative to the checkout. */
  dataDir: string;
  port: number;
  /** Start from an empty cluster (tests): the data folder is removed first. */
  reset?: boolean;
  log?: (message: string) => void;
};

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export async function provideDatabase({
  dataDir,
  port,
  reset = false,
  log = console.log,
}: Options): Promise<ProvidedDatabase> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const absolute = path.resolve(ROOT, dataDir);
  if (reset) await rm(absolute, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({ dataDir: absolute, port, log });
  if (reset && server.dataDir !== absolute) {
    // The fallback keeps data under the temp folder; a reset must empty that one instead.
    await server.stop();
    await rm(server.dataDir, { recursive: true, force: true });
    const again = await startEmbeddedPostgres({ dataDir: absolute, port, log });
    return { url: again.url, embedded: true, stop: again.stop };
  }
  return { url: server.url, embedded: true, stop: server.stop };
}

/** Runs a command from node_modules/.bin with DATABASE_URL set; rejects with its output on failure. */
export function run(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
  { quiet = true } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", command), args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(" ")} failed (exit ${code}):\n${output}`)),
    );
  });
}

/** Applies the checked-in migrations (prisma migrate deploy, through the JS schema engine). */
export function migrate(url: string): Promise<void> {
  return run("prisma", ["migrate", "deploy"], {
    DATABASE_URL: url,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  });
}
