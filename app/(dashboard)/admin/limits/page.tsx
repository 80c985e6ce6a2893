import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePermission } from "@/lib/auth/session";
import { processTypeDefinition } from "@/lib/domain/ledger/catalogue";
import { minorToDecimal } from "@/lib/queries/processes/process-json";
import { listLimitProfiles } from "@/lib/services/ledger/limit-profiles";
import { PROCESS_TYPE_OPTIONS } from "@/lib/validation/processes";
import { LimitProfileForm, RemoveLimitButton } from "./_components/limit-profile-form";

export const metadata: Metadata = { title: "Limits" };

export default async function LimitsPage() {
  const principal = await requirePermission("processes.review");
  const profiles = await listLimitProfiles(principal);
  const rows = profiles.map((p) => ({
    type: p.processType,
    typeName: processTypeDefinition(p.processType).uiName,
    currency: p.currency,
    maxAmount: p.maxAmount === null ? null : minorToDecimal(p.maxAmount, p.currency),
    maxDailyTotal: p.maxDailyTotal === null ? null : minorToDecimal(p.maxDailyTotal, p.currency),
    maxDailyCount: p.maxDailyCount,
  }));
  const types = PROCESS_TYPE_OPTIONS.filter((o) => !processTypeDefinition(o.value).systemMade);
  return (
    <div className="max-w-4xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Limits</h1>
        <p className="mt-1 text-sm text-slate-600">
          A process over one of these limits is not refused: it is created <em>limited</em>, holds
          nothing, and waits in Tickets &gt; Limited processes for the anti-fraud review. Daily
          limits count the customer&apos;s processes of the same type and currency since 00:00 UTC
          that were not declined, rejected or in error.
        </p>
      </header>
      <section aria-labelledby="limits-heading" className="space-y-3">
        <h2 id="limits-heading" className="text-lg font-medium">
          Limit profiles
        </h2>
        {rows.length === 0 ? (
          <div className="rounded-lg border border-slate-200 bg-white">
            <EmptyState
              title="No limits yet"
              description="Every process runs at once. Add a limit below to send large or frequent ones to review."
            />
          </div>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Type
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Currency
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Per process
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Per customer per day
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Count per day
                  </th>
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.type}:${row.currency}`} className="border-t border-slate-100">
                    <td className="px-3 py-2">{row.typeName}</td>
                    <td className="px-3 py-2">{row.currency}</td>
                    <td className="px-3 py-2 text-right font-mono">{row.maxAmount ?? "—"}</td>
                    <td className="px-3 py-2 text-right font-mono">{row.maxDailyTotal ?? "—"}</td>
                    <td className="px-3 py-2 text-right font-mono">{row.maxDailyCount ?? "—"}</td>
                    <td className="px-3 py-2 text-right">
                      <RemoveLimitButton
                        type={row.type}
                        typeName={row.typeName}
                        currency={row.currency}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <LimitProfileForm types={types} />
    </div>
  );
}
