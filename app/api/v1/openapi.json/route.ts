import { openApiDocument } from "@/lib/api/openapi";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document. Public: it describes, it reveals nothing. */
export const GET = apiRoute({ permission: "public" }, async () => ({ body: openApiDocument() }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
