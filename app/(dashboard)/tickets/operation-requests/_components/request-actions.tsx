"use client";

import { createContext, type ReactNode, useContext, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-client";
import { availableActions, OPERATION_PERMISSION } from "@/lib/domain/operation-requests/lifecycle";
import type { OperationRequestJson } from "@/lib/validation/operation-requests";
import {
  approveOperationRequestAction,
  cancelOperationRequestAction,
  rejectOperationRequestAction,
  retryOperationRequestAction,
} from "../actions";
import { RejectDialog } from "./reject-dialog";
import type { RequestViewer } from "./request-viewer";

type Kind = "approve" | "reject" | "cancel" | "retry";

const ViewerContext = createContext<RequestViewer>({ isChecker: false, operations: [] });

/**
 * Gives the table's cells the viewer without rebuilding the column definitions: a new column
 * function would be a new component type, remounting every cell (and closing an open dialog) on
 * each live refresh.
 */
export function RequestViewerProvider({
  viewer,
  children,
}: {
  viewer: RequestViewer;
  children: ReactNode;
}) {
  return <ViewerContext value={viewer}>{children}</ViewerContext>;
}

export function useRequestViewer(): RequestViewer {
  return useContext(ViewerContext);
}

/**
 * The buttons a request offers this viewer, from the same lifecycle and policies the services ask
 * (availableActions in lib/domain): the checker approves or rejects a pending request; anyone else
 * holding its operation's permission may cancel it; anyone holding that permission (the checker
 * too) retries one that needs manual action.
 */
function actionsFor(
  request: Pick<OperationRequestJson, "state" | "operation">,
  viewer: RequestViewer,
): Kind[] {
  return availableActions(request, {
    userId: "viewer",
    isChecker: viewer.isChecker,
    permissions: viewer.operations.map((operation) => OPERATION_PERMISSION[operation]),
  });
}

export function RequestActions({
  request,
  viewer,
  size = "compact",
}: {
  request: Pick<OperationRequestJson, "id" | "state" | "operation" | "orderNo">;
  viewer: RequestViewer;
  size?: "compact" | "regular";
}) {
  const [isPending, startTransition] = useTransition();
  // Set synchronously on the first click, so a double click cannot send a second request before
  // React has re-rendered the buttons as disabled.
  const busy = useRef(false);
  const [running, setRunning] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);

  const kinds = actionsFor(request, viewer);
  const disabled = isPending || running !== null;

  function run(kind: Kind, call: () => Promise<ActionResult<null>>, onSuccess?: () => void) {
    if (busy.current) return;
    busy.current = true;
    setRunning(kind);
    setError(null);
    startTransition(async () => {
      try {
        const result = await call();
        if (result.ok) onSuccess?.();
        else setError(result.error.message);
      } catch {
        setError("The server could not be reached. Check your connection and try again.");
      } finally {
        busy.current = false;
        setRunning(null);
      }
    });
  }

  function openRejectDialog() {
    setError(null);
    setRejecting(true);
  }

  const { id } = request;
  const buttonSize = size === "compact" ? "px-2.5 py-1 text-xs" : "";

  return (
    <div className="flex flex-col gap-1" aria-busy={disabled}>
      {kinds.length > 0 && (
        <div className="flex flex-wrap items-center gap-2">
          {kinds.includes("approve") && (
            <Button
              type="button"
              className={buttonSize}
              disabled={disabled}
              onClick={() => run("approve", () => approveOperationRequestAction({ id }))}
            >
              Approve
            </Button>
          )}
          {kinds.includes("reject") && (
            <Button
              type="button"
              variant="secondary"
              className={buttonSize}
              disabled={disabled}
              onClick={openRejectDialog}
            >
              Reject
            </Button>
          )}
          {kinds.includes("cancel") && (
            <Button
              type="button"
              variant="secondary"
              className={buttonSize}
              disabled={disabled}
              onClick={() => run("cancel", () => cancelOperationRequestAction({ id }))}
            >
              Cancel request
            </Button>
          )}
          {kinds.includes("retry") && (
            <Button
              type="button"
              className={buttonSize}
              disabled={disabled}
              onClick={() => run("retry", () => retryOperationRequestAction({ id }))}
            >
              Retry
            </Button>
          )}
          {running && running !== "reject" && (
            <span role="status" className="text-xs text-slate-500">
              {RUNNING_TEXT[running]}
            </span>
          )}
        </div>
      )}
      {/* Outside the buttons' condition: "This request has been canceled." must stay visible after the
          live table has removed the button that caused it. */}
      {error && !rejecting && (
        <p role="alert" className="max-w-xs rounded bg-red-50 px-2 py-1 text-xs text-red-800">
          {error}
        </p>
      )}
      {rejecting && (
        <RejectDialog
          orderNo={request.orderNo}
          operation={request.operation}
          pending={running === "reject"}
          error={error}
          onClose={() => setRejecting(false)}
          onSubmit={(reason) =>
            run(
              "reject",
              () => rejectOperationRequestAction({ id, reason }),
              () => setRejecting(false),
            )
          }
        />
      )}
    </div>
  );
}

const RUNNING_TEXT: Record<Exclude<Kind, "reject">, string> = {
  approve: "Approving…",
  cancel: "Canceling…",
  retry: "Retrying…",
};
