import { sessionOperationRoute } from "@/lib/api/checkout-routes";
import { methodNotAllowed } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** POST /api/v1/checkout/{session_id}/void: a void through the operation-request API (maker-checker applies). */
export const POST = sessionOperationRoute("void");

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
