import { AppError, errorBody } from "@/lib/api/errors";
import { allowHeader, apiRoute, methodNotAllowed } from "@/lib/api/route";
import { normalizeOrigin } from "@/lib/domain/checkout/embed-protocol";
import {
  browserCredential,
  corsHeaders,
  originAllowed,
} from "@/lib/domain/checkout/publishable-keys";
import {
  anyLiveKeyAllows,
  findLivePublishableKey,
  getPublicCheckoutSession,
} from "@/lib/queries/checkout/publishable-keys";
import {
  PublicSessionParamsSchema,
  PublicSessionResponseSchema,
} from "@/lib/validation/publishable-keys";

export const dynamic = "force-dynamic";

/*
 * The browser's read of a checkout session, with a publishable key (`Authorization: Bearer pk_...`)
 * from a page on one of the key's allowed origins (the Origin header). A key reads only its own
 * merchant's sessions (another merchant's is 404, like an unknown one). A secret key is refused
 * with 401: it must never reach a browser. CORS headers go to the key's allowed origin only.
 */

const SECRET_KEY_MESSAGE =
  "Secret keys (sk_...) must never be used in a browser: anyone who opens the page can read them. " +
  "Use a publishable key (pk_..., Settings > Checkout), and revoke this secret key if it was exposed.";

export const GET = apiRoute(
  { permission: "public", params: PublicSessionParamsSchema, output: PublicSessionResponseSchema },
  async ({ request, params }) => {
    const credential = browserCredential(request.headers.get("authorization"));
    if (credential.kind === "secret") throw new AppError("unauthenticated", SECRET_KEY_MESSAGE);
    if (credential.kind !== "publishable")
      throw new AppError(
        "unauthenticated",
        "Send a publishable key as 'Authorization: Bearer pk_...'.",
      );
    const key = await findLivePublishableKey(credential.key);
    if (!key)
      throw new AppError("unauthenticated", "That publishable key is unknown or was revoked.");
    const origin = request.headers.get("origin");
    if (!originAllowed(origin, key.allowedOrigins))
      throw new AppError(
        "forbidden",
        origin === null
          ? "Send this request from a page on one of the key's allowed origins (no Origin header was sent)."
          : "This page's origin is not one of the key's allowed origins (Settings > Checkout).",
      );
    const headers = corsHeaders(origin);
    const session = await getPublicCheckoutSession(key.merchantId, params.id);
    if (!session)
      return Response.json(errorBody(new AppError("not_found", "Checkout session not found.")), {
        status: 404,
        headers,
      });
    return { body: session, headers };
  },
);

/**
 * The CORS preflight. It carries no key, so it can only tell whether some live key lists the
 * origin; the GET itself checks the key's own list.
 */
export const OPTIONS = apiRoute({ permission: "public" }, async ({ request }) => {
  const origin = request.headers.get("origin");
  const allowed =
    origin !== null && normalizeOrigin(origin) === origin && (await anyLiveKeyAllows(origin));
  return new Response(null, {
    status: 204,
    headers: { allow: allowHeader(["GET"]), ...corsHeaders(allowed ? origin : null) },
  });
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed(["GET"]);
