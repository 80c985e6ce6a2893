import type { Metadata } from "next";
import Link from "next/link";
import { requireAllowed } from "@/lib/auth/session";
import { mayCreatePaymentLinks } from "@/lib/domain/policies/payment-links";
import { listGatewayOptions } from "@/lib/queries/transactions/list-gateway-options";
import { CreateLinkForm } from "./_components/create-link-form";

export const metadata: Metadata = { title: "New payment link" };

export default async function NewPaymentLinkPage() {
  const principal = await requireAllowed(mayCreatePaymentLinks);
  const gateways = await listGatewayOptions(principal.merchantId);
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <Link href="/payment-links" className="text-sm text-indigo-700 hover:underline">
          ← Payment links
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">New payment link</h1>
      </div>
      {gateways.length === 0 ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          You have no payment gateway yet; a payment link needs one to take the payment.
        </p>
      ) : (
        <CreateLinkForm gateways={gateways} />
      )}
    </div>
  );
}
