"use client";

import { LedgerError } from "../../ledger/_components/ledger-error";

export default function LimitedProcessesError({ reset }: { reset: () => void }) {
  return <LedgerError title="Limited processes" reset={reset} />;
}
