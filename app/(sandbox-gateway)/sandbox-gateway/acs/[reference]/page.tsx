import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSandboxChargePage } from "@/lib/queries/sandbox-gateway/sandbox-charges";
import { sandboxEnabled } from "@/lib/services/transactions/create-sandbox-transaction";
import { ChargeReferenceSchema } from "@/lib/validation/sandbox-gateway";
import { AcsForm } from "../../_components/acs-form";
import { ChargeFinished, ChargeSummary } from "../../_components/charge-summary";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "3-D Secure check", robots: { index: false } };

/** The sandbox issuer's ACS page: the 3-D Secure challenge of a card charge. */
export default async function AcsPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const parsed = ChargeReferenceSchema.safeParse(reference);
  if (!sandboxEnabled() || !parsed.success) notFound();
  const charge = await getSandboxChargePage(parsed.data);
  if (!charge || charge.source === "redirect" || charge.source === "apple_pay") notFound();
  return (
    <section aria-labelledby="acs-title" className="space-y-4">
      <h1 id="acs-title" className="text-lg font-semibold">
        Your bank&apos;s 3-D Secure check
      </h1>
      <p className="text-sm text-slate-600">
        To confirm this payment, enter the one-time code your bank sent you.
      </p>
      <ChargeSummary charge={charge} />
      {charge.status === "pending_challenge" ? (
        <AcsForm reference={charge.reference} />
      ) : (
        <ChargeFinished charge={charge} />
      )}
    </section>
  );
}
