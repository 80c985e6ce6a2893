import { BRAND_LABELS, type CardBrand } from "@/lib/domain/cards/brand";
import type { SandboxChargePage } from "@/lib/queries/sandbox-gateway/sandbox-charges";

export function ChargeSummary({ charge }: { charge: SandboxChargePage }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="text-slate-500">Merchant</dt>
      <dd className="break-words">{charge.merchantName}</dd>
      <dt className="text-slate-500">Amount</dt>
      <dd className="font-medium" data-testid="charge-amount">
        {charge.amount}
      </dd>
      {charge.card ? (
        <>
          <dt className="text-slate-500">Card</dt>
          <dd>
            {BRAND_LABELS[charge.card.brand as CardBrand] ?? "Card"} ending {charge.card.last4}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** Shown instead of the form once the charge has its outcome (a second visit, the back button). */
export function ChargeFinished({ charge }: { charge: SandboxChargePage }) {
  return (
    <p role="status" className="rounded-md bg-slate-100 p-3 text-sm text-slate-800">
      This payment has already finished ({charge.status}: {charge.message}). You can close this
      page.
    </p>
  );
}
