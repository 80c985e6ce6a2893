import type { OperationRequest } from "@prisma/client";
import type { DecisionActor } from "@/lib/domain/policies/policy";

/** A request being executed, with the payment facts its outcome needs. */
export type ExecutingRequest = OperationRequest & {
  transaction: { orderNo: string; unitId: string; customerId: string | null };
};

/**
 * Gateway outcomes are facts, recorded whoever triggered the call: the lifecycle is asked about
 * them as nobody in particular. (Who is recorded is the audit actor the caller passes.)
 */
export const GATEWAY_OUTCOME_DECIDER: DecisionActor = {
  userId: "system",
  isChecker: false,
  permissions: [],
};
