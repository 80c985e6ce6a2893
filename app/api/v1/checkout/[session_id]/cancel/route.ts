import { endSessionRoute } from "@/lib/api/checkout-routes";
import { methodNotAllowed } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** POST /api/v1/checkout/{session_id}/cancel { reason? }: the session ends canceled (lib/api/checkout-routes.ts). */
export const POST = endSessionRoute("canceled");

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
