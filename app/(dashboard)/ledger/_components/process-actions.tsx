"use client";

import { type FormEvent, useId, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, ConfirmFacts } from "@/components/ui/confirm-dialog";
import { FIELD_CLASSES, Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/action-client";
import { PROCESS_STATUS_LABELS, type ProcessStatus } from "@/lib/domain/ledger/statuses";
import type { ProcessOffer } from "@/lib/domain/policies/process-offers";
import { formatAmount } from "@/lib/format";
import {
  approveProcessAction,
  confirmProcessCodeAction,
  declineProcessAction,
  rejectProcessAction,
} from "../actions";

export type ActionableProcess = {
  id: string;
  status: ProcessStatus;
  typeName: string;
  amount: string;
  currency: string;
  /** Where the money comes from and goes to, as the confirmation names them. */
  from: string;
  to: string;
  customer: string | null;
  /** A distributed process holds on approval by review; the others move the money at once. */
  distributed: boolean;
};

type Outcome = { status: ProcessStatus; statusReason: string | null };

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";

type Confirming = "capture" | "decline" | "review_approve" | "service_approve" | null;

export function ProcessActions({
  process,
  offers,
  size = "regular",
}: {
  process: ActionableProcess;
  offers: readonly ProcessOffer[];
  size?: "compact" | "regular";
}) {
  const [isPending, startTransition] = useTransition();
  // Set synchronously on the first click, so a double click cannot send a second request.
  const busy = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [rejecting, setRejecting] = useState(false);
  const [captureAmount, setCaptureAmount] = useState("");
  const [done, setDone] = useState<ProcessStatus | null>(null);
  const ids = useId();

  if (offers.length === 0 && !error) return null;
  const amount = formatAmount(process.amount, process.currency);
  const capture = captureAmount.trim();
  const partial = capture !== "" && capture !== process.amount;
  const captured = partial ? safeFormat(capture, process.currency) : amount;
  const buttonSize = size === "compact" ? "px-2.5 py-1 text-xs" : "";
  const disabled = isPending || done !== null;

  function run(verb: string, call: () => Promise<ActionResult<Outcome>>, onSuccess?: () => void) {
    if (busy.current) return;
    busy.current = true;
    setError(null);
    startTransition(async () => {
      try {
        const result = await call();
        if (result.ok) {
          setDone(result.data.status);
          toast.success(
            `${verb}: the process is ${PROCESS_STATUS_LABELS[result.data.status].toLowerCase()}.`,
            { description: `${process.typeName} of ${amount}` },
          );
          onSuccess?.();
        } else {
          setError(result.error.message);
          toast.error(result.error.message, { description: `${process.typeName} of ${amount}` });
        }
      } catch {
        setError(UNREACHABLE);
        toast.error(UNREACHABLE);
      } finally {
        busy.current = false;
      }
    });
  }

  function reject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    if (!reason) {
      setError("Give a reason for the rejection.");
      return;
    }
    run(
      "Rejected",
      () => rejectProcessAction({ id: process.id, reason }),
      () => setRejecting(false),
    );
  }

  function confirmCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    run("Code confirmed", () => confirmProcessCodeAction({ id: process.id, code }));
  }

  const facts: [string, string][] = [
    ["Process", process.typeName],
    ["Amount", amount],
    ["From", process.from],
    ["To", process.to],
    ...(process.customer ? [["Customer", process.customer] as [string, string]] : []),
  ];

  return (
    <div className="flex flex-col gap-2" aria-busy={isPending}>
      <div className="flex flex-wrap items-end gap-2">
        {offers.includes("capture") && size === "regular" && (
          <div className="space-y-1">
            <label htmlFor={`${ids}-capture`} className="block text-xs font-medium text-slate-700">
              Capture amount ({process.currency}, optional)
            </label>
            <Input
              id={`${ids}-capture`}
              inputMode="decimal"
              placeholder={process.amount}
              value={captureAmount}
              onChange={(event) => setCaptureAmount(event.target.value)}
              className="w-36"
              aria-describedby={`${ids}-capture-hint`}
            />
            <p id={`${ids}-capture-hint`} className="sr-only">
              Leave empty to capture the whole hold; a smaller amount releases the rest.
            </p>
          </div>
        )}
        {offers.includes("capture") && (
          <Button
            type="button"
            className={buttonSize}
            disabled={disabled}
            onClick={() => setConfirming("capture")}
          >
            Approve
          </Button>
        )}
        {offers.includes("review_approve") && (
          <Button
            type="button"
            className={buttonSize}
            disabled={disabled}
            onClick={() => setConfirming("review_approve")}
          >
            Approve
          </Button>
        )}
        {offers.includes("service_approve") && (
          <Button
            type="button"
            className={buttonSize}
            disabled={disabled}
            onClick={() => setConfirming("service_approve")}
          >
            Approve (service)
          </Button>
        )}
        {offers.includes("review_reject") && (
          <Button
            type="button"
            variant="secondary"
            className={buttonSize}
            disabled={disabled}
            aria-expanded={rejecting}
            aria-controls={`${ids}-reject`}
            onClick={() => {
              setError(null);
              setRejecting((open) => !open);
            }}
          >
            Reject
          </Button>
        )}
        {offers.includes("decline") && (
          <Button
            type="button"
            variant="secondary"
            className={buttonSize}
            disabled={disabled}
            onClick={() => setConfirming("decline")}
          >
            Decline
          </Button>
        )}
        {isPending && (
          <span role="status" className="text-xs text-slate-500">
            Working…
          </span>
        )}
        {done && (
          <span role="status" className="text-xs font-medium text-slate-700">
            Now {PROCESS_STATUS_LABELS[done].toLowerCase()}
          </span>
        )}
      </div>

      {rejecting && !done && (
        <form id={`${ids}-reject`} onSubmit={reject} className="max-w-md space-y-2">
          <label htmlFor={`${ids}-reason`} className="block text-sm font-medium text-slate-700">
            Reason for the rejection
          </label>
          <textarea
            id={`${ids}-reason`}
            name="reason"
            required
            autoFocus
            rows={3}
            maxLength={500}
            className={FIELD_CLASSES}
          />
          <div className="flex gap-2">
            <Button type="submit" variant="danger" className={buttonSize} disabled={disabled}>
              Reject process
            </Button>
            <Button
              type="button"
              variant="secondary"
              className={buttonSize}
              onClick={() => setRejecting(false)}
            >
              Go back
            </Button>
          </div>
        </form>
      )}

      {offers.includes("confirm_code") && !done && (
        <form onSubmit={confirmCode} className="flex flex-wrap items-end gap-2">
          <div className="space-y-1">
            <label htmlFor={`${ids}-code`} className="block text-xs font-medium text-slate-700">
              Customer's one-time code
            </label>
            <Input
              id={`${ids}-code`}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              className="w-32"
            />
          </div>
          <Button type="submit" variant="secondary" className={buttonSize} disabled={disabled}>
            Confirm code
          </Button>
        </form>
      )}

      {error && (
        <p role="alert" className="max-w-md rounded bg-red-50 px-2 py-1 text-sm text-red-800">
          {error}
        </p>
      )}

      <ConfirmDialog
        open={confirming === "capture"}
        onOpenChange={(open) => setConfirming(open ? "capture" : null)}
        title={`Approve the ${process.typeName.toLowerCase()} of ${amount}?`}
        confirmLabel={`Capture ${captured}`}
        onConfirm={() =>
          run("Approved", () =>
            approveProcessAction({ id: process.id, ...(partial ? { amount: capture } : {}) }),
          )
        }
      >
        <p>
          This captures {captured} from {process.from} to {process.to}.
          {partial ? ` The rest of the ${amount} hold is released to ${process.from}.` : ""}
        </p>
        <ConfirmFacts facts={facts} />
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === "review_approve"}
        onOpenChange={(open) => setConfirming(open ? "review_approve" : null)}
        title={`Approve the limited ${process.typeName.toLowerCase()} of ${amount}?`}
        confirmLabel="Approve process"
        onConfirm={() => run("Approved", () => approveProcessAction({ id: process.id }))}
      >
        <p>
          {process.distributed
            ? `This runs the process now: ${amount} is held on ${process.from} for ${process.to}, waiting for its second session.`
            : `This runs the process now: ${amount} moves from ${process.from} to ${process.to}.`}
        </p>
        <ConfirmFacts facts={facts} />
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === "service_approve"}
        onOpenChange={(open) => setConfirming(open ? "service_approve" : null)}
        title={`Approve the ${process.typeName.toLowerCase()} of ${amount}?`}
        confirmLabel="Approve as service"
        onConfirm={() => run("Approved", () => approveProcessAction({ id: process.id }))}
      >
        <p>
          This records the service approval. The process runs once the customer has confirmed the
          one-time code too.
        </p>
        <ConfirmFacts facts={facts} />
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === "decline"}
        onOpenChange={(open) => setConfirming(open ? "decline" : null)}
        title={`Decline the ${process.typeName.toLowerCase()} of ${amount}?`}
        confirmLabel="Decline process"
        cancelLabel="Keep it"
        tone="danger"
        onConfirm={() => run("Declined", () => declineProcessAction({ id: process.id }))}
      >
        <p>
          {process.status === "pending"
            ? `This releases the ${amount} hold back to ${process.from}.`
            : "The process ends without moving anything."}
        </p>
        <ConfirmFacts facts={facts} />
      </ConfirmDialog>
    </div>
  );
}

function safeFormat(decimal: string, currency: string): string {
  try {
    return formatAmount(decimal, currency);
  } catch {
    return `${decimal} ${currency}`;
  }
}
