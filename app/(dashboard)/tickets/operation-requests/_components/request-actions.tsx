"use client";

import { createContext, type ReactNode, useContext, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, ConfirmFacts } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/actions/action-client";
import {
  availableActions,
  OPERATION_LABELS,
  OPERATION_PERMISSION,
} from "@/lib/domain/operation-requests/lifecycle";
import { describeOutcome } from "@/lib/domain/operation-requests/wording";
import { formatAmount } from "@/lib/format";
import type { OperationRequestOutcome } from "@/lib/queries/operation-requests/get-payment-operation-state";
import type { OperationRequestJson } from "@/lib/validation/operation-requests";
import {
  approveOperationRequestAction,
  cancelOperationRequestAction,
  rejectOperationRequestAction,
  retryOperationRequestAction,
} from "../actions";
import { useDecision, useOnDecided } from "./decided-requests";
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

/** What the buttons and their confirmations need to know about a request. */
export type ActionableRequest = Pick<
  OperationRequestJson,
  "id" | "state" | "operation" | "orderNo" | "amount" | "currency"
> & { maker: { name: string }; customer?: string | null };

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";

export function RequestActions({
  request,
  viewer,
  size = "compact",
}: {
  request: ActionableRequest;
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
  const [confirming, setConfirming] = useState<"approve" | "cancel" | null>(null);
  const decision = useDecision(request.id);
  const onDecided = useOnDecided();

  // A row this viewer just decided offers nothing more until the view is refreshed: a Retry
  // appearing where Approve was would be clicked by the same double click.
  const kinds = decision ? [] : actionsFor(request, viewer);
  const disabled = isPending || running !== null;
  const label = OPERATION_LABELS[request.operation];
  const amount = formatAmount(request.amount, request.currency);

  function run(
    kind: Kind,
    call: () => Promise<ActionResult<OperationRequestOutcome>>,
    onSuccess?: () => void,
  ) {
    if (busy.current) return;
    busy.current = true;
    setRunning(kind);
    setError(null);
    startTransition(async () => {
      try {
        const result = await call();
        if (result.ok) {
          const outcome = describeOutcome(kind, result.data, new Date());
          const show = outcome.tone === "warning" ? toast.warning : toast.success;
          show(outcome.message, { description: `Order ${request.orderNo}` });
          onSuccess?.();
          onDecided?.(request.id, { action: kind, from: request.state, state: result.data.state });
        } else {
          setError(result.error.message);
          toast.error(result.error.message, { description: `Order ${request.orderNo}` });
        }
      } catch {
        setError(UNREACHABLE);
        toast.error(UNREACHABLE);
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
              onClick={() => setConfirming("approve")}
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
              onClick={() => setConfirming("cancel")}
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
      <ConfirmDialog
        open={confirming === "approve"}
        onOpenChange={(open) => setConfirming(open ? "approve" : null)}
        title={`Approve the ${request.operation} of ${amount}?`}
        confirmLabel={`Approve ${request.operation}`}
        onConfirm={() => run("approve", () => approveOperationRequestAction({ id }))}
      >
        <p>The gateway moves the money as soon as you approve.</p>
        <ConfirmFacts
          facts={[
            ["Operation", label],
            ["Amount", amount],
            ["Order", request.orderNo],
            ["Customer", request.customer ?? "Not recorded"],
            ["Maker", request.maker.name],
          ]}
        />
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === "cancel"}
        onOpenChange={(open) => setConfirming(open ? "cancel" : null)}
        title={`Cancel the ${request.operation} request?`}
        confirmLabel="Cancel request"
        cancelLabel="Keep it"
        tone="danger"
        onConfirm={() => run("cancel", () => cancelOperationRequestAction({ id }))}
      >
        <p>
          The {request.operation} of {amount} on order {request.orderNo}, requested by{" "}
          {request.maker.name}, will not be sent to the checker or the gateway.
        </p>
      </ConfirmDialog>
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
