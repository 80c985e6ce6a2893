import type { NextRequest } from "next/server";
import { AppError, errorBody } from "@/lib/api/errors";
import { malformedPathReason } from "@/lib/api/malformed-path";

/*
 * Runs before routing (Next.js 16's proxy, formerly middleware). Its one job: a path Next.js cannot
 * decode gets a 400 in the API's error shape, instead of the plain-text 500 Next.js answers when
 * route matching fails to decode it. Everything else passes through untouched.
 */
export function proxy(request: NextRequest): Response | undefined {
  const reason = malformedPathReason(request.nextUrl.pathname);
  if (reason === null) return undefined;
  return Response.json(errorBody(new AppError("validation_error", reason)), {
    status: 400,
    headers: { "cache-control": "no-store" },
  });
}

export const config = {
  // Static build output never carries a client's path segments.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
