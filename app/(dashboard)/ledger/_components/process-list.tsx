"use client";

import type { ReactNode } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { formatAmount, formatTimestamp } from "@/lib/format";
import { ProcessActions } from "./process-actions";
import {
  describeBreach,
  LIMITED_PROCESS_COLUMNS,
  PROCESS_COLUMNS,
  ProcessLink,
  type ProcessListRow,
} from "./process-columns";
import { ProcessStatusBadge } from "./process-status-badge";

/**
 * A list of processes: a table from the md breakpoint, one card per process on phones (the amount,
 * type and status together, and on tickets the review's buttons in the same card).
 */
export function ProcessList({
  rows,
  caption,
  empty,
  pending = false,
  variant = "plain",
}: {
  rows: ProcessListRow[];
  caption: string;
  empty: ReactNode;
  pending?: boolean;
  variant?: "plain" | "tickets";
}) {
  return (
    <>
      <div className="hidden md:block">
        <DataTable
          caption={caption}
          columns={variant === "tickets" ? LIMITED_PROCESS_COLUMNS : PROCESS_COLUMNS}
          data={rows}
          getRowId={(row) => row.id}
          pending={pending}
          empty={empty}
        />
      </div>
      <div className={`md:hidden ${pending ? "opacity-60" : ""}`} aria-busy={pending}>
        {rows.length === 0 ? (
          <div className="rounded-lg border border-slate-200 bg-white">{empty}</div>
        ) : (
          <ul aria-label={caption} className="space-y-3">
            {rows.map((process) => (
              <li
                key={process.id}
                data-row-id={process.id}
                className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
              >
                <div className="flex items-start justify-between gap-3">
                  <div>
                    <p className="text-lg font-semibold tabular-nums">
                      {formatAmount(process.amount, process.currency)}
                    </p>
                    <ProcessLink process={process} />
                  </div>
                  <ProcessStatusBadge status={process.status} />
                </div>
                <p className="mt-2 text-slate-600">
                  {process.customer ? `${process.customer.name} · ` : ""}
                  {formatTimestamp(process.createdAt)}
                </p>
                {variant === "tickets" && process.limitBreaches.length > 0 && (
                  <p className="mt-1 text-xs text-slate-600">
                    {process.limitBreaches.map(describeBreach).join("; ")}
                  </p>
                )}
                {variant === "tickets" && process.actionable && process.offers && (
                  <div className="mt-3">
                    <ProcessActions process={process.actionable} offers={process.offers} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
