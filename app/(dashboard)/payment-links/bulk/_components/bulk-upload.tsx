"use client";

import { type ChangeEvent, useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  type BulkRow,
  chunkRanges,
  MAX_BULK_BYTES,
  parseBulkCsv,
} from "@/lib/domain/checkout/payment-links";
import { CopyLinkButton } from "../../_components/link-actions";
import { bulkPaymentLinksAction } from "../../actions";

type RowResult =
  | { row: number; ok: true; session_id: string; order_no: string; checkout_short_url: string }
  | { row: number; ok: false; errors: { field: string; message: string }[] };

/**
 * Reads the file in the browser (the same parser as the API), then sends it in chunks of 50 rows,
 * one after another, so the progress bar moves and a large file never waits on one long request.
 */
export function BulkUpload() {
  const id = useId();
  const [rows, setRows] = useState<BulkRow[] | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<RowResult[]>([]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    setResults([]);
    setDone(0);
    setRows(null);
    setFileError(null);
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BULK_BYTES) {
      setFileError("The file is larger than 2 MB; split it into smaller files.");
      return;
    }
    const parsed = parseBulkCsv(await file.text());
    if (!parsed.ok) setFileError(parsed.error.message);
    else setRows(parsed.rows);
  }

  async function upload() {
    if (!rows) return;
    setRunning(true);
    setResults([]);
    setDone(0);
    const collected: RowResult[] = [];
    try {
      for (const [start, end] of chunkRanges(rows.length)) {
        const result = await bulkPaymentLinksAction({
          rows: rows.slice(start, end) as Record<string, string>[],
          firstRow: start + 1,
        });
        if (!result.ok) {
          toast.error(`Stopped at row ${start + 1}: ${result.error.message}`);
          break;
        }
        collected.push(...(result.data.rows as RowResult[]));
        setResults([...collected]);
        setDone(end);
      }
    } finally {
      setRunning(false);
    }
    const created = collected.filter((row) => row.ok).length;
    const failed = collected.length - created;
    if (failed === 0 && created > 0) toast.success(`${created} payment links created`);
    else if (created > 0)
      toast.warning(`${created} created, ${failed} refused; see the rows below`);
    else toast.error("No payment link was created; see the rows below");
  }

  const total = rows?.length ?? 0;
  const created = results.filter((row) => row.ok).length;
  return (
    <div className="space-y-4">
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
          CSV file
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={onFile}
          disabled={running}
          aria-describedby={fileError ? `${id}-file-error` : undefined}
          className="block w-full text-sm"
        />
        {fileError && (
          <p id={`${id}-file-error`} role="alert" className="text-sm text-red-700">
            {fileError}
          </p>
        )}
        {rows && !fileError && (
          <p className="text-sm text-slate-700">
            {total} {total === 1 ? "row" : "rows"} read.
          </p>
        )}
        <Button type="button" onClick={upload} disabled={!rows || running}>
          {running ? "Creating…" : "Create the payment links"}
        </Button>
      </div>
      {(running || results.length > 0) && (
        <div className="space-y-1">
          <label htmlFor={`${id}-progress`} className="text-sm text-slate-700">
            {done} of {total} rows processed
          </label>
          <progress id={`${id}-progress`} max={total} value={done} className="block h-2 w-full" />
        </div>
      )}
      {results.length > 0 && (
        <section aria-labelledby={`${id}-results`} className="space-y-2">
          <h2 id={`${id}-results`} className="text-lg font-semibold">
            Results: {created} created, {results.length - created} refused
          </h2>
          <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
            {results.map((result) => (
              <li
                key={result.row}
                className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3"
                data-testid="bulk-row"
              >
                <span className="font-medium">Row {result.row}</span>
                {result.ok ? (
                  <>
                    <span className="text-emerald-800">Created {result.order_no}</span>
                    <a
                      href={`/payment-links/${result.session_id}`}
                      className="break-all text-indigo-700 underline"
                    >
                      {result.checkout_short_url}
                    </a>
                    <CopyLinkButton url={result.checkout_short_url} label="Copy" />
                  </>
                ) : (
                  <ul className="w-full list-disc pl-5 text-red-800">
                    {result.errors.map((error) => (
                      <li key={`${error.field}:${error.message}`}>
                        {error.field}: {error.message}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
