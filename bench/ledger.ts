/**
 * Ledger benchmarks (issue 7), through the services and queries themselves, with pgbench's
 * TPC-B-like TPS on the same server as the limit:
 *
 *   throughput  runProcessAs in a loop on 1, 4 and 16 concurrent clients, each client_transaction_
 *               transfer between two random coins (uniform), beside pgbench -c 1/4/16
 *   hot         the same, each a merchant_payment from a random coin into the ONE merchant coin
 *   balance     getAccount at 1,000,000 transfers, beside the same primary-key SELECT sent with pg
 *   list        listProcesses at 1,000,000 processes, six filter sets, beside the statements it sent
 */
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import type { LedgerCaller } from "@/lib/services/ledger/caller";
import { LIST_TOTAL_CAP } from "../lib/validation/list-params";
import type { LedgerSetup } from "./ledger-data";
import { captureStatements, summarizePlan } from "./list";
import { type PgbenchRun, runTpcb } from "./pgbench";
import { percentile, timeCalls } from "./stats";

export type ThroughputRun = {
  clients: number;
  processes: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  /** Refusals and failures by code: none expected. */
  errors: Record<string, number>;
  cpu: CpuPerUnit;
};

/**
 * CPU milliseconds per transaction: of the client (this Node process, or pgbench) and of the
 * PostgreSQL server (all its processes). On a shared machine the rates vary with the other load;
 * the CPU each transaction costs does much less, so it says where the time goes.
 */
export type CpuPerUnit = { clientMs: number; serverMs: number | null };

const TICK_MS = 10; // Linux USER_HZ is 100

/** utime+stime (and with `children`, cutime+cstime) of a process, in ms; 0 when it is gone. */
function processCpuMs(pid: number, children: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return (utime + stime + (children ? cutime + cstime : 0)) * TICK_MS;
  } catch {
    return 0;
  }
}

/**
 * The server's CPU so far: the postmaster with its reaped children, plus its live children. A
 * backend that exits moves its time into the postmaster's children's time, so deltas stay right.
 */
export function serverCpuMs(postmasterPid: number | null): number | null {
  if (postmasterPid === null) return null;
  let total = processCpuMs(postmasterPid, true);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === postmasterPid) total += processCpuMs(Number(entry), false);
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/** The embedded server's postmaster pid, when it runs on this machine; null otherwise. */
export async function postmasterPidOf(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const dir = (await client.query<{ data_directory: string }>("SHOW data_directory")).rows[0]
      .data_directory;
    const pid = Number(readFileSync(`${dir}/postmaster.pid`, "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** CPU of this Node process's reaped children (pgbench), in ms. */
export function childrenCpuMs(): number {
  return processCpuMs(process.pid, true) - processCpuMs(process.pid, false);
}

export type ThroughputBenchmark = {
  /** What one process sends to PostgreSQL (BEGIN and COMMIT included), uniform and hot. */
  statements: { uniform: string[]; hot: string[] };
  clients: number[];
  pgbench: ((PgbenchRun & { cpu: CpuPerUnit }) | null)[];
  uniform: ThroughputRun[];
  hot: ThroughputRun[];
};

const SCOPES = ["client", "system"] as const;

function callerFor(merchantId: string): LedgerCaller {
  return { merchantId, auditActor: { userId: null, type: "system" }, userId: null };
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}

/** 0.01 to 9.99 USD: the coins hold 100,000,000 USD each, so no run can drain one. */
function smallAmount(): string {
  return (1 + Math.floor(Math.random() * 999))
    .toString()
    .padStart(3, "0")
    .replace(/(\d\d)$/, ".$1");
}

async function oneProcess(setup: LedgerSetup, mode: "uniform" | "hot") {
  const { runProcessAs } = await import("@/lib/services/ledger/run-process");
  const caller = callerFor(setup.merchantId);
  return () => {
    const source = pick(setup.usdCoins);
    if (mode === "hot")
      return runProcessAs(caller, {
        type: "merchant_payment",
        amount: smallAmount(),
        currency: "USD",
        sourceAccountId: source,
      });
    let destination = pick(setup.usdCoins);
    while (destination === source) destination = pick(setup.usdCoins);
    return runProcessAs(caller, {
      type: "client_transaction_transfer",
      amount: smallAmount(),
      currency: "USD",
      sourceAccountId: source,
      destinationAccountId: destination,
    });
  };
}

async function runClients(
  setup: LedgerSetup,
  mode: "uniform" | "hot",
  clients: number,
  seconds: number,
  postmaster: number | null,
): Promise<ThroughputRun> {
  const one = await oneProcess(setup, mode);
  // Warm the pool's connections and the plan caches outside the timed window.
  await Promise.all(Array.from({ length: clients }, () => one()));

  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const clientCpu = process.cpuUsage();
  const serverCpu = serverCpuMs(postmaster);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const at = performance.now();
      try {
        await one();
        latencies.push(performance.now() - at);
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as Error).name;
        errors[code] = (errors[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  const usedClient = process.cpuUsage(clientCpu);
  const serverAfter = serverCpuMs(postmaster);
  const cpu: CpuPerUnit = {
    clientMs: (usedClient.user + usedClient.system) / 1000 / latencies.length,
    serverMs:
      serverCpu === null || serverAfter === null
        ? null
        : (serverAfter - serverCpu) / latencies.length,
  };
  return {
    cpu,
    clients,
    processes: latencies.length,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    errors,
  };
}

/**
 * For each client count: pgbench, then the uniform run, then the hot-account run, one after
 * another, so a change in the machine's other load falls on all three alike.
 */
export async function benchmarkThroughput(options: {
  url: string;
  setup: LedgerSetup;
  clients: number[];
  seconds: number;
  pgbench: string | null;
  log: (message: string) => void;
}): Promise<ThroughputBenchmark> {
  const statementsOf = async (mode: "uniform" | "hot") => {
    const one = await oneProcess(options.setup, mode);
    const { statements } = await captureStatements(one);
    return statements.map((s) => oneLine(s.text).slice(0, 90));
  };
  const result: ThroughputBenchmark = {
    statements: { uniform: await statementsOf("uniform"), hot: await statementsOf("hot") },
    clients: options.clients,
    pgbench: [],
    uniform: [],
    hot: [],
  };
  const postmaster = await postmasterPidOf(options.url);
  for (const clients of options.clients) {
    let tpcb: (PgbenchRun & { cpu: CpuPerUnit }) | null = null;
    if (options.pgbench) {
      const client = childrenCpuMs();
      const server = serverCpuMs(postmaster);
      const run = await runTpcb(options.pgbench, options.url, clients, options.seconds);
      const serverAfter = serverCpuMs(postmaster);
      // pgbench's count excludes its vacuum and connection set-up; the CPU includes them (small).
      tpcb = {
        ...run,
        cpu: {
          clientMs: (childrenCpuMs() - client) / run.transactions,
          serverMs:
            server === null || serverAfter === null
              ? null
              : (serverAfter - server) / run.transactions,
        },
      };
    }
    result.pgbench.push(tpcb);
    const uniform = await runClients(
      options.setup,
      "uniform",
      clients,
      options.seconds,
      postmaster,
    );
    result.uniform.push(uniform);
    const hot = await runClients(options.setup, "hot", clients, options.seconds, postmaster);
    result.hot.push(hot);
    options.log(
      `  ${clients} clients: pgbench ${tpcb ? tpcb.tps.toFixed(0) : "n/a"} TPS, uniform ${uniform.perSecond.toFixed(1)}/s, hot ${hot.perSecond.toFixed(1)}/s`,
    );
  }
  return result;
}

/** Per currency, all debits equal all credits (posted and pending apart), and no balance is negative. */
export async function ledgerBalanced(url: string, merchantId: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ ok: boolean }>(
      `SELECT coalesce(bool_and(dp = cp AND dd = cd), true) AS ok FROM (
         SELECT currency, sum(debits_posted) AS dp, sum(credits_posted) AS cp,
                sum(debits_pending) AS dd, sum(credits_pending) AS cd
         FROM ledger_account WHERE merchant_id = $1 GROUP BY currency) t`,
      [merchantId],
    );
    return result.rows[0].ok;
  } finally {
    await client.end();
  }
}

export type LatencyPair = {
  name: string;
  calls: number;
  rows: number;
  p50: number;
  p95: number;
  p99: number;
  sqlP50: number;
  sqlP95: number;
  sqlP99: number;
  /** CPU of this Node process per call (warm-up calls included): the function, and pg alone. */
  cpuMs: number;
  sqlCpuMs: number;
  sql: string[];
  plan: string[];
};

/** timeCalls, with this process's CPU per call (warm-up included) beside the wall times. */
async function timeCallsWithCpu(
  fn: () => Promise<unknown>,
  count: number,
  warmup: number,
): Promise<{ samples: number[]; cpuMs: number }> {
  const before = process.cpuUsage();
  const samples = await timeCalls(fn, count, warmup);
  const used = process.cpuUsage(before);
  return { samples, cpuMs: (used.user + used.system) / 1000 / (count + warmup) };
}

const READS = 2_000;
const READ_WARMUP = 200;

/** getAccount for random coins, and the statement it sends (captured once) sent directly with pg. */
export async function benchmarkBalanceRead(options: {
  url: string;
  setup: LedgerSetup;
  reads?: number;
}): Promise<LatencyPair> {
  const { getAccount } = await import("@/lib/queries/ledger-accounts/list-accounts");
  const { merchantId, usdCoins } = options.setup;
  const reads = options.reads ?? READS;
  const probe = usdCoins[0];
  const { statements } = await captureStatements(() => getAccount(merchantId, SCOPES, probe));
  const read = statements.find((s) => /ledger_account/.test(s.text));
  if (!read) throw new Error("no account statement captured");
  const idAt = read.values.indexOf(probe);
  if (idAt < 0) throw new Error("the account id is not a parameter of the captured statement");
  const withId = (id: string) => read.values.map((value, i) => (i === idAt ? id : value));

  const app = await timeCallsWithCpu(
    async () => {
      const row = await getAccount(merchantId, SCOPES, pick(usdCoins));
      if (!row) throw new Error("account not found");
    },
    reads,
    READ_WARMUP,
  );
  const direct = new pg.Client({
    connectionString: options.url,
    application_name: "countersign-bench-sql",
  });
  await direct.connect();
  try {
    const sql = await timeCallsWithCpu(
      () => direct.query({ text: read.text, values: withId(pick(usdCoins)), rowMode: "array" }),
      reads,
      READ_WARMUP,
    );
    const explained = await direct.query<{ "QUERY PLAN": string }>({
      text: `EXPLAIN (ANALYZE, BUFFERS) ${read.text}`,
      values: withId(pick(usdCoins)),
    });
    return {
      name: "getAccount (balance read)",
      calls: reads,
      rows: 1,
      p50: percentile(app.samples, 50),
      p95: percentile(app.samples, 95),
      p99: percentile(app.samples, 99),
      sqlP50: percentile(sql.samples, 50),
      sqlP95: percentile(sql.samples, 95),
      sqlP99: percentile(sql.samples, 99),
      cpuMs: app.cpuMs,
      sqlCpuMs: sql.cpuMs,
      sql: [oneLine(read.text)],
      plan: summarizePlan(explained.rows.map((row) => row["QUERY PLAN"])),
    };
  } finally {
    await direct.end();
  }
}

const LIST_CALLS = 200;
const LIST_WARMUP = 20;

/**
 * listProcesses for six filter sets. It sends two statements at once on two pooled connections
 * (the page and the capped count), so "SQL" here is those two captured statements sent the same
 * way, on two pg connections in parallel; EXPLAIN ANALYZE of each.
 */
export async function benchmarkProcessList(options: {
  url: string;
  setup: LedgerSetup;
  calls?: number;
  log: (message: string) => void;
}): Promise<LatencyPair[]> {
  const { listProcesses } = await import("@/lib/queries/processes/list-processes");
  const { ProcessListQuerySchema } = await import("@/lib/validation/processes");
  const calls = options.calls ?? LIST_CALLS;
  const day = (daysAgo: number) =>
    new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const sets: { name: string; params: Record<string, string> }[] = [
    { name: "no filter", params: {} },
    { name: "type=merchant_payment", params: { type: "merchant_payment" } },
    { name: "status=declined", params: { status: "declined" } },
    {
      name: "currency=EUR + amount 100..200",
      params: { currency: "EUR", minAmount: "100.00", maxAmount: "200.00" },
    },
    { name: "customer", params: { customer: options.setup.someCustomer } },
    {
      name: "date range (30 days) + type=bank_topup",
      params: { from: day(120), to: day(91), type: "bank_topup" },
    },
  ];
  const connect = async () => {
    const client = new pg.Client({
      connectionString: options.url,
      application_name: "countersign-bench-sql",
    });
    await client.connect();
    return client;
  };
  const [a, b] = [await connect(), await connect()];
  try {
    const results: LatencyPair[] = [];
    for (const set of sets) {
      const query = ProcessListQuerySchema.parse(set.params);
      const call = () => listProcesses(options.setup.merchantId, SCOPES, query);
      const { value: first, statements } = await captureStatements(call);
      // The capped total is the statement limited to LIST_TOTAL_CAP + 1 rows (a COUNT or the
      // list's own index walked for ids); the page is the other one.
      const isCount = (s: { text: string; values?: unknown[] }) =>
        /COUNT\(/i.test(s.text) || (s.values ?? []).some((v) => Number(v) === LIST_TOTAL_CAP + 1);
      const onProcesses = statements.filter((s) => /business_process/.test(s.text));
      const count = onProcesses.find(isCount);
      const page = onProcesses.find((s) => s !== count);
      if (!page || !count) throw new Error(`listProcesses statements not captured for ${set.name}`);
      const app = await timeCallsWithCpu(call, calls, LIST_WARMUP);
      const sql = await timeCallsWithCpu(
        () =>
          Promise.all([
            a.query({ text: page.text, values: page.values, rowMode: "array" }),
            b.query({ text: count.text, values: count.values, rowMode: "array" }),
          ]),
        calls,
        LIST_WARMUP,
      );
      const plan: string[] = [];
      for (const [label, statement] of [
        ["page", page],
        ["count", count],
      ] as const) {
        const explained = await a.query<{ "QUERY PLAN": string }>({
          text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
          values: statement.values,
        });
        plan.push(`[${label}]`, ...summarizePlan(explained.rows.map((row) => row["QUERY PLAN"])));
      }
      const result: LatencyPair = {
        name: set.name,
        calls,
        rows: first.data.length,
        p50: percentile(app.samples, 50),
        p95: percentile(app.samples, 95),
        p99: percentile(app.samples, 99),
        sqlP50: percentile(sql.samples, 50),
        sqlP95: percentile(sql.samples, 95),
        sqlP99: percentile(sql.samples, 99),
        cpuMs: app.cpuMs,
        sqlCpuMs: sql.cpuMs,
        sql: [oneLine(page.text), oneLine(count.text)],
        plan,
      };
      options.log(
        `  ${set.name}: listProcesses p95 ${result.p95.toFixed(2)} ms, SQL p95 ${result.sqlP95.toFixed(2)} ms (${result.rows} rows, total ${first.total}${first.totalCapped ? "+" : ""})`,
      );
      results.push(result);
    }
    return results;
  } finally {
    await a.end();
    await b.end();
  }
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, " ").trim();
}
