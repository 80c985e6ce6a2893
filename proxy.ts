import { type NextRequest, NextResponse } from "next/server";
import { AppError, errorBody } from "@/lib/api/errors";
import { lostQueryParameter, malformedPathReason } from "@/lib/api/malformed-path";
import { forwardRequestedPath } from "@/lib/auth/requested-path";

/*
 * Runs before routing (Next.js 16's proxy, formerly middleware), on the request as the client sent
 * it. A path Next.js cannot decode gets a 400 in the API's error shape, instead of the plain-text
 * 500 Next.js answers when route matching fails to decode it; an /api query parameter Next.js
 * would drop (`__proto__`) gets the 400 every unknown parameter gets. A page request carries its
 * own path onward so that sign-in can return to it (lib/auth/requested-path.ts).
 */
export function proxy(request: NextRequest): Response {
  const { pathname, search } = new URL(request.url);
  const reason = malformedPathReason(pathname);
  if (reason !== null) return refuse(reason);
  if (pathname.startsWith("/api/")) {
    const lost = lostQueryParameter(search);
    if (lost !== null) return refuse(`Unknown query parameter '${lost}'.`);
    return NextResponse.next();
  }
  return forwardRequestedPath(request);
}

function refuse(message: string): Response {
  return Response.json(errorBody(new AppError("validation_error", message)), {
    status: 400,
    headers: { "cache-control": "no-store" },
  });
}

export const config = {
  // Static build output never carries a client's path segments.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
