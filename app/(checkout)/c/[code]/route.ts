import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { findSessionIdByShortCode } from "@/lib/queries/checkout/get-checkout-session";
import { ShortCodePathSchema } from "@/lib/validation/checkout-page";

export const dynamic = "force-dynamic";

/** GET /c/{code}: a session's short link (SMS, WhatsApp, QR) -> 302 to its hosted page. */
export const GET = apiRoute(
  { permission: "public", params: ShortCodePathSchema },
  async ({ request, params }) => {
    const id = await findSessionIdByShortCode(params.code);
    if (!id) throw new AppError("not_found", "No such payment link.");
    return new Response(null, {
      status: 302,
      headers: { location: new URL(`/checkout/${id}`, request.url).toString() },
    });
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
