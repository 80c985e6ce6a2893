/**
 * The ledger benchmark's data, on a merchant of its own ("Bench ledger merchant"):
 *
 * - setup: COINS customers, each with a USD client coin, plus EUR_COINS customers with an EUR
 *   coin, every coin funded by one bank_topup process (bank -> coin). These are the coins the
 *   throughput runs move money between.
 * - bulk: PROCESSES business processes (1,000,000 by default) over the last 365 days, in time
 *   order: transfers between coins 70 %, merchant payments 15 %, bank top-ups 10 %, account
 *   creations (amount 0, no transfer) 5 %; processed 92 %, declined 4 %, error 2 %, rejected 2 %.
 *   Each processed one with an amount has one posted transfer, so about 870,000 transfers come with
 *   them (the top-ups of the setup and the throughput runs add more).
 *
 * Written in SQL (INSERT ... SELECT over generate_series into a session-local staging table), in
 * chunks, on one connection. Nothing is disabled: ledger_transfer_apply moves both balances of every
 * transfer, every CHECK (no overdraft) and foreign key runs, so the balances are the sum of the
 * transfers as they are for the app's own writes.
 */
import pg from "pg";

export const LEDGER_MERCHANT = "Bench ledger merchant";

/** Every coin gets this much from its top-up: far more than the runs can move out of it. */
const FUNDING_MINOR = 10_000_000_000n;
const FUNDING_CHUNK = 2_000;
const CHUNK = 20_000;

export type LedgerSetup = {
  merchantId: string;
  usdCoins: string[];
  eurCoins: string[];
  merchantCoinUsd: string;
  bankUsd: string;
  /** A customer with an average number of processes, for the list's customer filter. */
  someCustomer: string;
  seconds: number;
};

async function insertAccount(
  client: pg.Client,
  merchantId: string,
  kind: "merchant_coin" | "bank",
  currency: string,
): Promise<string> {
  // A bank account has no limit flag (money outside the system); a merchant coin has none either.
  const result = await client.query<{ id: string }>(
    `INSERT INTO ledger_account (merchant_id, kind, currency, name, debits_must_not_exceed_credits, credits_must_not_exceed_debits)
     VALUES ($1, $2::"LedgerAccountKind", $3, $4, false, false) RETURNING id`,
    [merchantId, kind, currency, `${kind === "bank" ? "Bank" : "Merchant coin"} ${currency}`],
  );
  return result.rows[0].id;
}

async function openCoins(
  client: pg.Client,
  merchantId: string,
  currency: string,
  count: number,
): Promise<string[]> {
  const result = await client.query<{ id: string }>(
    `WITH c AS (
       INSERT INTO customer (merchant_id, name, email, base_currency)
       SELECT $1, 'Bench customer ' || $2 || ' ' || n, 'bench-' || lower($2) || '-' || n || '@bench.test', $2
       FROM generate_series(1, $3::int) n
       RETURNING id
     )
     INSERT INTO ledger_account (merchant_id, kind, currency, customer_id, name, debits_must_not_exceed_credits, credits_must_not_exceed_debits)
     SELECT $1, 'client_coin', $2, c.id, 'Client coin ' || $2, true, false FROM c
     RETURNING id`,
    [merchantId, currency, count],
  );
  return result.rows.map((row) => row.id);
}

/** One bank_topup process per coin, with its posted transfer bank -> coin, in chunks (the bank row is hot). */
async function fundCoins(
  client: pg.Client,
  merchantId: string,
  bank: string,
  currency: string,
  coins: string[],
): Promise<void> {
  for (let i = 0; i < coins.length; i += FUNDING_CHUNK) {
    const chunk = coins.slice(i, i + FUNDING_CHUNK);
    await client.query("BEGIN");
    await client.query(
      `WITH p AS (
         INSERT INTO business_process (merchant_id, type, process_class, status, customer_id, amount, currency, destination_account_id, finished_at)
         SELECT $1, 'bank_topup', 'BankProcess', 'processed', a.customer_id, $3, $2, a.id, now()
         FROM unnest($4::uuid[]) WITH ORDINALITY AS u(id, ord) JOIN ledger_account a ON a.id = u.id
         ORDER BY u.ord
         RETURNING id, destination_account_id
       )
       INSERT INTO bench_ledger_funding (process_id, coin) SELECT id, destination_account_id FROM p`,
      [merchantId, currency, FUNDING_MINOR.toString(), chunk],
    );
    await client.query(
      `INSERT INTO ledger_transfer (merchant_id, process_id, seq, kind, debit_account_id, credit_account_id, currency, amount)
       SELECT $1, process_id, 1, 'posted', $2, coin, $3, $4 FROM bench_ledger_funding`,
      [merchantId, bank, currency, FUNDING_MINOR.toString()],
    );
    await client.query("TRUNCATE bench_ledger_funding");
    await client.query("COMMIT");
  }
}

export async function prepareLedgerSetup(
  url: string,
  { coins, eurCoins, log }: { coins: number; eurCoins: number; log: (message: string) => void },
): Promise<LedgerSetup> {
  const started = performance.now();
  const client = new pg.Client({
    connectionString: url,
    application_name: "countersign-bench-load",
  });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off");
    const existing = await client.query("SELECT 1 FROM merchant WHERE name = $1", [
      LEDGER_MERCHANT,
    ]);
    if (existing.rowCount)
      throw new Error(
        `"${LEDGER_MERCHANT}" already exists: the ledger benchmark needs an empty database (run without --reuse)`,
      );
    const merchantId = (
      await client.query<{ id: string }>("INSERT INTO merchant (name) VALUES ($1) RETURNING id", [
        LEDGER_MERCHANT,
      ])
    ).rows[0].id;
    const merchantCoinUsd = await insertAccount(client, merchantId, "merchant_coin", "USD");
    const bankUsd = await insertAccount(client, merchantId, "bank", "USD");
    await insertAccount(client, merchantId, "merchant_coin", "EUR");
    const bankEur = await insertAccount(client, merchantId, "bank", "EUR");
    const usdCoins = await openCoins(client, merchantId, "USD", coins);
    const eur = await openCoins(client, merchantId, "EUR", eurCoins);
    await client.query(
      "CREATE TEMP TABLE bench_ledger_funding (process_id uuid NOT NULL, coin uuid NOT NULL)",
    );
    await fundCoins(client, merchantId, bankUsd, "USD", usdCoins);
    await fundCoins(client, merchantId, bankEur, "EUR", eur);
    await client.query("VACUUM (ANALYZE) ledger_account, business_process, ledger_transfer");
    const someCustomer = (
      await client.query<{ customer_id: string }>(
        "SELECT customer_id FROM ledger_account WHERE id = $1",
        [usdCoins[Math.floor(usdCoins.length / 2)]],
      )
    ).rows[0].customer_id;
    const seconds = (performance.now() - started) / 1000;
    log(
      `${coins.toLocaleString("en")} USD + ${eurCoins.toLocaleString("en")} EUR client coins, each funded by a bank_topup, in ${seconds.toFixed(1)} s`,
    );
    return {
      merchantId,
      usdCoins,
      eurCoins: eur,
      merchantCoinUsd,
      bankUsd,
      someCustomer,
      seconds,
    };
  } finally {
    await client.end();
  }
}

/*
 * One chunk: processes n in [lo, hi], created at (n / total) of the way through the last 365 days.
 * Currency USD 80 % / EUR 20 %; source and destination coins drawn uniformly within the currency.
 */
const STAGE_SQL = `
INSERT INTO bench_ledger_stage
WITH base AS (
  SELECT n, random() AS rt, random() AS rs, random() AS ra,
         (random() < 0.8) AS usd,
         date_trunc('milliseconds', $3::timestamptz + ((n - 1) + random()) * (interval '365 days' / $4::int)) AS at
  FROM generate_series($1::int, $2::int) AS n
), picked AS (
  SELECT b.*,
         CASE WHEN rt < 0.70 THEN 'client_transaction_transfer' WHEN rt < 0.85 THEN 'merchant_payment'
              WHEN rt < 0.95 THEN 'bank_topup' ELSE 'client_transaction_issue' END AS type,
         CASE WHEN usd THEN ($5::uuid[])[1 + floor(random() * cardinality($5::uuid[]))::int]
              ELSE ($6::uuid[])[1 + floor(random() * cardinality($6::uuid[]))::int] END AS src,
         CASE WHEN usd THEN ($5::uuid[])[1 + floor(random() * cardinality($5::uuid[]))::int]
              ELSE ($6::uuid[])[1 + floor(random() * cardinality($6::uuid[]))::int] END AS dst
  FROM base b
)
SELECT n, p.type::"ProcessType",
       CASE p.type WHEN 'client_transaction_transfer' THEN 'ClientTransactionProcess' WHEN 'merchant_payment' THEN 'MerchantPaymentProcess'
                   WHEN 'bank_topup' THEN 'BankProcess' ELSE 'ClientTransactionProcess' END,
       (CASE WHEN p.type = 'client_transaction_issue' OR rs < 0.92 THEN 'processed' WHEN rs < 0.96 THEN 'declined'
             WHEN rs < 0.98 THEN 'error' ELSE 'rejected' END)::"ProcessStatus",
       CASE WHEN usd THEN 'USD' ELSE 'EUR' END,
       CASE WHEN p.type = 'client_transaction_issue' THEN 0 ELSE 1 + floor(ra * 50000)::bigint END,
       -- A transfer to oneself is no transfer: such a row (about 1 in 12,500) is left out.
       CASE WHEN p.type IN ('client_transaction_transfer', 'merchant_payment') THEN src END,
       CASE p.type WHEN 'merchant_payment' THEN NULL
                   WHEN 'client_transaction_transfer' THEN (CASE WHEN dst = src THEN NULL ELSE dst END)
                   ELSE dst END,
       at, gen_random_uuid()
FROM picked p`;

const PROCESSES_SQL = `
INSERT INTO business_process
  (id, merchant_id, type, process_class, status, customer_id, amount, currency, source_account_id,
   destination_account_id, created_at, updated_at, finished_at, status_reason)
SELECT s.pid, $1, s.type, s.class, s.status, coalesce(src.customer_id, dst.customer_id), s.amount, s.currency,
       s.src, s.dst, s.at, s.at, CASE WHEN s.status = 'processed' THEN s.at END,
       CASE WHEN s.status = 'rejected' THEN 'Over a limit: max_amount' END
FROM bench_ledger_stage s
LEFT JOIN ledger_account src ON src.id = s.src
LEFT JOIN ledger_account dst ON dst.id = s.dst
WHERE s.type <> 'client_transaction_transfer' OR s.dst IS NOT NULL
ORDER BY s.n`;

const TRANSFERS_SQL = `
INSERT INTO ledger_transfer
  (merchant_id, process_id, seq, kind, debit_account_id, credit_account_id, currency, amount, created_at)
SELECT $1, s.pid, 1, 'posted',
       CASE s.type WHEN 'bank_topup' THEN CASE s.currency WHEN 'USD' THEN $2::uuid ELSE $3::uuid END ELSE s.src END,
       CASE s.type WHEN 'merchant_payment' THEN CASE s.currency WHEN 'USD' THEN $4::uuid ELSE $5::uuid END ELSE s.dst END,
       s.currency, s.amount, s.at
FROM bench_ledger_stage s
WHERE s.status = 'processed' AND s.amount > 0 AND (s.type <> 'client_transaction_transfer' OR s.dst IS NOT NULL)
ORDER BY s.n`;

export type LedgerBulk = {
  processes: number;
  transfers: number;
  seconds: number;
  analyzeSeconds: number;
};

export async function loadLedgerProcesses(
  url: string,
  setup: LedgerSetup,
  { processes, log }: { processes: number; log: (message: string) => void },
): Promise<LedgerBulk> {
  const client = new pg.Client({
    connectionString: url,
    application_name: "countersign-bench-load",
  });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off");
    const accounts = await client.query<{ kind: string; currency: string; id: string }>(
      `SELECT kind::text AS kind, currency, id FROM ledger_account
       WHERE merchant_id = $1 AND kind IN ('bank', 'merchant_coin')`,
      [setup.merchantId],
    );
    const account = (kind: string, currency: string) =>
      accounts.rows.find((row) => row.kind === kind && row.currency === currency)!.id;
    await client.query(`
      CREATE TEMP TABLE bench_ledger_stage (
        n int, type "ProcessType", class text, status "ProcessStatus", currency text, amount bigint,
        src uuid, dst uuid, at timestamptz, pid uuid)`);
    const start = (
      await client.query<{ v: string }>(
        "SELECT (date_trunc('milliseconds', now()) - interval '365 days')::text AS v",
      )
    ).rows[0].v;
    const started = performance.now();
    for (let lo = 1; lo <= processes; lo += CHUNK) {
      const hi = Math.min(processes, lo + CHUNK - 1);
      await client.query("BEGIN");
      await client.query("TRUNCATE bench_ledger_stage");
      await client.query(STAGE_SQL, [lo, hi, start, processes, setup.usdCoins, setup.eurCoins]);
      await client.query(PROCESSES_SQL, [setup.merchantId]);
      await client.query(TRANSFERS_SQL, [
        setup.merchantId,
        account("bank", "USD"),
        account("bank", "EUR"),
        account("merchant_coin", "USD"),
        account("merchant_coin", "EUR"),
      ]);
      await client.query("COMMIT");
      if (hi % (CHUNK * 10) === 0 || hi === processes)
        log(`  ${hi.toLocaleString("en")} / ${processes.toLocaleString("en")} processes`);
    }
    const seconds = (performance.now() - started) / 1000;
    const analyzing = performance.now();
    await client.query("VACUUM (ANALYZE) ledger_account, business_process, ledger_transfer");
    await client.query("CHECKPOINT");
    const analyzeSeconds = (performance.now() - analyzing) / 1000;
    const counts = await client.query<{ processes: string; transfers: string }>(
      `SELECT (SELECT count(*) FROM business_process WHERE merchant_id = $1) AS processes,
              (SELECT count(*) FROM ledger_transfer WHERE merchant_id = $1) AS transfers`,
      [setup.merchantId],
    );
    return {
      processes: Number(counts.rows[0].processes),
      transfers: Number(counts.rows[0].transfers),
      seconds,
      analyzeSeconds,
    };
  } finally {
    await client.end();
  }
}
