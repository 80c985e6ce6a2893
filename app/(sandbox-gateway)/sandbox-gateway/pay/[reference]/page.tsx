import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSandboxChargePage } from "@/lib/queries/sandbox-gateway/sandbox-charges";
import { sandboxEnabled } from "@/lib/services/transactions/create-sandbox-transaction";
import { ChargeReferenceSchema } from "@/lib/validation/sandbox-gateway";
import { ChargeFinished, ChargeSummary } from "../../_components/charge-summary";
import { PayForm } from "../../_components/pay-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sandbox gateway payment", robots: { index: false } };

/** The sandbox gateway's own payment page, for the redirect method. */
export default async function PayPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const parsed = ChargeReferenceSchema.safeParse(reference);
  if (!sandboxEnabled() || !parsed.success) notFound();
  const charge = await getSandboxChargePage(parsed.data);
  if (charge?.source !== "redirect") notFound();
  return (
    <section aria-labelledby="pay-title" className="space-y-4">
      <h1 id="pay-title" className="text-lg font-semibold">
        Pay with {charge.gatewayName}
      </h1>
      <ChargeSummary charge={charge} />
      {charge.status === "pending_redirect" ? (
        <PayForm reference={charge.reference} amount={charge.amount} />
      ) : (
        <ChargeFinished charge={charge} />
      )}
    </section>
  );
}
