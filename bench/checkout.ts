/**
 * Checkout session creation: the real POST /api/v1/checkout route handler, called in-process with a
 * real API key (authentication, zod, the service's reads and its one transaction, the view read
 * back, the output schema, JSON), against the physical limit: the very INSERT statements the route
 * sent (captured from the pg driver during one call), sent again directly with pg inside
 * BEGIN/COMMIT, with fresh ids, order numbers and short codes each time.
 */
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { shortCodeFrom } from "@/lib/domain/checkout/session-rules";
import { captureStatements } from "./list";
import { percentile, timeCalls } from "./stats";

type RoutePost = (
  request: Request,
  context: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

export type CheckoutBenchmark = {
  calls: number;
  route: { p50: number; p95: number; p99: number };
  sql: { p50: number; p95: number; p99: number };
  /** Every statement one route call sent, and the INSERTs among them (replayed directly). */
  statements: string[];
  inserts: string[];
};

export async function benchmarkCheckout(options: {
  url: string;
  calls: number;
  log: (message: string) => void;
}): Promise<CheckoutBenchmark> {
  const { seedMerchant } = await import("@/tests/integration/helpers");
  const { POST } = (await import("@/app/api/v1/checkout/route")) as { POST: RoutePost };
  const m = await seedMerchant("Checkout bench");
  const body = JSON.stringify({
    type: "e_commerce",
    amount: "12.500",
    currency_code: "KWD",
    pg_codes: ["knet"],
    customer_first_name: "Sara",
    customer_email: "sara@example.test",
    redirect_url: "https://shop.example.test/done",
  });
  const call = async () => {
    const response = await POST(
      new Request("http://localhost/api/v1/checkout", {
        method: "POST",
        headers: {
          authorization: `Bearer ${m.users.owner.apiKey}`,
          "content-type": "application/json",
        },
        body,
      }),
      { params: Promise.resolve({}) },
    );
    if (response.status !== 201)
      throw new Error(`POST /api/v1/checkout: ${response.status} ${await response.text()}`);
    return (await response.json()) as {
      session_id: string;
      order_no: string;
      checkout_short_url: string;
    };
  };

  const { value: first, statements } = await captureStatements(call);
  const inserts = statements.filter((statement) => /^\s*INSERT/i.test(statement.text));
  if (inserts.length === 0) throw new Error("no INSERT captured from POST /api/v1/checkout");
  const firstShort = first.checkout_short_url.split("/").at(-1) as string;

  options.log(`[checkout] route: ${options.calls} sequential creations after 50 warm-up`);
  const routeSamples = await timeCalls(call, options.calls, 50);

  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  const replay = async () => {
    // The values that must be unique per session; everything else is sent as captured.
    const fresh = new Map<unknown, unknown>([
      [first.session_id, randomUUID()],
      [first.order_no, `BENCH-${randomUUID()}`],
      [firstShort, shortCodeFrom(randomBytes(16))],
    ]);
    await client.query("BEGIN");
    for (const statement of inserts) {
      const result = await client.query(
        statement.text,
        statement.values.map((value) => (fresh.has(value) ? fresh.get(value) : value)),
      );
      // The payment's id is the database's default: the session and audit rows take the new one.
      if (!statement.values.includes(first.session_id) && result.rows[0]?.id)
        fresh.set(first.session_id, result.rows[0].id);
    }
    await client.query("COMMIT");
  };
  try {
    options.log(
      `[checkout] SQL: the ${inserts.length} INSERTs, ${options.calls} times after 50 warm-up`,
    );
    const sqlSamples = await timeCalls(replay, options.calls, 50);
    const summary = (samples: number[]) => ({
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      p99: percentile(samples, 99),
    });
    return {
      calls: options.calls,
      route: summary(routeSamples),
      sql: summary(sqlSamples),
      statements: statements.map((statement) => oneLine(statement.text)),
      inserts: inserts.map((statement) => oneLine(statement.text)),
    };
  } finally {
    await client.end();
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 240 ? `${flat.slice(0, 237)}...` : flat;
}
