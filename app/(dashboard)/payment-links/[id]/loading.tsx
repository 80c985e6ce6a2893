import { Skeleton } from "@/components/ui/skeleton";

export default function PaymentLinkLoading() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading the payment link">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}
