import type { NextRequest } from "next/server";
import { AppError, errorBody } from "@/lib/api/errors";
import { lostQueryParameter, malformedPathReason } from "@/lib/api/malformed-path";
import { forwardRequestedPath } from "@/lib/auth/requested-path";
import { embedRequestOf } from "@/lib/domain/checkout/publishable-keys";
import {
  contentSecurityPolicy,
  PROXY_FRAMED_PREFIX,
} from "@/lib/domain/security/content-security-policy";
import { embedAllowed } from "@/lib/queries/checkout/publishable-keys";

/*
 * Runs before routing (Next.js 16's proxy, formerly middleware), on the request as the client sent
 * it. A path Next.js cannot decode gets a 400 in the API's error shape, instead of the plain-text
 * 500 Next.js answers when route matching fails to decode it; an /api query parameter Next.js
 * would drop (`__proto__`) gets the 400 every unknown parameter gets. A page request carries its
 * own path and query on to the page (lib/auth/requested-path.ts), so that a visitor without a
 * session comes back to it after signing in. API requests pass through untouched.
 *
 * The hosted checkout page (/checkout/...) is never framed (frame-ancestors 'none'), except as an
 * embed (?embed=1&pk=&origin=, lib/domain/checkout/embed-protocol.ts) whose key is live, belongs
 * to the session's merchant and lists that origin: then that origin alone may frame it. Any other
 * embed request gets a 403 page. Next.js 16 runs the proxy on Node.js, so the check is one indexed
 * query on the app's own pool (lib/queries/checkout/publishable-keys.ts), on embed requests only.
 */
export async function proxy(request: NextRequest): Promise<Response | undefined> {
  const { pathname, search, searchParams } = new URL(request.url);
  const reason = malformedPathReason(pathname);
  if (reason !== null) return refuse(reason);
  if (!pathname.startsWith("/api/")) {
    if (pathname.startsWith(PROXY_FRAMED_PREFIX))
      return checkoutPage(request, pathname, searchParams);
    return forwardRequestedPath(request);
  }
  const lost = lostQueryParameter(search);
  if (lost !== null) return refuse(`Unknown query parameter '${lost}'.`);
  return undefined;
}

const production = process.env.NODE_ENV === "production";

async function checkoutPage(
  request: NextRequest,
  pathname: string,
  searchParams: URLSearchParams,
): Promise<Response> {
  const embed = embedRequestOf(pathname, searchParams);
  let frameAncestors = "'none'";
  if (embed !== null) {
    if (embed === "invalid" || !(await embedAllowed(embed))) return embedRefused();
    frameAncestors = embed.origin;
  }
  const response = forwardRequestedPath(request);
  response.headers.set(
    "content-security-policy",
    contentSecurityPolicy({ production, frameAncestors }),
  );
  if (embed === null) response.headers.set("x-frame-options", "DENY");
  return response;
}

function embedRefused(): Response {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout unavailable</title></head>' +
    '<body style="font-family:system-ui,sans-serif;padding:1.5rem"><h1 style="font-size:1.25rem">This checkout cannot be shown here</h1>' +
    "<p>The page embedding it is not allowed to, or its key is unknown or revoked. " +
    "The shop can list its address among the key's allowed origins in Settings &gt; Checkout.</p></body></html>";
  return new Response(html, {
    status: 403,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": contentSecurityPolicy({ production, frameAncestors: "'none'" }),
      "x-frame-options": "DENY",
    },
  });
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
