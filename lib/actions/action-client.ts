import type { z } from "zod";
import { can, type Principal, principalFromSession } from "@/lib/auth/principal";
import type { Permission } from "@/lib/domain/auth/permissions";
import { AppError, type ErrorCode } from "@/lib/errors";
import { logger } from "@/lib/log";

/**
 * Every server action is: schema -> signed-in principal holding the named permission -> one
 * service call. "authenticated" leaves the decision to the service's policy, for use cases whose
 * permission depends on the record (cancel and retry need the request's own operation permission). Only AppError messages reach the browser; anything else is logged and answered
 * with a generic message.
 */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: { code: ErrorCode; message: string; fieldErrors?: Record<string, string> };
    };

export function action<S extends z.ZodType, T>(
  schema: S,
  permission: Permission | "authenticated",
  run: (input: z.output<S>, principal: Principal) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const principal = await principalFromSession();
      if (!principal) return failure("unauthenticated", "Your session has ended. Sign in again.");
      if (permission !== "authenticated" && !can(principal, permission))
        return failure("forbidden", `You do not have the '${permission}' permission.`);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues)
          fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
        return {
          ok: false,
          error: { code: "validation_error", message: Object.values(fieldErrors)[0], fieldErrors },
        };
      }
      return { ok: true, data: await run(parsed.data, principal) };
    } catch (error) {
      if (error instanceof AppError) {
        const fieldErrors = fieldErrorsOf(error.details);
        return fieldErrors
          ? { ok: false, error: { code: error.code, message: error.message, fieldErrors } }
          : failure(error.code, error.message);
      }
      logger.error({ err: error }, "server action failed");
      return failure("internal_error", "Something went wrong on our side. Try again.");
    }
  };
}

function failure(code: ErrorCode, message: string): ActionResult<never> {
  return { ok: false, error: { code, message } };
}

/** A service's field refusals ([{ field, message }]), so a form can show each beside its field. */
function fieldErrorsOf(details: unknown): Record<string, string> | undefined {
  if (!Array.isArray(details)) return undefined;
  const fieldErrors: Record<string, string> = {};
  for (const detail of details) {
    if (typeof detail?.field === "string" && typeof detail?.message === "string")
      fieldErrors[detail.field] ??= detail.message;
  }
  return Object.keys(fieldErrors).length > 0 ? fieldErrors : undefined;
}
