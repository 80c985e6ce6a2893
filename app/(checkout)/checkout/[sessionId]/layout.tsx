import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: "Checkout",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/**
 * The hosted payment page's own shell: no dashboard navigation, no sign-in. The page sets the
 * language and direction on its own container (the root layout's <html> is shared).
 */
export default function CheckoutLayout({ children }: { children: ReactNode }) {
  return <div className="min-h-screen bg-slate-100 px-3 py-6 sm:px-6 sm:py-10">{children}</div>;
}
