/**
 * The list benchmark's data: two merchants and ROWS operation requests (1,000,000 by default), one
 * per payment, spread over the last 365 days, both operations, three currencies and every state.
 * Written in bulk in SQL (INSERT ... SELECT over generate_series into a session-local staging table,
 * then set-based inserts), in chunks of CHUNK rows on two connections at once. Nothing is disabled:
 * every index, CHECK, foreign key and the NOTIFY trigger runs for every row.
 */
import pg from "pg";
import { generateApiKey, hashApiKey } from "@/lib/credentials/api-keys";

export const BENCH_MERCHANTS = ["Bench merchant A", "Bench merchant B"] as const;

const MAKERS_PER_MERCHANT = 20;
const CHUNK = 50_000;
const CONNECTIONS = 2;

export type ListData = {
  /** The merchant the list benchmark reads (the first); the second shares the tables. */
  merchantId: string;
  /** An API key of that merchant's owner, made for this run. */
  apiKey: string;
  /** Operation requests over both bench merchants. */
  requests: number;
  payments: number;
  loaded: boolean;
  loadSeconds: number | null;
  analyzeSeconds: number | null;
};

type Ids = {
  merchants: string[];
  units: string[];
  gateways: string[];
  makers: string[];
  checkers: string[];
  owners: string[];
};

export async function prepareListData(
  url: string,
  { rows, reuse, log }: { rows: number; reuse: boolean; log: (message: string) => void },
): Promise<ListData> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await benchMerchants(client);
    let loaded = false;
    let loadSeconds: number | null = null;
    let analyzeSeconds: number | null = null;
    const present =
      existing.length === 2
        ? await countRequests(
            client,
            existing.map((m) => m.id),
          )
        : 0;
    if (!(reuse && present >= rows)) {
      if (existing.length > 0) {
        log(`removing earlier bench data (${present} requests)`);
        await removeBenchData(
          client,
          existing.map((m) => m.id),
        );
      }
      const started = performance.now();
      const ids = await createSetup(client);
      await loadRows(url, ids, rows, log);
      loadSeconds = (performance.now() - started) / 1000;
      log(`loaded ${rows.toLocaleString("en")} requests in ${loadSeconds.toFixed(1)} s`);
      const analyzing = performance.now();
      // VACUUM as well as ANALYZE: sets the visibility map and hint bits now, as autovacuum would
      // soon, instead of letting the first benchmark reads (or an autovacuum mid-run) do it.
      await client.query("VACUUM (ANALYZE) payment_transaction, operation_request");
      await client.query("CHECKPOINT");
      analyzeSeconds = (performance.now() - analyzing) / 1000;
      log(`VACUUM (ANALYZE) + CHECKPOINT in ${analyzeSeconds.toFixed(1)} s`);
      loaded = true;
    } else {
      log(`reusing ${present.toLocaleString("en")} loaded requests (--reuse)`);
    }
    const merchants = await benchMerchants(client);
    const merchantId = merchants.find((m) => m.name === BENCH_MERCHANTS[0])!.id;
    const apiKey = await createOwnerApiKey(client, merchantId);
    const counts = await client.query<{ requests: string; payments: string }>(
      `SELECT (SELECT count(*) FROM operation_request WHERE merchant_id = ANY($1::uuid[])) AS requests,
              (SELECT count(*) FROM payment_transaction WHERE merchant_id = ANY($1::uuid[])) AS payments`,
      [merchants.map((m) => m.id)],
    );
    return {
      merchantId,
      apiKey,
      requests: Number(counts.rows[0].requests),
      payments: Number(counts.rows[0].payments),
      loaded,
      loadSeconds,
      analyzeSeconds,
    };
  } finally {
    await client.end();
  }
}

async function benchMerchants(client: pg.Client): Promise<{ id: string; name: string }[]> {
  const result = await client.query<{ id: string; name: string }>(
    "SELECT id, name FROM merchant WHERE name = ANY($1::text[]) ORDER BY name",
    [BENCH_MERCHANTS],
  );
  return result.rows;
}

async function countRequests(client: pg.Client, merchantIds: string[]): Promise<number> {
  const result = await client.query<{ n: string }>(
    "SELECT count(*) AS n FROM operation_request WHERE merchant_id = ANY($1::uuid[])",
    [merchantIds],
  );
  return Number(result.rows[0].n);
}

/** Only for a DATABASE_URL that already holds an older load (the embedded database is reset instead). */
async function removeBenchData(client: pg.Client, merchantIds: string[]): Promise<void> {
  await client.query("BEGIN");
  await client.query("DELETE FROM operation_request WHERE merchant_id = ANY($1::uuid[])", [
    merchantIds,
  ]);
  await client.query(
    "DELETE FROM payment_transaction WHERE merchant_id = ANY($1::uuid[]) AND parent_id IS NOT NULL",
    [merchantIds],
  );
  await client.query("DELETE FROM payment_transaction WHERE merchant_id = ANY($1::uuid[])", [
    merchantIds,
  ]);
  await client.query("DELETE FROM merchant WHERE id = ANY($1::uuid[])", [merchantIds]);
  await client.query("DELETE FROM app_user WHERE email LIKE 'bench-%@bench.test'");
  await client.query("COMMIT");
}

/** Merchants, units, gateways, people and the approvals plugin: a handful of rows. */
async function createSetup(client: pg.Client): Promise<Ids> {
  const ids: Ids = { merchants: [], units: [], gateways: [], makers: [], checkers: [], owners: [] };
  await client.query("BEGIN");
  for (const [index, name] of BENCH_MERCHANTS.entries()) {
    const tag = index === 0 ? "a" : "b";
    const merchant = (
      await client.query<{ id: string }>("INSERT INTO merchant (name) VALUES ($1) RETURNING id", [
        name,
      ])
    ).rows[0].id;
    ids.merchants.push(merchant);
    const units = await client.query<{ id: string }>(
      "INSERT INTO unit (merchant_id, name, bcc_initiator) VALUES ($1, 'Online', true), ($1, 'Branch', false) RETURNING id",
      [merchant],
    );
    ids.units.push(...units.rows.map((row) => row.id));
    const gateways = await client.query<{ id: string }>(
      `INSERT INTO payment_gateway (merchant_id, code, name, currency)
       VALUES ($1, 'knet', 'KNET', 'KWD'), ($1, 'WireCard8', 'Wirecard', 'USD'), ($1, 'Paysafe', 'Paysafe', 'EUR') RETURNING id`,
      [merchant],
    );
    ids.gateways.push(...gateways.rows.map((row) => row.id));
    const people = await client.query<{ id: string; email: string }>(
      `INSERT INTO app_user (email, name, password_hash)
       SELECT 'bench-' || $1 || '-' || who || '@bench.test', initcap(who) || ' ' || upper($1), 'x'
       FROM unnest(ARRAY['owner', 'checker'] || ARRAY(SELECT 'maker' || lpad(i::text, 2, '0') FROM generate_series(1, ${MAKERS_PER_MERCHANT}) i)) WITH ORDINALITY AS w(who, ord)
       ORDER BY ord
       RETURNING id, email`,
      [tag],
    );
    const byRole = (prefix: string) =>
      people.rows
        .filter((row) => row.email.startsWith(`bench-${tag}-${prefix}`))
        .map((row) => row.id);
    const [owner] = byRole("owner");
    const [checker] = byRole("checker");
    const makers = byRole("maker");
    ids.owners.push(owner);
    ids.checkers.push(checker);
    ids.makers.push(...makers);
    await client.query(
      `INSERT INTO membership (user_id, merchant_id, role)
       SELECT $2::uuid, $1::uuid, 'owner'::"Role" UNION ALL SELECT u, $1::uuid, 'maker'::"Role" FROM unnest($3::uuid[]) u`,
      [merchant, owner, [checker, ...makers]],
    );
    await client.query(
      "INSERT INTO operations_approval_settings (merchant_id, enabled, checker_user_id) VALUES ($1, true, $2)",
      [merchant, checker],
    );
  }
  await client.query("COMMIT");
  return ids;
}

/** A fresh key per run: the key itself is never stored, so a reused database cannot give it back. */
async function createOwnerApiKey(client: pg.Client, merchantId: string): Promise<string> {
  const key = generateApiKey();
  await client.query(
    `INSERT INTO api_key (user_id, merchant_id, name, prefix, key_hash)
     SELECT m.user_id, m.merchant_id, 'bench', $2, $3 FROM membership m WHERE m.merchant_id = $1 AND m.role = 'owner' LIMIT 1`,
    [merchantId, key.slice(0, 12), hashApiKey(key)],
  );
  return key;
}

/*
 * One chunk: rows n in [lo, hi]. Request n is created at (n / rows) of the way through the last
 * 365 days, so rows arrive in time order as they would in production (the heap correlates with
 * created_at). Merchant = n % 2. States: done 55%, rejected 15%, canceled 12%, expired 12%,
 * pending 4%, manual_action_required 1.5%, approved 0.5%. Operations: void 25%, refund 75%.
 * Currencies: KWD (knet), USD (WireCard8), EUR (Paysafe), a third each.
 */
const STAGE_SQL = `
INSERT INTO bench_stage
WITH base AS (
  SELECT n, (n % 2)::int AS m, floor(random() * 3)::int AS g,
         (CASE WHEN random() < 0.25 THEN 'void' ELSE 'refund' END)::"Operation" AS op,
         random() AS rs, random() AS ra, random() AS rf, random() AS rd, random() AS rx,
         floor(random() * ${MAKERS_PER_MERCHANT})::int AS maker_no,
         date_trunc('milliseconds', $3::timestamptz + ((n - 1) + random()) * (interval '365 days' / $4::int)) AS req_at
  FROM generate_series($1::int, $2::int) AS n
), typed AS (
  SELECT b.*,
         (CASE WHEN rs < 0.55 THEN 'done' WHEN rs < 0.70 THEN 'rejected' WHEN rs < 0.82 THEN 'canceled'
               WHEN rs < 0.94 THEN 'expired' WHEN rs < 0.98 THEN 'pending' WHEN rs < 0.995 THEN 'manual_action_required'
               ELSE 'approved' END)::"OperationRequestState" AS state,
         (ARRAY['KWD', 'USD', 'EUR'])[g + 1] AS currency,
         (ARRAY[3, 2, 2])[g + 1] AS exp,
         round((1 + ra * 499)::numeric, (ARRAY[3, 2, 2])[g + 1]) AS amount
  FROM base b
), decided AS (
  SELECT t.*,
         CASE WHEN op = 'void' OR rf > 0.6 THEN amount
              ELSE greatest(round(amount * (0.1 + rf)::numeric, exp), power(10::numeric, -exp)) END AS req_amount,
         (state = 'done' AND rx < 0.1) AS direct,
         CASE WHEN state IN ('pending', 'canceled', 'expired') THEN NULL
              WHEN state = 'done' AND rx < 0.1 THEN req_at
              ELSE least(req_at + rd * interval '8 hours', date_trunc('milliseconds', now())) END AS decided_at
  FROM typed t
)
SELECT n, m, g, op, state, currency, amount, req_amount, req_at,
       date_trunc('milliseconds', req_at - rd * interval '3 days') AS pay_at,
       decided_at, direct, maker_no, rx,
       gen_random_uuid() AS payment_id, gen_random_uuid() AS request_id,
       CASE WHEN state = 'done' THEN gen_random_uuid() END AS child_id
FROM decided`;

const PAYMENTS_SQL = `
INSERT INTO payment_transaction
  (id, merchant_id, unit_id, gateway_id, kind, order_no, amount, currency, captured_amount, refunded_amount, state, created_at, updated_at)
SELECT payment_id, ($1::uuid[])[m + 1], ($2::uuid[])[m * 2 + (n / 2 % 2)::int + 1], ($3::uuid[])[m * 3 + g + 1],
       'payment', 'BENCH-' || lpad(n::text, 8, '0'), amount, currency,
       CASE WHEN op = 'void' THEN 0 ELSE amount END,
       CASE WHEN op = 'refund' AND state = 'done' THEN req_amount ELSE 0 END,
       (CASE WHEN op = 'void' THEN (CASE WHEN state = 'done' THEN 'voided' ELSE 'authorized' END)
             WHEN state = 'done' THEN (CASE WHEN req_amount = amount THEN 'refunded' ELSE 'partially_refunded' END)
             ELSE 'paid' END)::"TransactionState",
       pay_at, coalesce(decided_at, pay_at)
FROM bench_stage ORDER BY n`;

const CHILDREN_SQL = `
INSERT INTO payment_transaction
  (id, merchant_id, unit_id, gateway_id, kind, order_no, amount, currency, captured_amount, refunded_amount, state, parent_id, created_at, updated_at)
SELECT child_id, ($1::uuid[])[m + 1], ($2::uuid[])[m * 2 + (n / 2 % 2)::int + 1], ($3::uuid[])[m * 3 + g + 1],
       op::text::"TransactionKind", 'BENCH-' || lpad(n::text, 8, '0'), req_amount, currency, 0, 0,
       (CASE WHEN op = 'void' THEN 'voided' ELSE 'refunded' END)::"TransactionState", payment_id,
       least(decided_at + interval '2 seconds', date_trunc('milliseconds', now())),
       least(decided_at + interval '2 seconds', date_trunc('milliseconds', now()))
FROM bench_stage WHERE state = 'done' ORDER BY n`;

const REQUESTS_SQL = `
INSERT INTO operation_request
  (id, merchant_id, transaction_id, gateway_id, operation, amount, currency, state, reason, rejection_reason,
   submitted_by_id, decided_by_id, decided_at, direct_reason, deadline_at, failure_code, failure_message,
   result_transaction_id, created_at, updated_at)
SELECT request_id, ($1::uuid[])[m + 1], payment_id, ($2::uuid[])[m * 3 + g + 1], op, req_amount, currency, state,
       CASE WHEN rx < 0.3 THEN 'Customer asked for it.' END,
       CASE WHEN state = 'rejected' THEN 'Duplicate of an earlier request.' END,
       ($3::uuid[])[m * ${MAKERS_PER_MERCHANT} + maker_no + 1],
       CASE WHEN decided_at IS NULL THEN NULL WHEN direct THEN ($3::uuid[])[m * ${MAKERS_PER_MERCHANT} + maker_no + 1] ELSE ($4::uuid[])[m + 1] END,
       decided_at,
       CASE WHEN direct THEN 'whitelisted' END,
       CASE WHEN state = 'manual_action_required' THEN date_trunc('milliseconds', now() + rx * interval '48 hours') END,
       CASE WHEN state = 'manual_action_required' THEN '05' END,
       CASE WHEN state = 'manual_action_required' THEN 'Do not honour: declined by the issuer.' END,
       child_id, req_at,
       CASE WHEN state IN ('canceled', 'expired') THEN least(req_at + rx * interval '2 days', date_trunc('milliseconds', now()))
            ELSE coalesce(decided_at + interval '2 seconds', req_at) END
FROM bench_stage ORDER BY n`;

async function loadRows(
  url: string,
  ids: Ids,
  rows: number,
  log: (message: string) => void,
): Promise<void> {
  const start = (await oneValue(
    url,
    "SELECT (date_trunc('milliseconds', now()) - interval '365 days')::text AS v",
  )) as string;
  const chunks: [number, number][] = [];
  for (let lo = 1; lo <= rows; lo += CHUNK) chunks.push([lo, Math.min(rows, lo + CHUNK - 1)]);
  let done = 0;
  const worker = async () => {
    const client = new pg.Client({
      connectionString: url,
      application_name: "countersign-bench-load",
    });
    await client.connect();
    try {
      // Session settings only: the loader's commits need not wait for the WAL flush.
      await client.query("SET synchronous_commit = off");
      await client.query(`
        CREATE TEMP TABLE bench_stage (
          n int, m int, g int, op "Operation", state "OperationRequestState", currency text, amount numeric, req_amount numeric,
          req_at timestamptz, pay_at timestamptz, decided_at timestamptz, direct boolean, maker_no int, rx double precision,
          payment_id uuid, request_id uuid, child_id uuid)`);
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        await client.query("BEGIN");
        await client.query("TRUNCATE bench_stage");
        await client.query(STAGE_SQL, [chunk[0], chunk[1], start, rows]);
        await client.query(PAYMENTS_SQL, [ids.merchants, ids.units, ids.gateways]);
        await client.query(CHILDREN_SQL, [ids.merchants, ids.units, ids.gateways]);
        await client.query(REQUESTS_SQL, [ids.merchants, ids.gateways, ids.makers, ids.checkers]);
        await client.query("COMMIT");
        done += chunk[1] - chunk[0] + 1;
        if (done % (CHUNK * 4) === 0 || done === rows)
          log(`  ${done.toLocaleString("en")} / ${rows.toLocaleString("en")} requests`);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
}

async function oneValue(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0].v;
  } finally {
    await client.end();
  }
}
