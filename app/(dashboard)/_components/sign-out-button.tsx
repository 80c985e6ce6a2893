"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={async () => {
        // next-auth would send the browser to NEXTAUTH_URL's host; stay on the one in use.
        await signOut({ redirect: false });
        window.location.assign("/login");
      }}
      className="mt-2 text-xs text-indigo-700 underline"
    >
      Sign out
    </button>
  );
}
