import QRCode from "qrcode";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import {
  checkoutUrls,
  findSessionIdByShortCode,
} from "@/lib/queries/checkout/get-checkout-session";
import { ShortCodePathSchema } from "@/lib/validation/checkout-page";

export const dynamic = "force-dynamic";

/**
 * GET /c/{code}/qr: the QR code (SVG) of the session's checkout URL, for printing or a payment
 * request's email. Rendered on the server (the qrcode package), so no page ships a QR encoder.
 */
export const GET = apiRoute(
  { permission: "public", params: ShortCodePathSchema },
  async ({ params }) => {
    const id = await findSessionIdByShortCode(params.code);
    if (!id) throw new AppError("not_found", "No such payment link.");
    const { checkout_url } = checkoutUrls({ id, shortCode: params.code });
    const svg = await QRCode.toString(checkout_url, {
      type: "svg",
      margin: 2,
      errorCorrectionLevel: "M",
    });
    return new Response(svg, {
      status: 200,
      headers: {
        "content-type": "image/svg+xml; charset=utf-8",
        "content-disposition": `inline; filename="checkout-${params.code}.svg"`,
      },
    });
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
