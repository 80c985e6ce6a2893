/**
 * How many rows match the list's filters, above the table: "1,234 requests", or "10,000+ requests"
 * where the server stopped counting.
 */
export function ListTotal({
  total,
  capped,
  noun,
}: {
  total: number;
  capped: boolean;
  /** Singular and plural. */
  noun: readonly [string, string];
}) {
  return (
    <p className="text-sm text-slate-600" data-testid="list-total">
      {total.toLocaleString("en-US")}
      {capped ? "+" : ""} {total === 1 && !capped ? noun[0] : noun[1]}
    </p>
  );
}
