import { Skeleton } from "@/components/ui/skeleton";

export default function CheckoutSettingsLoading() {
  return (
    <div className="max-w-4xl space-y-6" role="status" aria-live="polite">
      <span className="sr-only">Loading checkout settings</span>
      <div>
        <p className="text-sm text-slate-500">Settings</p>
        <h1 className="text-2xl font-semibold">Checkout</h1>
      </div>
      <Skeleton className="h-40 w-full" />
      <Skeleton className="h-24 w-full" />
    </div>
  );
}
