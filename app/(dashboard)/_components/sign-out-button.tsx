"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/login" })}
      className="mt-2 text-xs text-indigo-700 underline"
    >
      Sign out
    </button>
  );
}
