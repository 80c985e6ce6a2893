import type { PublishableKeyRow } from "@/lib/queries/checkout/publishable-keys";
import type { PublishableKeyJson } from "@/lib/validation/publishable-keys";

/** A key as the API answers it. */
export function publishableKeyJson(row: PublishableKeyRow): PublishableKeyJson {
  return {
    id: row.id,
    name: row.name,
    key: row.key,
    allowed_origins: row.allowedOrigins,
    created_by: row.createdBy ? row.createdBy.email : null,
    created_at: row.createdAt.toISOString(),
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
