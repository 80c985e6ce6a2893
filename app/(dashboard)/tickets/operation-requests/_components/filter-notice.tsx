import type { IgnoredTicketParam } from "./parse-ticket-params";

const LABELS: Record<string, string> = {
  state: "State",
  operation: "Operation",
  from: "From date",
  to: "To date",
  pg: "Gateway (PG)",
  currency: "Currency",
  limit: "Page size",
  cursor: "Page",
};

/** Says which parts of the address were not applied, instead of failing the page. */
export function TicketFilterNotice({ ignored, cursorRejected }: { ignored: IgnoredTicketParam[]; cursorRejected: boolean }) {
  if (ignored.length === 0 && !cursorRejected) return null;
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p className="font-medium">Some of the address could not be used:</p>
      <ul className="mt-1 list-disc pl-5">
        {ignored.map((param) => (
          <li key={param.field}>
            {LABELS[param.field] ?? param.field} ignored: {param.message}
          </li>
        ))}
        {cursorRejected && <li>That page link is no longer valid; showing the first page.</li>}
      </ul>
    </div>
  );
}
