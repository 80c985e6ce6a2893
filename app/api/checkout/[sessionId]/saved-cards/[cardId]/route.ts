import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { deleteSavedCard } from "@/lib/services/checkout/delete-saved-card";
import { SavedCardPathSchema } from "@/lib/validation/checkout-page";

export const dynamic = "force-dynamic";

/**
 * DELETE /api/checkout/{sessionId}/saved-cards/{cardId}: the customer deletes a saved card on the
 * hosted page (the session id is the bearer; only the session's own customer's cards). 204.
 */
export const DELETE = apiRoute(
  { permission: "public", params: SavedCardPathSchema },
  async ({ params }) => {
    await deleteSavedCard(params.sessionId, params.cardId);
    return new Response(null, { status: 204 });
  },
);

export const { GET, POST, PUT, PATCH, OPTIONS } = methodNotAllowed(["DELETE"]);
