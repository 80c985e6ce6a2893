import type { NextRequest } from "next/server";
import { forwardRequestedPath } from "@/lib/auth/requested-path";

/** Runs before every page (not the API, not static files): see lib/auth/requested-path.ts. */
export function proxy(request: NextRequest) {
  return forwardRequestedPath(request);
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|robots.txt|sitemap.xml).*)"],
};
