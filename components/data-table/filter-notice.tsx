/**
 * Says which parts of the address were not applied, instead of failing the page. `labels` names
 * each parameter as the page's filters do; an unlisted one is shown by its parameter name.
 */
export function FilterNotice({
  ignored,
  cursorRejected,
  labels,
}: {
  ignored: readonly { field: string; message: string }[];
  cursorRejected: boolean;
  labels: Readonly<Record<string, string>>;
}) {
  if (ignored.length === 0 && !cursorRejected) return null;
  return (
    <div
      role="status"
      className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
    >
      <p className="font-medium">Some of the address could not be used:</p>
      <ul className="mt-1 list-disc pl-5">
        {ignored.map((param) => (
          <li key={param.field}>
            {labels[param.field] ?? param.field} ignored: {param.message}
          </li>
        ))}
        {cursorRejected && <li>That page link is no longer valid; showing the first page.</li>}
      </ul>
    </div>
  );
}
