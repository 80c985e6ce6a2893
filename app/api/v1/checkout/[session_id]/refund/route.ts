import { sessionOperationRoute } from "@/lib/api/checkout-routes";
import { methodNotAllowed } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** POST /api/v1/checkout/{session_id}/refund: a refund through the operation-request API (maker-checker applies). */
export const POST = sessionOperationRoute("refund");

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
