import { decisionActorOf, type Principal } from "@/lib/auth/principal";
import { OPERATIONS, type Operation } from "@/lib/domain/operation-requests/lifecycle";
import { mayApprove, maySubmit } from "@/lib/domain/policies/operation-requests";

/** What the pages tell the buttons about who is looking; the server checks every action again. */
export type RequestViewer = {
  isChecker: boolean;
  /** The operations (refund, void) whose permission the viewer holds. */
  operations: readonly Operation[];
};

/** Computed on the server from the policies the services ask (lib/domain/policies). */
export function requestViewerOf(principal: Principal): RequestViewer {
  const actor = decisionActorOf(principal);
  return {
    isChecker: mayApprove(actor).ok,
    operations: OPERATIONS.filter((operation) => maySubmit(actor, operation).ok),
  };
}
