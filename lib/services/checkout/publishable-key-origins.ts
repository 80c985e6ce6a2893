import { parseAllowedOrigins } from "@/lib/domain/checkout/publishable-keys";
import { AppError } from "@/lib/errors";

/** The domain's origin rules as the one validation error, naming each wrong entry. */
export function allowedOriginsOrThrow(values: readonly string[]): string[] {
  const parsed = parseAllowedOrigins(values);
  if (parsed.ok) return parsed.origins;
  const details = parsed.errors.map((error) => ({
    field: `allowed_origins.${error.index}`,
    message: error.message,
  }));
  throw new AppError("validation_error", `allowed_origins: ${details[0].message}.`, details);
}
