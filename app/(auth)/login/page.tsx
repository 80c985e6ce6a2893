import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { principalFromSession } from "@/lib/auth/principal";
import { requestOrigin } from "@/lib/auth/request-address";
import { HOME_PATH, safeCallbackPath } from "@/lib/domain/auth/safe-callback-url";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  // Only same-origin paths: an open redirect after sign-in would be a phishing aid.
  const next = safeCallbackPath(callbackUrl, requestOrigin(await headers()));
  if (await principalFromSession()) redirect(next.startsWith("/login") ? HOME_PATH : next);
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
