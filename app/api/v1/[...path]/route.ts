import { notFoundEverywhere } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** Any /api/v1 path no route serves: the JSON 404 for every method, not an HTML page. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = notFoundEverywhere();
