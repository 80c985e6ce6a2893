import type { SessionRefusal } from "@/lib/domain/checkout/lifecycle";
import { AppError } from "@/lib/errors";

export function sessionRefusalError(refusal: SessionRefusal): AppError {
  return new AppError(refusal.code, refusal.message);
}
