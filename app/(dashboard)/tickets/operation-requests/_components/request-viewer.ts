import { can, type Principal } from "@/lib/auth/principal";
import {
  OPERATION_PERMISSION,
  OPERATIONS,
  type Operation,
} from "@/lib/domain/operation-requests/lifecycle";

/** What the pages tell the buttons about who is looking; the server checks every action again. */
export type RequestViewer = {
  isChecker: boolean;
  /** The operations (refund, void) whose permission the viewer holds. */
  operations: readonly Operation[];
};

export function requestViewerOf(principal: Principal): RequestViewer {
  return {
    isChecker: can(principal, "operation_requests.approve"),
    operations: OPERATIONS.filter((operation) =>
      principal.permissions.includes(OPERATION_PERMISSION[operation]),
    ),
  };
}
