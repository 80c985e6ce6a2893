/**
 * List latency: the real GET /api/v1/operation-requests route handler, called in-process with a
 * Bearer key, for six filter sets; beside it the very SQL the handler sent (captured from the pg
 * driver during one call), run directly with pg, and its EXPLAIN (ANALYZE, BUFFERS).
 */
import pg from "pg";
import { percentile, timeCalls } from "./stats";

export type ListResult = {
  name: string;
  /** Not one of the six sets: a filter known to be slow, timed with fewer calls, kept out of the JSON. */
  probe: boolean;
  calls: number;
  query: string;
  rows: number;
  p50: number;
  p95: number;
  sqlP50: number;
  sqlP95: number;
  /** Statements the route sent for one call (authentication included). */
  statements: number;
  /** The statement the route sent for the list itself, and the plan PostgreSQL chose for it. */
  sql: string;
  plan: string[];
};

type RouteGet = (
  request: Request,
  context: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

const CALLS = 200;
const WARMUP = 20;
const PROBE_CALLS = 20;
const PROBE_WARMUP = 3;
const DEEP_PAGES = 50;

export type ListBenchmark = {
  sets: ListResult[];
  /** authenticateRequest alone (Bearer key -> principal), the part of every call that is not the list. */
  auth: { p50: number; p95: number; statements: number };
};

export async function benchmarkList(options: {
  url: string;
  apiKey: string;
  log: (message: string) => void;
}): Promise<ListBenchmark> {
  const { GET } = (await import("@/app/api/v1/operation-requests/route")) as { GET: RouteGet };
  const { authenticateRequest } = await import("@/lib/auth/principal");
  const call = async (query: string) => {
    const request = new Request(
      `http://localhost/api/v1/operation-requests${query ? `?${query}` : ""}`,
      {
        headers: { authorization: `Bearer ${options.apiKey}` },
      },
    );
    const response = await GET(request, { params: Promise.resolve({}) });
    const body = (await response.json()) as {
      data?: unknown[];
      nextCursor?: string | null;
      error?: unknown;
    };
    if (response.status !== 200)
      throw new Error(`GET ?${query} answered ${response.status}: ${JSON.stringify(body)}`);
    return body as { data: unknown[]; nextCursor: string | null };
  };

  const day = (daysAgo: number) =>
    new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const sets: { name: string; query: () => Promise<string>; probe?: boolean }[] = [
    { name: "no filter", query: async () => "" },
    { name: "state=pending", query: async () => "state=pending" },
    { name: "operation+currency", query: async () => "operation=void&currency=USD" },
    { name: "pg+date range", query: async () => `pg=knet&from=${day(120)}&to=${day(91)}` },
    {
      name: `deep page (cursor, page ${DEEP_PAGES + 1})`,
      query: async () => {
        let cursor: string | null = null;
        for (let page = 0; page < DEEP_PAGES; page++) {
          const body: { nextCursor: string | null } = await call(cursor ? `cursor=${cursor}` : "");
          cursor = body.nextCursor;
          if (!cursor) throw new Error(`ran out of pages after ${page + 1}`);
        }
        return `cursor=${cursor}`;
      },
    },
    {
      name: "all filters",
      query: async () =>
        `state=done&operation=refund&currency=KWD&pg=knet&from=${day(200)}&to=${day(141)}`,
    },
    // Each gateway has one currency, so this matches nothing; no index has both columns, so the
    // scan reads every knet request of the merchant before it can say so.
    {
      name: "probe: pg+currency, no match",
      query: async () => "pg=knet&currency=USD",
      probe: true,
    },
  ];

  const direct = new pg.Client({
    connectionString: options.url,
    application_name: "countersign-bench-sql",
  });
  await direct.connect();
  try {
    const results: ListResult[] = [];
    for (const set of sets) {
      const query = await set.query();
      const { value: first, statements } = await captureStatements(() => call(query));
      const listing = statements.find(
        (s) =>
          /FROM operation_request r\b/.test(s.text) && /ORDER BY r\.created_at DESC/.test(s.text),
      );
      if (!listing) throw new Error(`no list statement captured for ${set.name}`);

      const [calls, warmup] = set.probe ? [PROBE_CALLS, PROBE_WARMUP] : [CALLS, WARMUP];
      const route = await timeCalls(() => call(query), calls, warmup);
      const sql = await timeCalls(
        () => direct.query({ text: listing.text, values: listing.values, rowMode: "array" }),
        calls,
        warmup,
      );
      const explained = await direct.query<{ "QUERY PLAN": string }>({
        text: `EXPLAIN (ANALYZE, BUFFERS) ${listing.text}`,
        values: listing.values,
      });
      const plan = summarizePlan(explained.rows.map((row) => row["QUERY PLAN"]));
      const result: ListResult = {
        name: set.name,
        probe: set.probe === true,
        calls,
        query: query.replace(/cursor=[^&]+/, "cursor=<page 50's nextCursor>"),
        rows: first.data.length,
        p50: percentile(route, 50),
        p95: percentile(route, 95),
        sqlP50: percentile(sql, 50),
        sqlP95: percentile(sql, 95),
        statements: statements.length,
        sql: oneLine(listing.text),
        plan,
      };
      options.log(
        `  ${set.name}: route p95 ${result.p95.toFixed(2)} ms, SQL p95 ${result.sqlP95.toFixed(2)} ms (${result.rows} rows)`,
      );
      results.push(result);
    }
    const authRequest = () =>
      new Request("http://localhost/api/v1/operation-requests", {
        headers: { authorization: `Bearer ${options.apiKey}` },
      });
    const { statements: authStatements } = await captureStatements(() =>
      authenticateRequest(authRequest()),
    );
    const auth = await timeCalls(() => authenticateRequest(authRequest()), CALLS, WARMUP);
    return {
      sets: results,
      auth: {
        p50: percentile(auth, 50),
        p95: percentile(auth, 95),
        statements: authStatements.length,
      },
    };
  } finally {
    await direct.end();
  }
}

type Statement = { text: string; values: unknown[] };

/**
 * The statements the pg driver is given while `fn` runs. Prisma's pg adapter calls
 * `client.query({ text, values, ... })` on a pg.Client subclass, so wrapping the base class's
 * method sees exactly what reaches PostgreSQL, without touching the app's client.
 */
export async function captureStatements<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; statements: Statement[] }> {
  const statements: Statement[] = [];
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === "string")
      statements.push({ text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof (first as Statement).text === "string") {
      const config = first as Statement;
      statements.push({
        text: config.text,
        values: config.values ?? (Array.isArray(second) ? second : []),
      });
    }
    return original.apply(this, args);
  };
  try {
    return { value: await fn(), statements };
  } finally {
    prototype.query = original;
  }
}

/** Plan nodes with their actual times, the conditions that decide their cost, and the totals. */
export function summarizePlan(lines: string[]): string[] {
  let buffersShown = false;
  return lines.filter((line) => {
    const text = line.trim();
    if (/^Buffers:/.test(text)) {
      if (buffersShown) return false;
      buffersShown = true;
      return true;
    }
    if (text === "Planning:") return false;
    return (
      line === lines[0] ||
      text.startsWith("->") ||
      /^(Index Cond|Filter|Rows Removed by Filter|Heap Fetches|Planning Time|Execution Time|InitPlan|SubPlan)/.test(
        text,
      )
    );
  });
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, " ").trim();
}
