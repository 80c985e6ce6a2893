"use client";

import { LedgerError } from "../../_components/ledger-error";

export default function LedgerTransactionsError({ reset }: { reset: () => void }) {
  return <LedgerError title="Transactions" reset={reset} />;
}
