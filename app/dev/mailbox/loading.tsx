import { Skeleton } from "@/components/ui/skeleton";

export default function MailboxLoading() {
  return (
    <main id="main" className="mx-auto max-w-5xl space-y-4 p-4 md:p-8" aria-busy="true">
      <p className="sr-only" role="status">
        Loading the mailbox…
      </p>
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-10 w-full max-w-md" />
      {[0, 1, 2].map((row) => (
        <Skeleton key={row} className="h-20 w-full" />
      ))}
    </main>
  );
}
