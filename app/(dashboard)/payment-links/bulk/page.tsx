import type { Metadata } from "next";
import Link from "next/link";
import { requireAllowed } from "@/lib/auth/session";
import {
  BULK_COLUMNS,
  MAX_BULK_ROWS,
  REQUIRED_BULK_COLUMNS,
} from "@/lib/domain/checkout/payment-links";
import { mayCreatePaymentLinks } from "@/lib/domain/policies/payment-links";
import { BulkUpload } from "./_components/bulk-upload";

export const metadata: Metadata = { title: "Upload payment links" };

export default async function BulkPaymentLinksPage() {
  await requireAllowed(mayCreatePaymentLinks);
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <Link href="/payment-links" className="text-sm text-indigo-700 hover:underline">
          ← Payment links
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">Upload payment links</h1>
      </div>
      <div className="space-y-2 text-sm text-slate-700">
        <p>
          A CSV file with a header line and one payment request per line, at most{" "}
          {MAX_BULK_ROWS.toLocaleString("en")} lines. Columns {REQUIRED_BULK_COLUMNS.join(" and ")}{" "}
          are required; the others are optional:
        </p>
        <p className="break-words font-mono text-xs">{BULK_COLUMNS.join(", ")}</p>
        <p>
          Each line is checked on its own: good lines become payment links (and are sent by the
          channels in their <span className="font-mono">channels</span> column, e.g.{" "}
          <span className="font-mono">email;sms</span>), bad ones are listed with their mistakes.
        </p>
      </div>
      <BulkUpload />
    </div>
  );
}
