import { NextResponse } from "next/server";
import { safeCallbackPath } from "@/lib/domain/auth/safe-callback-url";

/**
 * Pages cannot see their own URL on the server, yet a visitor without a session should come back to
 * the page they asked for after signing in. proxy.ts records the path and query of every page
 * request in REQUESTED_PATH_HEADER (replacing any copy the client sent) and requirePrincipal()
 * builds the sign-in link from it. The value only ever becomes a callbackUrl, which the login page
 * checks again, so a forged one can do no more than a crafted /login link.
 */
export const REQUESTED_PATH_HEADER = "x-countersign-requested-path";

// Next.js's own marker of a client-side navigation, not part of the page's address.
const INTERNAL_PARAMS = ["_rsc"];

export function forwardRequestedPath(request: Request): NextResponse {
  const url = new URL(request.url);
  for (const name of INTERNAL_PARAMS) url.searchParams.delete(name);
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${url.pathname}${url.search}`);
  return NextResponse.next({ request: { headers } });
}

/** The sign-in page, with the requested page as its callbackUrl when that is worth coming back to. */
export function signInPathFor(requestedPath: string | null): string {
  const path = safeCallbackPath(requestedPath, "http://countersign.invalid");
  if (path === "/" || path.startsWith("/login")) return "/login";
  return `/login?${new URLSearchParams({ callbackUrl: path })}`;
}
