/**
 * `npm run bench [-- --json FILE] [--reuse] [--rows N] [--only list,races,sync,ledger,checkout,webhooks]`
 *   checkout options: [--checkout-calls N] (default 2000)
 *   webhooks options: [--webhook-events N] [--webhook-concurrency N]
 *   ledger options: [--coins N] [--processes N] [--seconds N] [--clients 1,4,16] [--pgbench-scale N]
 *
 * Benchmarks, not tests: figures with their targets beside them, no pass/fail. On an embedded
 * PostgreSQL (.data/bench-postgres, port 54333, emptied each run unless --reuse finds the data
 * already loaded) or on BENCH_DATABASE_URL / DATABASE_URL when set.
 *
 *   list   GET /api/v1/operation-requests over 1,000,000 requests, six filter sets (target p95 < 30 ms)
 *   races  parallel submits, parallel approve+retry, submit -> approve -> done cycles per second
 *   sync   approval commit -> SSE event at a second client (target p95 < 250 ms)
 *   ledger processes/s on 1, 4, 16 clients (uniform over 10,000 coins, and into one hot merchant
 *          coin) beside pgbench's TPC-B-like TPS on the same server; getAccount at 1,000,000
 *          transfers (target p95 < 2 ms); listProcesses at 1,000,000 processes, six filter sets
 *          (target p95 within 3x the same SQL sent directly). Only with `--only ledger` (or a list
 *          naming it): it needs an empty database and about 10 minutes.
 *   checkout POST /api/v1/checkout through the in-process route handler with a real API key, beside
 *          the same INSERT statements sent directly (the physical limit); only with `--only checkout`.
 *   webhooks  N events delivered to a local receiver by the delivery worker (deliveries/s), beside
 *          the raw receiver (N plain fetches of the same bodies at the same concurrency). Only when
 *          named in --only.
 *   checkout-page  the hosted checkout page on a production build in Chromium: its JavaScript
 *          (gzipped, target < 80 KB) and first contentful paint (target p95 < 1 s); only with
 *          `--only checkout-page` [--page-runs N] (bench/checkout-page.ts).
 */
import { writeFile } from "node:fs/promises";
import os from "node:os";
import pg from "pg";
import { migrate, provideDatabase } from "../scripts/db/database";
import { markdownTable, ms, round2, table } from "./stats";

const LIST_TARGET_MS = 30;
const SYNC_TARGET_MS = 250;
const BALANCE_TARGET_MS = 2;
const PROCESS_LIST_TARGET_RATIO = 3;
const UNIFORM_TARGET_SHARE = 0.25;
const HOT_TARGET_SHARE = 0.5;

const args = parseArgs(process.argv.slice(2));

// Before any app module is imported: lib/db.ts, the job switch and the logger read these.
if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
process.env.COUNTERSIGN_WORKERS = "off";
process.env.SANDBOX_MODE = "true";
process.env.LOG_LEVEL = "silent";
// The ledger's throughput runs put up to 16 clients on lib/db.ts's pool (10 by default): give
// every client a connection of its own, so the figure is the database's, not the pool's queue.
if (args.only.has("ledger"))
  process.env.DATABASE_POOL_SIZE ??= String(Math.max(10, Math.max(...args.clients) + 4));

const log = (message: string) => console.log(message);
const runStarted = performance.now();
const database = await provideDatabase({
  dataDir: ".data/bench-postgres",
  port: Number(process.env.BENCH_EMBEDDED_PG_PORT ?? 54333),
  reset: !args.reuse,
  log: (message) => log(`[bench database] ${message}`),
});

let exitCode = 0;
try {
  await migrate(database.url);
  process.env.DATABASE_URL = database.url;
  await main(database.url, database.embedded);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await database.stop().catch(() => {});
}
// The live-update feed keeps its LISTEN connection open by design; nothing else is left running.
process.exit(exitCode);

async function main(url: string, embedded: boolean): Promise<void> {
  const machine = await describeMachine(url, embedded);
  // Other work on the machine shows up in every figure; the load average says how much there was.
  const loadStart = loadAverage();
  log(`machine: ${machine}; load average ${loadStart}`);

  // The ledger benchmark alone needs none of the operation requests (a 4-minute load).
  const needsRequests = ["list", "races", "sync"].some((name) => args.only.has(name));
  let data: import("./load-data").ListData | null = null;
  if (needsRequests) {
    const { prepareListData } = await import("./load-data");
    log(`data: ${args.rows.toLocaleString("en")} operation requests over two merchants`);
    data = await prepareListData(url, {
      rows: args.rows,
      reuse: args.reuse,
      log: (m) => log(`[load] ${m}`),
    });
  }

  const { startSandboxGateway } = await import("@/tests/integration/helpers");
  const gateway = await startSandboxGateway();
  try {
    let listBenchmark: import("./list").ListBenchmark | null = null;
    if (args.only.has("list")) {
      log("[list] GET /api/v1/operation-requests, route handler in-process");
      const { benchmarkList } = await import("./list");
      listBenchmark = await benchmarkList({ url, apiKey: data!.apiKey, log });
    }
    const list = listBenchmark?.sets.filter((one) => !one.probe) ?? [];
    const probes = listBenchmark?.sets.filter((one) => one.probe) ?? [];
    let races: Awaited<ReturnType<typeof import("./races").benchmarkRaces>> | null = null;
    if (args.only.has("races")) {
      log("[races] services on a fresh merchant, sandbox gateway over loopback HTTP");
      const { benchmarkRaces } = await import("./races");
      races = await benchmarkRaces({ gatewayCalls: gateway.calls, log });
    }
    let sync: Awaited<ReturnType<typeof import("./sync").benchmarkSync>> | null = null;
    if (args.only.has("sync")) {
      log("[sync] approval commit -> SSE event at a second client");
      const { benchmarkSync } = await import("./sync");
      sync = await benchmarkSync({ url, log });
    }

    const ledger = args.only.has("ledger") ? await runLedger(url, log) : null;
    let checkout: import("./checkout").CheckoutBenchmark | null = null;
    if (args.only.has("checkout")) {
      log(
        "[checkout] POST /api/v1/checkout, route handler in-process, beside its INSERTs sent directly",
      );
      const { benchmarkCheckout } = await import("./checkout");
      checkout = await benchmarkCheckout({ url, calls: args.checkoutCalls, log });
    }
    let webhooks: import("./webhooks").WebhookBenchmark | null = null;
    if (args.only.has("webhooks")) {
      const { benchmarkWebhooks } = await import("./webhooks");
      webhooks = await benchmarkWebhooks({
        events: args.webhookEvents,
        concurrency: args.webhookConcurrency,
        log,
      });
    }
    let checkoutPage: import("./checkout-page").CheckoutPageBenchmark | null = null;
    if (args.only.has("checkout-page")) {
      log(
        "[checkout-page] /checkout/{id} on a production build (next start), Chromium, cold cache",
      );
      const { benchmarkCheckoutPage } = await import("./checkout-page");
      checkoutPage = await benchmarkCheckoutPage({ databaseUrl: url, runs: args.pageRuns, log });
    }

    const requestsA = data ? await countRequests(url, data.merchantId) : 0;
    const out: string[] = [""];
    if (list.length > 0) {
      out.push(
        "EXPLAIN (ANALYZE, BUFFERS) of the list statement the route sent, per filter set",
        "",
      );
      for (const one of [...list, ...probes]) {
        out.push(`-- ${one.name}: ?${one.query}`, ...one.plan.map((line) => `   ${line}`), "");
      }
      out.push(`statement (no filter): ${list[0].sql}`, "");
    }
    out.push("=".repeat(100), "Countersign benchmarks", "=".repeat(100));
    out.push(`machine   ${machine}; load average at start ${loadStart}, now ${loadAverage()}`);
    if (data)
      out.push(
        `data      ${data.requests.toLocaleString("en")} operation requests, ${data.payments.toLocaleString("en")} payment rows (payments + refund/void children), 2 merchants; ` +
          (data.loaded
            ? `bulk load ${data.loadSeconds!.toFixed(1)} s + VACUUM (ANALYZE)/CHECKPOINT ${data.analyzeSeconds!.toFixed(1)} s`
            : "reused (--reuse)"),
      );
    if (list.length > 0) {
      out.push(
        "",
        `List: GET /api/v1/operation-requests as merchant A (${requestsA.toLocaleString("en")} requests), 200 sequential calls after 20 warm-up, limit 25`,
      );
      out.push(
        table([
          [
            "filter set",
            "rows",
            "route p50",
            "route p95",
            "target p95",
            "SQL p50",
            "SQL p95",
            "statements/call",
          ],
          ...list.map((one) => [
            one.name,
            String(one.rows),
            ms(one.p50),
            ms(one.p95),
            `< ${LIST_TARGET_MS} ms`,
            ms(one.sqlP50),
            ms(one.sqlP95),
            String(one.statements),
          ]),
          ...probes.map((one) => [
            `${one.name} (${one.calls} calls)`,
            String(one.rows),
            ms(one.p50),
            ms(one.p95),
            "",
            ms(one.sqlP50),
            ms(one.sqlP95),
            String(one.statements),
          ]),
        ]),
      );
      const auth = listBenchmark!.auth;
      out.push(
        "  route = the whole handler (authentication, list statement, JSON + output schema); SQL = the list statement alone, sent again over pg.",
        `  of which authenticateRequest (Bearer key -> principal) alone: p50 ${ms(auth.p50)}, p95 ${ms(auth.p95)}, ${auth.statements} statements`,
      );
    }
    if (races) {
      out.push("", "Races and throughput (services, sandbox gateway over loopback HTTP)");
      out.push(
        table([
          ["measure", "figure", "expected"],
          [
            `${races.submits.parallel} parallel submits on one payment: created`,
            String(races.submits.created),
            "1",
          ],
          [
            "  refused operation_pending",
            String(races.submits.operationPending),
            String(races.submits.parallel - 1),
          ],
          ["  other outcomes", JSON.stringify(races.submits.other), "{}"],
          ["  requests on the payment in the database", String(races.submits.requestsInDb), "1"],
          [
            `${races.approveRetry.parallel} parallel approve+retry on one request: gateway calls`,
            String(races.approveRetry.gatewayCalls),
            "1",
          ],
          [
            "  gateway attempts recorded / final state",
            `${races.approveRetry.attempts} / ${races.approveRetry.finalState}`,
            "1 / done",
          ],
          ["  outcomes", JSON.stringify(races.approveRetry.outcomes), ""],
          ["  audit rows written", JSON.stringify(races.approveRetry.audit), ""],
          [
            `${races.retryOnly.parallel} parallel retries on a manual-action request: gateway calls`,
            String(races.retryOnly.gatewayCalls),
            "1",
          ],
          [
            "  gateway attempts recorded / final state",
            `${races.retryOnly.attempts} / ${races.retryOnly.finalState}`,
            "1 / done",
          ],
          ["  outcomes", JSON.stringify(races.retryOnly.outcomes), ""],
          ["  audit rows written", JSON.stringify(races.retryOnly.audit), ""],
          [
            "submit -> approve -> done, sequential: cycles/s",
            races.cycles.perSecond.toFixed(1),
            "",
          ],
          [
            "  cycles / seconds / all done",
            `${races.cycles.completed} / ${races.cycles.seconds.toFixed(1)} / ${races.cycles.allDone}`,
            "",
          ],
          ["  one cycle p50 / p95", `${ms(races.cycles.p50)} / ${ms(races.cycles.p95)}`, ""],
          [
            "  p50 of submit / of approve (+ gateway execution)",
            `${ms(races.cycles.submitP50)} / ${ms(races.cycles.approveP50)}`,
            "",
          ],
        ]),
      );
    }
    if (ledger) out.push(...ledger);
    if (checkout) {
      out.push(
        "",
        `Checkout: session creation, ${checkout.calls.toLocaleString("en")} sequential calls after 50 warm-up`,
        table([
          ["measure", "p50", "p95", "p99"],
          [
            "POST /api/v1/checkout (route handler, API key)",
            ms(checkout.route.p50),
            ms(checkout.route.p95),
            ms(checkout.route.p99),
          ],
          [
            `its ${checkout.inserts.length} INSERTs sent directly in BEGIN/COMMIT`,
            ms(checkout.sql.p50),
            ms(checkout.sql.p95),
            ms(checkout.sql.p99),
          ],
          [
            "route / INSERTs",
            `${(checkout.route.p50 / checkout.sql.p50).toFixed(1)}x`,
            `${(checkout.route.p95 / checkout.sql.p95).toFixed(1)}x`,
            `${(checkout.route.p99 / checkout.sql.p99).toFixed(1)}x`,
          ],
        ]),
        `  statements one route call sends (${checkout.statements.length}):`,
        ...checkout.statements.map((text) => `    ${text}`),
      );
    }
    if (webhooks) {
      out.push(
        "",
        `Webhooks: ${webhooks.events} events to one endpoint on a loopback receiver, ${webhooks.concurrency} at a time`,
      );
      out.push(
        table([
          ["measure", "figure"],
          ["delivered by deliverDueWebhooks: deliveries/s", webhooks.deliveredPerSecond.toFixed(1)],
          ["raw receiver (plain fetch, same bodies): requests/s", webhooks.rawPerSecond.toFixed(1)],
          [
            "  delivery / raw",
            `${((webhooks.deliveredPerSecond / webhooks.rawPerSecond) * 100).toFixed(0)} %`,
          ],
          [
            "enqueueWebhookEvent, one transaction each: events/s",
            webhooks.enqueuePerSecond.toFixed(1),
          ],
          [
            "delivered / each id received exactly once",
            `${webhooks.delivered} / ${webhooks.receivedOnce}`,
          ],
        ]),
      );
    }
    if (checkoutPage) {
      const { PAGE_JS_TARGET_KB, FIRST_PAINT_TARGET_MS } = await import("./checkout-page");
      out.push("", "Checkout page: /checkout/{id}, production build, Chromium, cold cache");
      out.push(
        table([
          ["script", "raw", "gzip -6", "transferred"],
          ...checkoutPage.scripts.map((s) => [
            s.url,
            `${(s.raw / 1024).toFixed(1)} KB`,
            `${(s.gzipped / 1024).toFixed(1)} KB`,
            `${(s.transferred / 1024).toFixed(1)} KB`,
          ]),
          [
            `total (${checkoutPage.scripts.length} scripts)`,
            `${checkoutPage.jsRawKb.toFixed(1)} KB`,
            `${checkoutPage.jsGzippedKb.toFixed(1)} KB`,
            `${checkoutPage.jsTransferredKb.toFixed(1)} KB`,
          ],
        ]),
      );
      out.push(
        `  JavaScript gzipped ${checkoutPage.jsGzippedKb.toFixed(1)} KB (target < ${PAGE_JS_TARGET_KB} KB)`,
        `  first contentful paint over ${checkoutPage.runs} cold loads: p50 ${ms(checkoutPage.fcpP50)}, p95 ${ms(checkoutPage.fcpP95)}, max ${ms(checkoutPage.fcpMax)} (target < ${FIRST_PAINT_TARGET_MS} ms)`,
      );
    }
    if (sync) {
      out.push(
        "",
        "Sync: approval commit -> `change` event read by a second client over SSE (LISTEN/NOTIFY, real HTTP)",
      );
      out.push(
        table([
          ["measure", "p50", "p95", "target p95"],
          [
            `from COMMIT returned (${sync.approvals} approvals, ${sync.missed} missed)`,
            ms(sync.p50),
            ms(sync.p95),
            `< ${SYNC_TARGET_MS} ms`,
          ],
          ["from COMMIT sent (includes the commit)", "", ms(sync.fromSendP95), ""],
          ["the COMMIT itself", "", ms(sync.commitP95), ""],
          [
            `from calling approveOperationRequest (${sync.service.approvals}; upper bound)`,
            ms(sync.service.p50),
            ms(sync.service.p95),
            "",
          ],
        ]),
      );
      out.push(`  max ${ms(sync.max)}`);
    }
    out.push("", `total run time ${((performance.now() - runStarted) / 1000).toFixed(1)} s`);
    console.log(out.join("\n"));

    if (args.json) {
      const json = {
        list: list.map((one) => ({
          name: one.name,
          p50_ms: round2(one.p50),
          p95_ms: round2(one.p95),
          sql_p95_ms: round2(one.sqlP95),
        })),
        race: races
          ? {
              submits_created: races.submits.created,
              gateway_calls_per_request: races.approveRetry.gatewayCalls,
              cycles_per_s: round2(races.cycles.perSecond),
            }
          : null,
        sync: sync ? { p95_ms: round2(sync.p95) } : null,
        checkout: checkout
          ? {
              calls: checkout.calls,
              route_p50_ms: round2(checkout.route.p50),
              route_p95_ms: round2(checkout.route.p95),
              sql_p50_ms: round2(checkout.sql.p50),
              sql_p95_ms: round2(checkout.sql.p95),
            }
          : null,
        webhooks: webhooks
          ? {
              deliveries_per_s: round2(webhooks.deliveredPerSecond),
              raw_requests_per_s: round2(webhooks.rawPerSecond),
            }
          : null,
        checkout_page: checkoutPage
          ? {
              js_gzipped_kb: round2(checkoutPage.jsGzippedKb),
              js_transferred_kb: round2(checkoutPage.jsTransferredKb),
              fcp_p50_ms: round2(checkoutPage.fcpP50),
              fcp_p95_ms: round2(checkoutPage.fcpP95),
            }
          : null,
      };
      await writeFile(args.json, `${JSON.stringify(json, null, 2)}\n`);
      log(`wrote ${args.json}`);
    }
  } finally {
    await gateway.close();
    const { prisma } = await import("@/lib/db");
    await prisma.$disconnect();
  }
}

function parseArgs(argv: string[]) {
  const parsed = {
    json: null as string | null,
    reuse: false,
    rows: 1_000_000,
    only: new Set(["list", "races", "sync"]),
    coins: 10_000,
    processes: 1_000_000,
    seconds: 30,
    clients: [1, 4, 16],
    pgbenchScale: null as number | null,
    checkoutCalls: 2000,
    webhookEvents: 500,
    webhookConcurrency: 8,
    pageRuns: 10,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--json") parsed.json = value();
    else if (arg === "--reuse") parsed.reuse = true;
    else if (arg === "--rows") parsed.rows = Number(value());
    else if (arg === "--only") parsed.only = new Set(value().split(","));
    else if (arg === "--coins") parsed.coins = Number(value());
    else if (arg === "--processes") parsed.processes = Number(value());
    else if (arg === "--seconds") parsed.seconds = Number(value());
    else if (arg === "--clients") parsed.clients = value().split(",").map(Number);
    else if (arg === "--pgbench-scale") parsed.pgbenchScale = Number(value());
    else if (arg === "--checkout-calls") parsed.checkoutCalls = Number(value());
    else if (arg === "--webhook-events") parsed.webhookEvents = Number(value());
    else if (arg === "--webhook-concurrency") parsed.webhookConcurrency = Number(value());
    else if (arg === "--page-runs") parsed.pageRuns = Number(value());
    else
      throw new Error(
        `unknown argument ${arg}; use --json FILE, --reuse, --rows N, --only list,races,sync,ledger,checkout,webhooks,checkout-page, ` +
          "--coins N, --processes N, --seconds N, --clients 1,4,16, --pgbench-scale N, " +
          "--checkout-calls N, --webhook-events N, --webhook-concurrency N, --page-runs N",
      );
  }
  for (const [name, number] of [
    ["--coins", parsed.coins],
    ["--processes", parsed.processes],
    ["--seconds", parsed.seconds],
    ["--checkout-calls", parsed.checkoutCalls],
    ["--page-runs", parsed.pageRuns],
    ...parsed.clients.map((n) => ["--clients", n] as const),
  ] as const) {
    if (!Number.isInteger(number) || number < 1)
      throw new Error(`${name} must be a whole number of at least 1`);
  }
  if (parsed.coins < 2) throw new Error("--coins must be at least 2");
  if (!Number.isInteger(parsed.rows) || parsed.rows < 1000)
    throw new Error("--rows must be a whole number of at least 1000");
  return parsed;
}

/**
 * The ledger benchmarks in one run: the coins, pgbench's tables, the throughput runs beside pgbench,
 * then the bulk load to PROCESSES processes and the reads. Returns the report's lines.
 */
async function runLedger(url: string, log: (message: string) => void): Promise<string[]> {
  const { findPgbench, initPgbench, PGBENCH_MISSING, PGBENCH_DATABASE } = await import("./pgbench");
  const { prepareLedgerSetup, loadLedgerProcesses } = await import("./ledger-data");
  const { benchmarkThroughput, benchmarkBalanceRead, benchmarkProcessList, ledgerBalanced } =
    await import("./ledger");
  const { config } = await import("@/lib/config");
  const loadAtStart = loadAverage();

  log(`[ledger] ${args.coins.toLocaleString("en")} client coins, each funded by a bank_topup`);
  const setup = await prepareLedgerSetup(url, {
    coins: args.coins,
    eurCoins: Math.max(2, Math.round(args.coins / 4)),
    log: (m) => log(`[ledger] ${m}`),
  });
  const pgbench = findPgbench();
  const scale = args.pgbenchScale ?? Math.max(...args.clients);
  let pgbenchInit = "";
  if (pgbench) {
    log(`[ledger] ${pgbench} -i -s ${scale} into database "${PGBENCH_DATABASE}"`);
    const seconds = await initPgbench(pgbench, url, scale);
    pgbenchInit = `${pgbench}, scale ${scale} (${(scale * 100_000).toLocaleString("en")} accounts, ${scale} branches) in database "${PGBENCH_DATABASE}" on the same server, initialised in ${seconds.toFixed(1)} s`;
  } else {
    log(`[ledger] ${PGBENCH_MISSING}`);
    pgbenchInit = `not run: ${PGBENCH_MISSING}`;
  }
  log(`[ledger] throughput: ${args.seconds} s per run, clients ${args.clients.join("/")}`);
  const throughput = await benchmarkThroughput({
    url,
    setup,
    clients: args.clients,
    seconds: args.seconds,
    pgbench,
    log,
  });
  const balancedAfterRuns = await ledgerBalanced(url, setup.merchantId);
  const loadAfterThroughput = loadAverage();

  log(`[ledger] bulk load to ${args.processes.toLocaleString("en")} processes`);
  const bulk = await loadLedgerProcesses(url, setup, {
    processes: args.processes,
    log: (m) => log(`[ledger] ${m}`),
  });
  log(`[ledger] balance reads`);
  const balance = await benchmarkBalanceRead({ url, setup });
  log(`[ledger] listProcesses`);
  const list = await benchmarkProcessList({ url, setup, log });
  const balancedAtEnd = await ledgerBalanced(url, setup.merchantId);

  const out: string[] = [
    "",
    `Statements one uniform process sends (${throughput.statements.uniform.length}):`,
    ...throughput.statements.uniform.map((text) => `   ${text}`),
    `Statements one hot-account process sends (${throughput.statements.hot.length}):`,
    ...throughput.statements.hot.map((text) => `   ${text}`),
    "",
    "EXPLAIN (ANALYZE, BUFFERS) of the ledger reads",
    "",
  ];
  for (const one of [balance, ...list]) {
    out.push(
      `-- ${one.name}`,
      ...one.sql.map((sql) => `   ${sql}`),
      ...one.plan.map((l) => `   ${l}`),
      "",
    );
  }
  const pct = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(0)} %` : "n/a");
  const perSecond = (value: number) => value.toFixed(1);
  out.push(
    "## Ledger",
    "",
    `Load average at the ledger's start ${loadAtStart}, after the throughput runs ${loadAfterThroughput}, now ${loadAverage()}.`,
    `Prisma pool (DATABASE_POOL_SIZE): ${config().databasePoolSize} connections. pgbench: ${pgbenchInit}.`,
    `Coins: ${setup.usdCoins.length.toLocaleString("en")} USD client coins (+ ${setup.eurCoins.length.toLocaleString("en")} EUR for the list data), funded in ${setup.seconds.toFixed(1)} s. ` +
      `Each run ${args.seconds} s (P2028 = Prisma's interactive-transaction error: its 5 s timeout or 2 s maxWait); a process = runProcessAs (one transaction: account reads, limit profile, FOR UPDATE in id order, process row, transfer INSERT with its balance trigger, audit row).`,
    "",
    markdownTable([
      [
        "clients",
        "pgbench TPC-B TPS",
        "uniform processes/s",
        "uniform / pgbench (target >= 25 % at 16)",
        "uniform p50 / p95",
        "hot processes/s",
        "hot / uniform (target >= 50 %)",
        "hot p50 / p95",
        "CPU ms per transaction, client + server: pgbench / uniform / hot",
        "errors",
      ],
      ...throughput.clients.map((clients, i) => {
        const tpcb = throughput.pgbench[i];
        const uniform = throughput.uniform[i];
        const hot = throughput.hot[i];
        const errors = { ...uniform.errors, ...hot.errors };
        return [
          String(clients),
          tpcb ? tpcb.tps.toFixed(0) : "n/a",
          perSecond(uniform.perSecond),
          tpcb ? pct(uniform.perSecond / tpcb.tps) : "n/a",
          `${ms(uniform.p50)} / ${ms(uniform.p95)}`,
          perSecond(hot.perSecond),
          pct(hot.perSecond / uniform.perSecond),
          `${ms(hot.p50)} / ${ms(hot.p95)}`,
          [tpcb?.cpu, uniform.cpu, hot.cpu]
            .map((cpu) =>
              cpu ? `${cpu.clientMs.toFixed(2)} + ${cpu.serverMs?.toFixed(2) ?? "n/a"}` : "n/a",
            )
            .join(" / "),
          Object.keys(errors).length ? JSON.stringify(errors) : "0",
        ];
      }),
    ]),
    "",
    `Ledger balanced (per currency, debits = credits, posted and pending) after the runs: ${balancedAfterRuns}; at the end: ${balancedAtEnd}.`,
    "",
    `Reads at ${bulk.processes.toLocaleString("en")} processes and ${bulk.transfers.toLocaleString("en")} transfers of the merchant ` +
      `(bulk load ${bulk.seconds.toFixed(1)} s through the balance trigger, VACUUM (ANALYZE) + CHECKPOINT ${bulk.analyzeSeconds.toFixed(1)} s). ` +
      `${balance.calls} balance reads; ${list[0]?.calls ?? 0} list calls per set after 20 warm-up, limit 25. ` +
      "SQL = the statements the function sent (captured from the pg driver), sent again with pg; for listProcesses its two statements (page and capped count) in parallel on two connections, as it sends them.",
    "",
    markdownTable([
      [
        "read",
        "rows",
        "app p50",
        "app p95",
        "app p99",
        "SQL p50",
        "SQL p95",
        "SQL p99",
        "app / SQL p95",
        "target",
        "Node CPU per call: app / SQL",
      ],
      [
        balance.name,
        "1",
        ms(balance.p50),
        ms(balance.p95),
        ms(balance.p99),
        ms(balance.sqlP50),
        ms(balance.sqlP95),
        ms(balance.sqlP99),
        `${(balance.p95 / balance.sqlP95).toFixed(1)}x`,
        `p95 < ${BALANCE_TARGET_MS} ms`,
        `${ms(balance.cpuMs)} / ${ms(balance.sqlCpuMs)}`,
      ],
      ...list.map((one) => [
        `listProcesses: ${one.name}`,
        String(one.rows),
        ms(one.p50),
        ms(one.p95),
        ms(one.p99),
        ms(one.sqlP50),
        ms(one.sqlP95),
        ms(one.sqlP99),
        `${(one.p95 / one.sqlP95).toFixed(1)}x`,
        `<= ${PROCESS_LIST_TARGET_RATIO}x`,
        `${ms(one.cpuMs)} / ${ms(one.sqlCpuMs)}`,
      ]),
    ]),
  );
  const at16 = throughput.clients.indexOf(16);
  if (at16 >= 0 && throughput.pgbench[at16]) {
    const share = throughput.uniform[at16].perSecond / throughput.pgbench[at16]!.tps;
    out.push(
      "",
      `16 clients: uniform ${pct(share)} of pgbench (target >= ${pct(UNIFORM_TARGET_SHARE)}), hot ${pct(throughput.hot[at16].perSecond / throughput.uniform[at16].perSecond)} of uniform (target >= ${pct(HOT_TARGET_SHARE)}).`,
    );
  }
  return out;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

async function describeMachine(url: string, embedded: boolean): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const version = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]
      .server_version;
    const buffers = (await client.query<{ shared_buffers: string }>("SHOW shared_buffers")).rows[0]
      .shared_buffers;
    const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
    return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, PostgreSQL ${version} (${embedded ? "embedded" : "DATABASE_URL"}, shared_buffers ${buffers})`;
  } finally {
    await client.end();
  }
}

async function countRequests(url: string, merchantId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number(
      (
        await client.query<{ n: string }>(
          "SELECT count(*) AS n FROM operation_request WHERE merchant_id = $1",
          [merchantId],
        )
      ).rows[0].n,
    );
  } finally {
    await client.end();
  }
}
