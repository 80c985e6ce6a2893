import "server-only";
import { decisionActorOf, type Principal } from "@/lib/domain/auth/principal";
import type { DecisionActor, PolicyResult } from "@/lib/domain/policies/policy";
import { AppError } from "@/lib/errors";

/**
 * A service's first step: ask the use case's policy (lib/domain/policies) about the principal and
 * throw its refusal as the one AppError. Route handlers and server actions both reach the services,
 * so whichever door a request comes through, this is the check that decides.
 */
export function authorize(
  principal: Principal,
  policy: (actor: DecisionActor) => PolicyResult,
): void {
  const result = policy(decisionActorOf(principal));
  if (!result.ok) throw new AppError(result.code, result.message);
}
