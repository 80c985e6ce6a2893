import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSandboxChargePage } from "@/lib/queries/sandbox-gateway/sandbox-charges";
import { sandboxEnabled } from "@/lib/services/transactions/create-sandbox-transaction";
import { ChargeReferenceSchema } from "@/lib/validation/sandbox-gateway";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Back from the gateway", robots: { index: false } };

/**
 * A return URL for trying the sandbox gateway on its own (the hosted checkout page has its own):
 * shows the charge's outcome as the gateway records it, read on the server, never from the query.
 */
export default async function SandboxReturnPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { reference } = await searchParams;
  if (!sandboxEnabled()) notFound();
  const parsed = ChargeReferenceSchema.safeParse(reference);
  const charge = parsed.success ? await getSandboxChargePage(parsed.data) : null;
  return (
    <section aria-labelledby="return-title" className="space-y-3">
      <h1 id="return-title" className="text-lg font-semibold">
        Back from the gateway
      </h1>
      {charge ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Reference</dt>
          <dd className="break-all">{charge.reference}</dd>
          <dt className="text-slate-500">Outcome</dt>
          <dd data-testid="charge-status">{charge.status}</dd>
          <dt className="text-slate-500">Code</dt>
          <dd data-testid="charge-code">{charge.code}</dd>
          <dt className="text-slate-500">Message</dt>
          <dd>{charge.message}</dd>
        </dl>
      ) : (
        <p className="text-sm text-slate-600">No payment with this reference.</p>
      )}
    </section>
  );
}
