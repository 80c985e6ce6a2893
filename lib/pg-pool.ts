import pg from "pg";

/**
 * A pg Client that reports PostgreSQL `name` columns (OID 19) as `text` (OID 25).
 * @prisma/adapter-pg 6.19 has no mapping for OID 19 and throws "Unsupported column type 19"; the
 * schema engine reads catalog columns of that type during `prisma migrate deploy`. The values are
 * already plain strings in the text protocol, so only the reported type needs to change.
 */
class NameAsTextClient extends pg.Client {
  // pg's overloads are too many to restate. Pool.query calls us with a callback, a checked-out
  // client (inside transactions) with none, so both forms are covered.
  // biome-ignore lint/suspicious/noExplicitAny: pg.Client.query has too many overloads to restate
  query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last];
      args[last] = (error: Error | null, result: unknown) =>
        callback(error, error ? result : reportNameAsText(result));
    }
    // biome-ignore lint/suspicious/noExplicitAny: forwarding the same overloads
    const result = (super.query as any)(...args);
    if (result && typeof result.then === "function") return result.then(reportNameAsText);
    return result;
  }
}

const NAME_OID = 19;
const TEXT_OID = 25;

function reportNameAsText<T>(result: T): T {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of (one as pg.QueryResult | undefined)?.fields ?? []) {
      if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, Client: NameAsTextClient });
  // An idle connection dropped by the server (restart, failover, admin shutdown) emits "error" on
  // the pool; unhandled, that would crash the process. The pool replaces it on the next checkout.
  pool.on("error", (error) =>
    console.error(
      JSON.stringify({ level: "warn", msg: "database connection lost", err: error.message }),
    ),
  );
  return pool;
}
