import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { listGateways } from "@/lib/queries/gateways/list-gateways";
import { SandboxBehaviourForm } from "./_components/sandbox-behaviour-form";

export const metadata: Metadata = { title: "Gateways" };

export default async function GatewaysPage() {
  const principal = await requirePermission("gateways.manage");
  const gateways = await listGateways(principal.merchantId);
  return (
    <div className="max-w-4xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Gateways</h1>
        <p className="mt-1 text-sm text-slate-600">
          The payment gateways of {principal.merchantName}. Refunds and voids go to a sandbox
          gateway that answers as set here, so every outcome can be tried without moving real money.
        </p>
      </header>

      <section
        aria-labelledby="magic-amounts-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <h2 id="magic-amounts-heading" className="font-medium">
          Amounts with a fixed answer
        </h2>
        <p className="mt-1 text-slate-600">
          Whatever the mode, a requested amount whose whole-number part is one of these always gets
          the same answer (for example 666, 666.250 or 666.5):
        </p>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
          <dt className="font-mono">666</dt>
          <dd>Declined by the gateway.</dd>
          <dt className="font-mono">500</dt>
          <dd>The gateway answers with a server error (5xx).</dd>
          <dt className="font-mono">408</dt>
          <dd>The gateway times out.</dd>
        </dl>
      </section>

      <section aria-labelledby="sandbox-heading" className="space-y-3">
        <h2 id="sandbox-heading" className="text-lg font-medium">
          Sandbox behaviour
        </h2>
        <p className="text-sm text-slate-600">
          The mode is how the gateway answers every call. &ldquo;Fail the next N calls&rdquo;
          declines that many calls first, then the mode applies again.
        </p>
        {gateways.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
            This merchant has no gateways.
          </p>
        ) : (
          <ul className="space-y-3">
            {gateways.map((gateway) => (
              <li key={gateway.id}>
                <SandboxBehaviourForm gateway={gateway} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
