import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { principalFromSession } from "@/lib/auth/principal";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  if (await principalFromSession()) redirect("/transactions");
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const next =
    callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/transactions";
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to Countersign</h1>
        <p className="mt-1 text-sm text-slate-600">Payment operations for your merchant.</p>
        <LoginForm callbackUrl={next} />
      </div>
    </main>
  );
}
