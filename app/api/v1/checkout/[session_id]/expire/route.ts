import { endSessionRoute } from "@/lib/api/checkout-routes";
import { methodNotAllowed } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** POST /api/v1/checkout/{session_id}/expire { reason? }: the session ends expired (lib/api/checkout-routes.ts). */
export const POST = endSessionRoute("expired");

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
