import type { ReactNode } from "react";

/**
 * The sandbox gateway's own pages (the issuer's 3-D Secure check, the gateway's payment page):
 * another party's pages in real life, so no dashboard shell and no sign-in.
 */
export default function SandboxGatewayLayout({ children }: { children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen w-full max-w-md flex-col justify-center px-4 py-8">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
      <p className="mt-4 text-center text-xs text-slate-500">
        Sandbox gateway: a simulation for testing. No real card is charged.
      </p>
    </main>
  );
}
