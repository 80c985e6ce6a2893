"use client";

import { Button } from "@/components/ui/button";

/**
 * A ledger page that could not load (the database did not answer, say). The cause is in the server
 * log; the viewer gets a way to try again rather than a blank page.
 */
export function LedgerError({ title, reset }: { title: string; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">{title} could not be loaded</h1>
      <p className="text-sm text-red-800">
        Something went wrong on our side. Try again; if it keeps failing, tell your administrator.
      </p>
      <Button type="button" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
